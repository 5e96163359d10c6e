#pragma once
// Percent-encoding of path segments and query values (RFC 3986 unreserved characters pass), and
// its inverse.

#include <string>
#include <string_view>

namespace beezup::detail {

std::string percent_encode(std::string_view text);
/// The inverse, for what arrives in paths and queries; a '%' not followed by two hex digits
/// stays as it is.
std::string percent_decode(std::string_view text);

}  // namespace beezup::detail
