#pragma once
// RFC 3339 times as BeezUP writes them, shared by the SDK and the sandbox.

#include <chrono>
#include <string>

namespace beezup::common {

/// "2026-11-26T12:00:00Z": UTC, whole seconds (the fraction is dropped).
std::string format_rfc3339(std::chrono::system_clock::time_point t);

}  // namespace beezup::common
