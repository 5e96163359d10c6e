#pragma once
// Percent-encoding of path segments and query values (RFC 3986 unreserved characters pass).

#include <string>
#include <string_view>

namespace beezup::detail {

std::string percent_encode(std::string_view text);

}  // namespace beezup::detail
