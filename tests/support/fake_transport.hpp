#pragma once
// Test doubles for the pipeline: a scripted transport and a clock that only moves when told.

#include "pipeline/clock.hpp"

#include <beezup/error.hpp>
#include <beezup/http_transport.hpp>

#include <deque>
#include <functional>
#include <mutex>
#include <variant>
#include <vector>

namespace beezup::testing {

/// Answers each request with the next scripted outcome: a response, or a transport failure.
class fake_transport : public http_transport {
public:
    using outcome = std::variant<http_response, transport_failure>;

    void push(outcome o) {
        std::lock_guard lock(mutex_);
        script_.push_back(std::move(o));
    }
    void push(int status, std::string body = {}, http_headers headers = {}) {
        push(http_response{status, "", std::move(headers), std::move(body)});
    }
    /// Outcome used once the script is exhausted.
    void otherwise(outcome o) { fallback_ = std::move(o); }

    http_response send(const http_request& request, const cancellation_token&) override {
        outcome next;
        {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
            if (script_.empty()) {
                if (!fallback_) throw std::logic_error("fake_transport: no scripted outcome left");
                next = *fallback_;
            } else {
                next = script_.front();
                script_.pop_front();
            }
        }
        if (on_send) on_send(request);
        if (auto* failure = std::get_if<transport_failure>(&next))
            throw transport_error(*failure, std::string("scripted ") + to_string(*failure) + " failure");
        return std::get<http_response>(next);
    }

    std::vector<http_request> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::size_t count() const {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }

    std::function<void(const http_request&)> on_send;

private:
    mutable std::mutex mutex_;
    std::deque<outcome> script_;
    std::optional<outcome> fallback_;
    std::vector<http_request> requests_;
};

/// Time stands still until a sleep advances it; every sleep is recorded.
class fake_clock : public detail::clock {
public:
    std::chrono::steady_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::system_clock::time_point wall_now() const override {
        std::lock_guard lock(mutex_);
        return wall_origin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(now_ - origin_);
    }
    bool sleep_until(std::chrono::steady_clock::time_point until, const cancellation_token& cancellation) override {
        if (cancellation.stop_requested()) return false;
        std::lock_guard lock(mutex_);
        sleeps_.push_back(until - now_);
        if (until > now_) now_ = until;
        return true;
    }
    void advance(std::chrono::steady_clock::duration d) {
        std::lock_guard lock(mutex_);
        now_ += d;
    }
    std::vector<std::chrono::steady_clock::duration> sleeps() const {
        std::lock_guard lock(mutex_);
        return sleeps_;
    }
    std::chrono::system_clock::time_point wall_origin() const { return wall_origin_; }

private:
    mutable std::mutex mutex_;
    std::chrono::steady_clock::time_point origin_{std::chrono::hours(1000)};
    std::chrono::steady_clock::time_point now_{origin_};
    std::chrono::system_clock::time_point wall_origin_{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + std::chrono::hours(12)};
    std::vector<std::chrono::steady_clock::duration> sleeps_;
};

}  // namespace beezup::testing
