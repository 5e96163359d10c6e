#include "json_writer.hpp"

#include <charconv>
#include <cstdio>

namespace beezup::sandbox {

std::string format_utc(time_point t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    // Written by hand: snprintf dominated the cost of writing orders.
    std::string out = "0000-00-00T00:00:00Z";
    auto put = [&](std::size_t pos, unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10) out[pos + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, static_cast<unsigned>(hms.hours().count()), 2);
    put(14, static_cast<unsigned>(hms.minutes().count()), 2);
    put(17, static_cast<unsigned>(hms.seconds().count()), 2);
    return out;
}

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
    out_ += '"';
    // Copy runs of characters that need no escaping in one go: this is the hot loop.
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            out_.append(escaped, sizeof escaped);
        }
        }
    }
    out_.append(s.data() + run, s.size() - run);
    out_ += '"';
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
