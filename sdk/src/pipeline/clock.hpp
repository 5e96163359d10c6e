#pragma once
// Time as the pipeline sees it: injectable so that retry and rate-governor timing can be tested
// without sleeping.

#include <beezup/cancellation.hpp>

#include <chrono>

namespace beezup::detail {

class clock {
public:
    virtual ~clock() = default;
    virtual std::chrono::steady_clock::time_point now() const = 0;
    /// Wall-clock time, for HTTP dates (Retry-After).
    virtual std::chrono::system_clock::time_point wall_now() const = 0;
    /// Sleeps until `until`; returns false early when `cancellation` fires.
    virtual bool sleep_until(std::chrono::steady_clock::time_point until, const cancellation_token& cancellation) = 0;
};

/// The real clocks; sleeps wake up on cancellation.
class system_clock final : public clock {
public:
    std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
    std::chrono::system_clock::time_point wall_now() const override { return std::chrono::system_clock::now(); }
    bool sleep_until(std::chrono::steady_clock::time_point until, const cancellation_token& cancellation) override;
};

}  // namespace beezup::detail
