#pragma once
// RFC 4122 version-4 UUIDs from two 64-bit random numbers (the sandbox's ids; shared here).

#include <cstdint>
#include <cstdio>
#include <string>

namespace beezup::common {

inline std::string format_uuid_v4(std::uint64_t a, std::uint64_t b) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08llx-%04llx-4%03llx-%04llx-%012llx", static_cast<unsigned long long>(a >> 32),
                  static_cast<unsigned long long>((a >> 16) & 0xffff), static_cast<unsigned long long>(a & 0xfff),
                  static_cast<unsigned long long>(0x8000 | ((b >> 48) & 0x3fff)),
                  static_cast<unsigned long long>(b & 0xffffffffffffULL));
    return buffer;
}

/// A UUID drawn from `rng` (deterministic for a seeded engine).
template <class Engine>
std::string uuid_v4(Engine& rng) {
    const std::uint64_t a = rng();
    const std::uint64_t b = rng();
    return format_uuid_v4(a, b);
}

}  // namespace beezup::common
