#pragma once
/// @file
/// The SDK's version, as a string and as numbers.

namespace beezup {

/// Version of the SDK, also sent in the User-Agent header.
inline constexpr const char* version_string = "0.1.0";
inline constexpr int version_major = 0;
inline constexpr int version_minor = 1;
inline constexpr int version_patch = 0;

}  // namespace beezup
