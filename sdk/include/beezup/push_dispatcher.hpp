#pragma once
/// @file
/// Hands the pushed orders stored in an inbox to your code: in order per order, at least once,
/// each with an idempotency key, retried with backoff, dead-lettered after too many failures.

#include <beezup/logging.hpp>
#include <beezup/orders.hpp>
#include <beezup/push_inbox.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

namespace beezup {

/// One pushed order version handed to a handler.
struct push_delivery {
    order pushed;                 ///< the order (as pushed, or as re-read when verifying)
    std::string idempotency_key;  ///< the same on every delivery of this version: use it to skip repeats
    std::string event_id;
    int attempt = 1;              ///< 1 for the first run of the handler on this version
};

/// Your code. Returning means done; throwing means failed (retried later, then dead-lettered).
using push_handler = std::function<void(const push_delivery&)>;

struct push_dispatcher_options {
    int max_attempts = 8;                                 ///< failures before dead-letter
    std::chrono::milliseconds base_delay{1000};           ///< before the first retry; doubles each time
    std::chrono::milliseconds max_delay{600'000};         ///< the longest wait between retries
    std::chrono::seconds lease{300};                      ///< a claimed version comes back after this if its
                                                          ///< dispatcher died (keep it above your handler's time)
    std::chrono::milliseconds idle_wait{200};             ///< run(): pause when nothing is ready
    /// "Verify by re-reading": before trusting a pushed version, ask BeezUP for the order's
    /// current ETag; when it differs, the current order is read and handed over instead, and an
    /// order BeezUP does not know is dead-lettered. Costs one call per version.
    std::optional<orders_api> verify_with;
    log_handler logger;
    log_level min_log_level = log_level::info;
};

/// Not thread-safe itself; run one per thread, or several processes on one inbox.
class push_dispatcher {
public:
    push_dispatcher(std::shared_ptr<push_inbox> inbox, push_handler handler, push_dispatcher_options options = {});

    /// Runs the handler on every version ready now; returns how many runs it made.
    std::size_t dispatch_ready();
    /// Dispatches until `stop` is requested.
    void run(std::stop_token stop);

private:
    bool dispatch_one();
    void failed(const inbox_entry& entry, int attempt, const std::string& why, utc_time now);
    void log(log_level level, const std::string& line) const noexcept;

    std::shared_ptr<push_inbox> inbox_;
    push_handler handler_;
    push_dispatcher_options options_;
};

}  // namespace beezup
