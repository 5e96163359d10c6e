#pragma once
// Keeps calls under the API's quota with a token bucket, and pauses everyone sharing the bucket
// when the server says it is overloaded (429, or 409/503 with Retry-After).

#include "clock.hpp"
#include "rate_bucket_store.hpp"

#include <beezup/rate_limit_options.hpp>

#include <chrono>
#include <memory>

namespace beezup::detail {

class rate_governor {
public:
    rate_governor(rate_limit_options options, std::unique_ptr<rate_bucket_store> store, std::shared_ptr<clock> time);

    /// Takes one token, sleeping until one is available. Throws transport_error(timeout) when
    /// none will be before `deadline` (without sleeping), or transport_error(cancelled).
    void acquire(std::chrono::steady_clock::time_point deadline, const cancellation_token& cancellation);

    /// Pauses every caller for `delay` (the server's Retry-After).
    void pause_for(std::chrono::steady_clock::duration delay);

    /// How long a caller would wait now; for tests and diagnostics.
    std::chrono::steady_clock::duration current_wait();

private:
    double now_seconds() const;

    rate_limit_options options_;
    token_bucket bucket_;
    std::unique_ptr<rate_bucket_store> store_;
    std::shared_ptr<clock> clock_;
};

}  // namespace beezup::detail
