#pragma once
// BeezUP error bodies (`{"errors": [...]}`), in both shapes of the spec: `arguments` as an object,
// or as a list of `{name, value}`.

#include <beezup/error.hpp>

#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// The details of an error body. Lenient: an error answer is reported whatever its body, so
/// anything else (empty, HTML, malformed, other shapes) gives no detail rather than a failure.
std::vector<api_error_detail> decode_error_details(std::string_view body);

}  // namespace beezup::detail::json
