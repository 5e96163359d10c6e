#pragma once
// RFC 3339 / ISO 8601 times as BeezUP writes them, in UTC.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace beezup::detail::json {

enum class time_status { ok, malformed, out_of_range };

/// YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm); an offset other than zero is applied, and a
/// time without a zone is taken as UTC (every BeezUP date is a "...UtcDate"). out_of_range: a
/// valid date that system_clock cannot hold (years outside 1678..2261 with nanosecond ticks).
std::optional<std::chrono::system_clock::time_point> read_utc_time(std::string_view s, time_status& status);

/// "2026-11-26T12:00:00Z" (whole seconds, as BeezUP writes its dates).
std::string format_utc_time(std::chrono::system_clock::time_point t);

/// The same, throwing decode_error at `path` for anything that is not a time.
std::chrono::system_clock::time_point parse_utc_time(std::string_view text, const std::string& path);

}  // namespace beezup::detail::json
