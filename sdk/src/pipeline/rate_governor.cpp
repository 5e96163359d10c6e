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
}

double rate_governor::now_seconds() const {
    using seconds = std::chrono::duration<double>;
    if (store_->shared_between_processes()) return seconds(clock_->wall_now().time_since_epoch()).count();
    return seconds(clock_->now().time_since_epoch()).count();
}

void rate_governor::refill(rate_bucket_state& s, double now) const {
    if (!s.initialised) s = {options_.burst, now, 0, true};
    // A clock that went back refills nothing.
    s.tokens = std::min(options_.burst, s.tokens + std::max(0.0, now - s.last_refill) * options_.calls_per_minute / 60.0);
    s.last_refill = std::max(s.last_refill, now);
}

double rate_governor::earliest_start(const rate_bucket_state& s, double now) const {
    // Tokens may go negative: each negative token is a caller queued for the next refill.
    const double queue_wait = s.tokens >= 1 ? 0.0 : (1 - s.tokens) / (options_.calls_per_minute / 60.0);
    return std::max(s.paused_until, now + queue_wait);
}

std::optional<double> rate_governor::reserve(double latest_start) {
    const double now = now_seconds();
    std::optional<double> wait;
    store_->update([&](rate_bucket_state& s) {
        refill(s, now);
        const double start = earliest_start(s, now);
        if (start > latest_start) return;
        s.tokens -= 1;
        wait = start - now;
    });
    return wait;
}

void rate_governor::acquire(std::chrono::steady_clock::time_point deadline, const cancellation_token& cancellation) {
    if (!options_.enabled) return;
    const auto now = clock_->now();
    const double budget = std::chrono::duration<double>(deadline - now).count();
    const auto wait = reserve(now_seconds() + std::max(0.0, budget));
    if (!wait)
        throw transport_error(transport_failure::timeout,
                              "the rate limit allows no call before the operation's deadline");
    if (*wait <= 0) return;
    const auto until = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(*wait));
    if (!clock_->sleep_until(until, cancellation)) {
        store_->update([](rate_bucket_state& s) { s.tokens += 1; });  // the slot was never used
        throw transport_error(transport_failure::cancelled, "the call was cancelled while waiting for the rate limit");
    }
}

void rate_governor::pause_for(std::chrono::steady_clock::duration delay) {
    if (!options_.enabled) return;
    const double now = now_seconds();
    const double until = now + std::chrono::duration<double>(delay).count();
    store_->update([&](rate_bucket_state& s) {
        refill(s, now);
        s.paused_until = std::max(s.paused_until, until);
    });
}

std::chrono::steady_clock::duration rate_governor::current_wait() {
    const double now = now_seconds();
    double wait = 0;
    store_->update([&](rate_bucket_state& s) {
        if (!s.initialised) return;
        refill(s, now);
        wait = std::max(0.0, earliest_start(s, now) - now);
    });
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(wait));
}

}  // namespace beezup::detail
