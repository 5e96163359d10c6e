// Retry-After (seconds or HTTP-date), IMF-fixdate and RFC 3339 parsing: any input gives a value
// in range or nothing, never a crash, an overflow or undefined behaviour.

#include "json/utc_time.hpp"
#include "pipeline/retry_after.hpp"

#include <beezup/error.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'795'000'000));
    if (auto delay = beezup::detail::parse_retry_after(text, now)) {
        if (delay->count() < 0 || delay->count() > beezup::detail::max_retry_after_seconds) std::abort();
    }
    beezup::detail::parse_http_date(text);
    beezup::detail::json::time_status status;
    const auto t = beezup::detail::json::read_utc_time(text, status);
    if (t.has_value() != (status == beezup::detail::json::time_status::ok)) std::abort();
    if (t) {
        // What we read, we write back as a time we read again to the same second.
        const auto again = beezup::detail::json::read_utc_time(beezup::detail::json::format_utc_time(*t), status);
        if (!again || std::chrono::floor<std::chrono::seconds>(*again) != std::chrono::floor<std::chrono::seconds>(*t)) std::abort();
    }
    try {
        beezup::detail::json::parse_utc_time(text, "$");
    } catch (const beezup::decode_error&) {
    } catch (...) {
        std::abort();
    }
    return 0;
}
