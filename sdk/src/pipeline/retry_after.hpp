#pragma once
// Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace beezup::detail {

/// Longest delay parse_retry_after returns (a year): larger values are clamped, so that later
/// duration arithmetic cannot overflow.
inline constexpr std::int64_t max_retry_after_seconds = 365LL * 24 * 3600;

/// The delay the header asks for, measured from `now`; nullopt for a missing or malformed value.
/// A date in the past gives zero.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

/// Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form HTTP requires senders to use.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view value);

}  // namespace beezup::detail
