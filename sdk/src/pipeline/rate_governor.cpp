#include "rate_governor.hpp"

#include <beezup/error.hpp>

#include <algorithm>
#include <cmath>

namespace beezup::detail {

rate_governor::rate_governor(rate_limit_options options, std::unique_ptr<rate_bucket_store> store,
                             std::shared_ptr<clock> time)
    : options_(options), store_(std::move(store)), clock_(std::move(time)) {
    if (options_.calls_per_minute <= 0 || !std::isfinite(options_.calls_per_minute))
        throw error("rate_limit_options::calls_per_minute must be a positive number");
    if (options_.burst < 1 || !std::isfinite(options_.burst))
        throw error("rate_limit_options::burst must be at least 1");
    bucket_ = {options_.calls_per_minute / 60.0, options_.burst};
}

double rate_governor::now_seconds() const {
    using seconds = std::chrono::duration<double>;
    if (store_->shared_between_processes()) return seconds(clock_->wall_now().time_since_epoch()).count();
    return seconds(clock_->now().time_since_epoch()).count();
}

void rate_governor::acquire(std::chrono::steady_clock::time_point deadline, const cancellation_token& cancellation) {
    if (!options_.enabled) return;
    const auto now = clock_->now();
    const double budget = std::chrono::duration<double>(deadline - now).count();
    const double now_s = now_seconds();
    const auto wait = store_->reserve(bucket_, now_s, now_s + std::max(0.0, budget));
    if (!wait)
        throw transport_error(transport_failure::timeout,
                              "the rate limit allows no call before the operation's deadline");
    if (*wait <= 0) return;
    const auto until = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(*wait));
    if (!clock_->sleep_until(until, cancellation)) {
        store_->give_back(bucket_, now_seconds());  // the slot was never used
        throw transport_error(transport_failure::cancelled, "the call was cancelled while waiting for the rate limit");
    }
}

void rate_governor::pause_for(std::chrono::steady_clock::duration delay) {
    if (!options_.enabled) return;
    const double now = now_seconds();
    store_->pause(bucket_, now, now + std::chrono::duration<double>(delay).count());
}

std::chrono::steady_clock::duration rate_governor::current_wait() {
    const double wait = store_->wait(bucket_, now_seconds());
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(wait));
}

}  // namespace beezup::detail
