#pragma once
// How the SDK's stores keep times: nanoseconds since the epoch, in a 64-bit integer.

#include <chrono>
#include <cstdint>

namespace beezup::detail {

inline std::int64_t to_stored_time(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

inline std::chrono::system_clock::time_point from_stored_time(std::int64_t ns) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace beezup::detail
