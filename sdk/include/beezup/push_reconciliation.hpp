#pragma once
/// @file
/// Reconciliation of a push subscription: what its reporting says, and the orders its failed
/// pushes did not bring, pulled into the inbox so that the dispatcher hands them over as if pushed.

#include <beezup/client.hpp>
#include <beezup/logging.hpp>
#include <beezup/push_inbox.hpp>
#include <beezup/subscriptions.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace beezup {

struct reconciliation_options {
    /// Warn when a failing subscription has this many retries left or fewer: BeezUP deactivates
    /// it when retry_count reaches max_retry_count.
    int warn_when_retries_left = 2;
    /// Pull from this long before the latest modification the inbox holds (clocks differ);
    /// versions already stored are not stored twice.
    std::chrono::seconds overlap{120};
    /// Where a reconciliation with an empty inbox starts pulling.
    std::chrono::hours initial_window{24};
    log_handler logger;
    log_level min_log_level = log_level::info;
};

struct reconciliation_result {
    subscription state;              ///< the subscription as BeezUP reported it
    bool near_deactivation = false;  ///< failing, with warn_when_retries_left retries or fewer left
    bool retried = false;            ///< retry() brought the failed push forward
    bool gap_filled = false;         ///< the subscription was failing or inactive: orders were pulled
    std::size_t pulled = 0;          ///< orders read to fill the gap
    std::size_t stored = 0;          ///< of which versions new to the inbox
};

/// Not thread-safe: one run at a time. Keeps a copy of the client (sharing its state).
class push_reconciler {
public:
    push_reconciler(client c, std::shared_ptr<push_inbox> inbox, std::string subscription_id,
                    reconciliation_options options = {});

    /// Reads the subscription; warns near deactivation; when a push is failing, asks BeezUP to
    /// retry it now; when the subscription is failing or inactive, pulls every order modified
    /// since the inbox's latest (minus the overlap) into the inbox. Throws the API's errors.
    reconciliation_result run(const call_context& context = {});

private:
    client client_;
    std::shared_ptr<push_inbox> inbox_;
    std::string subscription_id_;
    reconciliation_options options_;
};

}  // namespace beezup
