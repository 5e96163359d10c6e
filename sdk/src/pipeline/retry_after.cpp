#include "retry_after.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <string>

namespace beezup::detail {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view value) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed widths.
    value = trim(value);
    if (value.size() != 29 || value[3] != ',' || value[4] != ' ' || value[7] != ' ' || value[11] != ' ' ||
        value[16] != ' ' || value[19] != ':' || value[22] != ':' || value[25] != ' ' || value.substr(26) != "GMT")
        return std::nullopt;
    static constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int month = 0;
    while (month < 12 && months[static_cast<std::size_t>(month)] != value.substr(8, 3)) ++month;
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (month == 12 || !parse_int(value.substr(5, 2), day) || !parse_int(value.substr(12, 4), year) ||
        !parse_int(value.substr(17, 2), hour) || !parse_int(value.substr(20, 2), minute) ||
        !parse_int(value.substr(23, 2), second))
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month + 1)},
                              std::chrono::day{static_cast<unsigned>(day)}};
    // Years past 2200 would overflow the clock's nanoseconds; no server means them.
    if (!date.ok() || year < 1970 || year > 2200 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    return sys_days{date} + hours{hour} + minutes{minute} + seconds{second};
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    value = trim(value);
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        std::int64_t seconds = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;  // overflow
        return std::chrono::seconds{std::min(seconds, max_retry_after_seconds)};
    }
    const auto date = parse_http_date(value);
    if (!date) return std::nullopt;
    if (*date <= now) return std::chrono::seconds{0};
    // Round up: waiting a fraction too long is harmless, too short is another rejection.
    return std::min(std::chrono::ceil<std::chrono::seconds>(*date - now), std::chrono::seconds{max_retry_after_seconds});
}

}  // namespace beezup::detail
