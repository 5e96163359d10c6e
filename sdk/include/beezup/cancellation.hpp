#pragma once
/// @file
/// Cooperative cancellation for long SDK calls.

#include <functional>
#include <memory>

namespace beezup {

namespace detail { struct cancellation_state; }

/// A read-only view of a cancellation_source. Copyable; a default token never fires.
/// Thread-safe.
class cancellation_token {
public:
    cancellation_token() = default;

    bool is_cancelled() const noexcept;

    /// Calls `callback` once when cancellation is requested (at once if it already was).
    /// The returned handle unregisters the callback when destroyed.
    std::shared_ptr<void> on_cancel(std::function<void()> callback) const;

private:
    friend class cancellation_source;
    explicit cancellation_token(std::shared_ptr<detail::cancellation_state> state) : state_(std::move(state)) {}
    std::shared_ptr<detail::cancellation_state> state_;
};

/// Owns the right to cancel. Thread-safe.
class cancellation_source {
public:
    cancellation_source();
    cancellation_token token() const { return cancellation_token(state_); }
    void cancel();

private:
    std::shared_ptr<detail::cancellation_state> state_;
};

}  // namespace beezup
