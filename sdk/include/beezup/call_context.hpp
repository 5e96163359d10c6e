#pragma once
/// @file
/// Per-call settings: deadline, cancellation, test mode, idempotency.

#include <beezup/cancellation.hpp>

#include <chrono>
#include <optional>

namespace beezup {

/// Options of one SDK call. A default context uses the client's defaults.
struct call_context {
    /// Absolute deadline of the whole operation, retries and waits included. Unset: now +
    /// client_options::operation_timeout.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    /// Cancels the call (including a request in flight and any wait) when it fires.
    cancellation_token cancellation;
    /// Validate only: BeezUP checks a change or a merchant-info update (single or batch) and does
    /// not apply it on the marketplace. Ignored by calls that change nothing.
    bool test_mode = false;
    /// Marks a POST as safe to repeat, so that the retry policy may re-send it.
    bool idempotent = false;

    /// A context whose deadline is `timeout` from now.
    static call_context with_timeout(std::chrono::steady_clock::duration timeout) {
        call_context context;
        context.deadline = std::chrono::steady_clock::now() + timeout;
        return context;
    }
};

}  // namespace beezup
