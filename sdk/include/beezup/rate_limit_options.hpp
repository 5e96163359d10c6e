#pragma once
/// @file
/// Settings of the rate governor, which keeps the client under BeezUP's call quota.

#include <chrono>
#include <string>

namespace beezup {

/// A token bucket: `calls_per_minute` tokens a minute, at most `burst` saved up. When the server
/// answers 429, or 409/503 with Retry-After, every caller sharing the bucket pauses for that time.
struct rate_limit_options {
    bool enabled = true;
    double calls_per_minute = 100.0;   ///< BeezUP documents 100 calls/minute
    double burst = 10.0;               ///< calls allowed back to back after an idle period
    /// When set, the bucket lives in this file and is shared, under a file lock, by every process
    /// of the machine that names the same file (one file per API key).
    std::string shared_lock_file;
    /// When set (redis://[:password@]host[:port][/db]), the bucket lives in Redis and is shared by
    /// every process on every machine that uses the same API key; a Retry-After one of them sees
    /// pauses them all. While Redis cannot be reached, each process limits itself alone (and logs
    /// it once). Excludes shared_lock_file.
    std::string shared_store_url;
};

}  // namespace beezup
