#pragma once
/// @file
/// How the SDK retries a request that failed in a way that may pass on a second try.

#include <chrono>

namespace beezup {

/// Exponential backoff with full jitter: before attempt n+1 the SDK sleeps a random time in
/// [0, min(max_delay, base_delay * 2^(n-1))], or the server's Retry-After when it sent one, never
/// past the operation's deadline. Only requests safe to repeat are retried: GET, HEAD, and POSTs
/// marked idempotent in their call_context. Retried outcomes: connection failures, timeouts,
/// 408, 429, 500, 502, 503, 504, and 409 with Retry-After.
struct retry_options {
    int max_attempts = 4;                              ///< 1 disables retries
    std::chrono::milliseconds base_delay{500};
    std::chrono::milliseconds max_delay{30'000};
    /// Longest Retry-After the SDK waits for; a longer one ends the retries at once.
    std::chrono::milliseconds max_retry_after{120'000};
};

}  // namespace beezup
