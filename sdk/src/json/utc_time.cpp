#include "utc_time.hpp"

#include <beezup/error.hpp>

#include <charconv>

namespace beezup::detail::json {

std::chrono::system_clock::time_point parse_utc_time(std::string_view s, const std::string& path) {
    auto fail = [&]() -> std::chrono::system_clock::time_point {
        throw decode_error(path, "expected an ISO 8601 UTC date-time, found \"" + std::string(s.substr(0, 40)) + "\"");
    };
    auto number = [&](std::size_t pos, std::size_t len, int& v) {
        auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, v);
        return ec == std::errc() && end == s.data() + pos + len;
    };
    int y, mo, d, h, mi, se;
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' ||
        !number(0, 4, y) || !number(5, 2, mo) || !number(8, 2, d) || !number(11, 2, h) || !number(14, 2, mi) ||
        !number(17, 2, se))
        return fail();
    std::size_t pos = 19;
    std::int64_t nanos = 0;
    if (s[pos] == '.') {
        std::int64_t scale = 100'000'000;
        const auto start = ++pos;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) nanos += (s[pos] - '0') * scale;
        if (pos == start) return fail();
    }
    const auto zone = s.substr(pos);
    if (zone != "Z" && zone != "z" && zone != "+00:00") return fail();
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    // Years past 2200 would overflow the clock's nanoseconds.
    if (!ymd.ok() || y < 1900 || y > 2200 || h > 23 || mi > 59 || se > 60) return fail();
    return std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{se} +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds{nanos});
}

}  // namespace beezup::detail::json
