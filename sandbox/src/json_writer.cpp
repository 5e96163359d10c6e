#include "json_writer.hpp"

#include "common/json_escape.hpp"
#include "common/rfc3339.hpp"

#include <charconv>
#include <cstdio>

namespace beezup::sandbox {

std::string format_utc(time_point t) { return common::format_rfc3339(t); }

std::string format_http_date(time_point t) {
    static constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::weekday wd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d GMT", weekdays[wd.c_encoding()],
                  static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                  static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buffer;
}

bool parse_utc(std::string_view s, time_point& out) {
    auto number = [&](std::size_t pos, std::size_t len, int& v) {
        if (pos + len > s.size()) return false;
        auto [end, ec] = std::from_chars(s.data() + pos, s.data() + pos + len, v);
        return ec == std::errc() && end == s.data() + pos + len;
    };
    int y, mo, d, h, mi, se;
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':' ||
        !number(0, 4, y) || !number(5, 2, mo) || !number(8, 2, d) || !number(11, 2, h) || !number(14, 2, mi) ||
        !number(17, 2, se))
        return false;
    std::size_t pos = 19;
    std::chrono::nanoseconds fraction{0};
    if (pos < s.size() && s[pos] == '.') {
        std::int64_t scale = 100'000'000, ns = 0;
        ++pos;
        const auto start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (scale > 0) ns += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start) return false;
        fraction = std::chrono::nanoseconds{ns};
    }
    const auto zone = s.substr(pos);
    if (zone != "Z" && zone != "z" && zone != "+00:00") return false;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    // Years past 2200 would overflow the clock's nanoseconds.
    if (!ymd.ok() || y < 1970 || y > 2200 || h > 23 || mi > 59 || se > 60) return false;
    out = std::chrono::sys_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{se} +
          std::chrono::duration_cast<time_point::duration>(fraction);
    return true;
}

void json_writer::separator() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
}

json_writer& json_writer::begin_object() {
    separator();
    out_ += '{';
    need_comma_ = false;
    return *this;
}
json_writer& json_writer::end_object() {
    out_ += '}';
    need_comma_ = true;
    return *this;
}
json_writer& json_writer::begin_array() {
    separator();
    out_ += '[';
    need_comma_ = false;
    return *this;
}
json_writer& json_writer::end_array() {
    out_ += ']';
    need_comma_ = true;
    return *this;
}

json_writer& json_writer::key(std::string_view k) {
    value(k);
    out_ += ':';
    need_comma_ = false;
    return *this;
}

json_writer& json_writer::value(std::string_view s) {
    separator();
    common::append_json_string(out_, s);
    return *this;
}

json_writer& json_writer::value(std::int64_t n) {
    separator();
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n);
    out_.append(buffer, end);
    return *this;
}

json_writer& json_writer::value(bool b) {
    separator();
    out_ += b ? "true" : "false";
    return *this;
}

json_writer& json_writer::value(money m) {
    separator();
    if (m.cents < 0) out_ += '-';
    const auto abs = m.cents < 0 ? -static_cast<unsigned long long>(m.cents) : static_cast<unsigned long long>(m.cents);
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, abs / 100);
    out_.append(buffer, end);
    const auto fraction = static_cast<char>(abs % 100);
    out_ += '.';
    out_ += static_cast<char>('0' + fraction / 10);
    out_ += static_cast<char>('0' + fraction % 10);
    return *this;
}

json_writer& json_writer::null() {
    separator();
    out_ += "null";
    return *this;
}

json_writer& json_writer::raw(std::string_view json) {
    separator();
    out_ += json;
    return *this;
}

}  // namespace beezup::sandbox
