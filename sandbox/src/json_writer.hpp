#pragma once
// A streaming JSON writer for the sandbox's responses. Boost.JSON would print 12.5 as 1.25E1;
// BeezUP's amounts are decimals, so they are written as exact fixed-point text ("12.50").

#include "order_model.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace beezup::sandbox {

/// "2026-11-26T12:00:00Z"
std::string format_utc(time_point t);
/// "Thu, 26 Nov 2026 12:00:00 GMT"
std::string format_http_date(time_point t);
/// Parses RFC 3339 / ISO 8601 UTC ("...Z" or "+00:00", optional fraction); false when malformed.
bool parse_utc(std::string_view text, time_point& out);

class json_writer {
public:
    json_writer& begin_object();
    json_writer& end_object();
    json_writer& begin_array();
    json_writer& end_array();
    json_writer& key(std::string_view k);
    json_writer& value(std::string_view s);
    json_writer& value(const char* s) { return value(std::string_view(s)); }
    json_writer& value(const std::string& s) { return value(std::string_view(s)); }
    json_writer& value(std::int64_t n);
    json_writer& value(int n) { return value(static_cast<std::int64_t>(n)); }
    json_writer& value(bool b);
    json_writer& value(money m);
    json_writer& value(time_point t) { return value(format_utc(t)); }
    json_writer& null();
    /// Inserts already-serialised JSON.
    json_writer& raw(std::string_view json);

    /// key + value in one call, skipping empty strings when `skip_empty`.
    template <class T>
    json_writer& member(std::string_view k, const T& v) {
        return key(k).value(v);
    }
    json_writer& member_if(std::string_view k, const std::string& v) {
        return v.empty() ? *this : key(k).value(v);
    }

    const std::string& str() const noexcept { return out_; }
    std::string take() { return std::move(out_); }

private:
    void separator();
    std::string out_;
    bool need_comma_ = false;
};

}  // namespace beezup::sandbox
