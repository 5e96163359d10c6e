#pragma once
// RFC 3339 / ISO 8601 UTC times as BeezUP writes them.

#include <chrono>
#include <string>
#include <string_view>

namespace beezup::detail::json {

/// Parses "2026-11-26T12:00:00Z" (fraction optional, "Z" or "+00:00"); throws decode_error at
/// `path` for anything else.
std::chrono::system_clock::time_point parse_utc_time(std::string_view text, const std::string& path);

}  // namespace beezup::detail::json
