#include "utc_time.hpp"

#include "../common/rfc3339.hpp"

#include <beezup/error.hpp>

#include <cstdio>

namespace beezup::detail::json {
namespace {

using utc_time = std::chrono::system_clock::time_point;

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

std::optional<utc_time> read_utc_time(std::string_view s, time_status& status) {
    status = time_status::malformed;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return std::nullopt;
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                          std::chrono::day(static_cast<unsigned>(d))};
    if (!ymd.ok()) return std::nullopt;

    std::size_t pos = 19;
    std::int64_t nanos = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        const std::size_t first = pos;
        int kept = 0;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos)
            if (kept < 9) {
                nanos = nanos * 10 + (s[pos] - '0');
                ++kept;
            }
        if (pos == first) return std::nullopt;
        for (; kept < 9; ++kept) nanos *= 10;
    }
    std::chrono::minutes offset{0};
    if (pos < s.size()) {
        if (s[pos] == 'Z' || s[pos] == 'z') {
            ++pos;
        } else if (s[pos] == '+' || s[pos] == '-') {
            int oh = 0, om = 0;
            if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om) ||
                oh > 23 || om > 59)
                return std::nullopt;
            offset = std::chrono::minutes(oh * 60 + om);
            if (s[pos] == '-') offset = -offset;
            pos += 6;
        }
    }
    if (pos != s.size()) return std::nullopt;
    const auto t = std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
                   std::chrono::seconds(sec) - offset;  // in seconds: cannot overflow
    using std::chrono::seconds;
    constexpr auto lowest = std::chrono::duration_cast<seconds>(utc_time::duration::min()) + seconds(1);
    constexpr auto highest = std::chrono::duration_cast<seconds>(utc_time::duration::max()) - seconds(1);
    if (t.time_since_epoch() < lowest || t.time_since_epoch() > highest) {
        status = time_status::out_of_range;
        return std::nullopt;
    }
    status = time_status::ok;
    return std::chrono::time_point_cast<utc_time::duration>(t) +
           std::chrono::duration_cast<utc_time::duration>(std::chrono::nanoseconds(nanos));
}


std::string format_utc_time(utc_time t) { return common::format_rfc3339(t); }

utc_time parse_utc_time(std::string_view text, const std::string& path) {
    time_status status{};
    if (auto t = read_utc_time(text, status)) return *t;
    throw decode_error(path, std::string(status == time_status::out_of_range ? "date-time out of the clock's range: \""
                                                                             : "expected an ISO 8601 date-time, found \"") +
                                 std::string(text.substr(0, 40)) + "\"");
}

}  // namespace beezup::detail::json
