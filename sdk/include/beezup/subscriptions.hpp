#pragma once
/// @file
/// Push subscriptions: BeezUP POSTs order changes to a URL of the merchant's. Create one, activate
/// it (BeezUP checks the URL answers), follow its pushes, retry or stop them. Get the API from
/// client::subscriptions(); docs/push.md describes what the URL receives.

#include <beezup/call_context.hpp>
#include <beezup/error.hpp>
#include <beezup/named_values.hpp>
#include <beezup/order.hpp>
#include <beezup/vocabulary.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

namespace detail { class pipeline; }

struct subscription_status_tag {};
/// Whether a subscription receives changes (subscriptionStatus).
using subscription_status = vocabulary_value<subscription_status_tag>;

namespace subscription_statuses {
inline const subscription_status active{"active"};
inline const subscription_status inactive{"inactive"};
}  // namespace subscription_statuses

struct consumer_health_tag {};
/// How the subscriber's URL has been answering (consumptionAvailabilityStatus).
using consumer_health = vocabulary_value<consumer_health_tag>;

namespace consumer_healths {
inline const consumer_health available{"Available"};
inline const consumer_health degraded{"Degraded"};       ///< pushes fail, retries are scheduled
inline const consumer_health unavailable{"Unavailable"};  ///< retries exhausted, or the activation check failed
}  // namespace consumer_healths

/// Which existing orders an activation replays, by last modification date, before or instead of
/// real-time changes. Only its named constructors set dates, so an end without a begin (which
/// BeezUP refuses) cannot be expressed.
class activation_window {
public:
    /// Real-time changes only, nothing replayed.
    activation_window() = default;
    static activation_window real_time() { return {}; }
    /// The orders modified since `begin` (a past date), then real-time changes.
    static activation_window since(utc_time begin) { return activation_window(begin, std::nullopt); }
    /// Only the orders modified in [begin, end] (past dates); BeezUP deactivates the subscription
    /// once they are delivered. Throws invalid_request unless begin < end.
    static activation_window between(utc_time begin, utc_time end) {
        if (!(begin < end)) throw invalid_request("a replay window must begin before it ends");
        return activation_window(begin, end);
    }

    const std::optional<utc_time>& begin() const noexcept { return begin_; }
    const std::optional<utc_time>& end() const noexcept { return end_; }
    /// True when existing orders are replayed.
    bool replays() const noexcept { return begin_.has_value(); }

    friend bool operator==(const activation_window&, const activation_window&) = default;

private:
    activation_window(std::optional<utc_time> begin, std::optional<utc_time> end) : begin_(begin), end_(end) {}
    std::optional<utc_time> begin_, end_;
};

/// A subscription as BeezUP reports it (subscriptionIndex).
struct subscription {
    std::string id;
    std::string target_url;
    subscription_status status;
    std::string name;
    std::string application_name, application_version;  ///< the merchant's application
    std::optional<std::string> alert_email;               ///< notified when pushes fail
    std::optional<consumer_health> health;
    std::optional<utc_time> unavailable_since;            ///< first failure of the current trouble
    std::optional<std::string> last_request_uri;          ///< where the last request was sent
    /// The last failure's errors (lastErrorMessage; kept after a later success). Empty: none.
    std::vector<api_error_detail> last_error;
    std::optional<utc_time> last_pushed_order_modification;  ///< of the last order pushed
    std::optional<utc_time> last_successful_push;
    std::optional<utc_time> last_retry, next_retry;
    /// Retries of the current push so far; at max_retry_count BeezUP deactivates the subscription.
    std::optional<std::int32_t> retry_count, max_retry_count;
    /// The replay asked at the last activation.
    activation_window replay;
    /// What the subscription allows now, by name: activate, deactivate, delete, reporting, retry.
    named_values<api_link> links;
};

/// What create() sends (createSubscriptionRequest, and the id of the path).
struct subscription_request {
    /// Chosen by the client, a GUID (new_subscription_id() makes one). Choosing it lets create()
    /// be sent again after a lost answer without making two subscriptions.
    std::string id;
    std::string target_url;  ///< an absolute http(s) URL; a secret in its query stays out of logs and errors
    std::string name;
    std::string application_name;
    std::string application_version = "1.0";
    std::optional<std::string> alert_email;
};

/// A random (version 4) GUID for subscription_request::id.
std::string new_subscription_id();

/// One push attempt (subscriptionPushReporting).
struct push_report_row {
    std::string subscription_id;
    std::string event_id;  ///< the push; its retries share it
    bool succeeded = false;
    std::optional<std::int32_t> http_status;  ///< absent when no status came (connection failure, timeout)
    std::chrono::nanoseconds duration{};      ///< until the answer's status line
    std::int32_t order_count = 0;
    utc_time last_order_modification{};       ///< the latest among the pushed orders
    std::optional<std::int32_t> retry_count, max_retry_count;  ///< 0 for a first attempt
    std::optional<utc_time> next_retry;       ///< set when this attempt failed and a retry is scheduled
    std::optional<std::string> request_uri, response_uri;
    std::vector<api_error_detail> errors;     ///< why it failed (errorMessage); empty on success
};

/// One page of a subscription's reporting, newest attempt first.
struct push_report_page {
    std::vector<push_report_row> rows;
    std::optional<std::int64_t> total_count;  ///< rows in all pages (X-Total-Count), when sent
    std::optional<int> next_page;             ///< the Link header's rel="next"; none on the last page
};

/// The subscription API (/v2/user/marketplaces/orders/subscriptions). Thread-safe. A cheap value:
/// copies share the client's connection and rate governor and keep them alive. Every call throws
/// transport_error when no answer came, and the api_error for the status BeezUP answered:
/// not_found_error (404) for an unknown id, bad_request_error (400) for a request BeezUP refuses.
class subscriptions_api {
public:
    /// Every subscription of the account, in creation order.
    std::vector<subscription> list(const call_context& context = {}) const;
    /// One subscription. Throws not_found_error.
    subscription get(const std::string& id, const call_context& context = {}) const;

    /// Creates an inactive subscription with the request's id. Throws invalid_request (nothing
    /// sent) when the id or a required field is empty; conflict_error when the id is taken. After
    /// a failure another try may fix (no answer, 429, 5xx) it sends once more, and a conflict then
    /// is the first send applied after all: the call succeeds if the subscription with that id
    /// has the requested target URL.
    void create(const subscription_request& request, const call_context& context = {}) const;
    /// Activates a subscription: BeezUP first POSTs a verification to its target URL, which must
    /// answer 2xx within 5 s, then replays `window`, then pushes changes as they happen. Throws
    /// server_error (503, OrderSubscriptionTargetNotAvailable) when the URL failed the check,
    /// retried within the deadline like any 503; bad_request_error for a window BeezUP refuses
    /// (dates in the future).
    void activate(const std::string& id, const activation_window& window = {}, const call_context& context = {}) const;
    /// Stops the pushes; what was already queued is kept for a later activation.
    void deactivate(const std::string& id, const call_context& context = {}) const;
    /// Deletes a subscription and what was queued for it. Throws not_found_error. After a failure
    /// another try may fix it sends once more, and a 404 then means the first send deleted it.
    void remove(const std::string& id, const call_context& context = {}) const;

    /// One page of the push attempts (page numbers from 1, sizes 1..100). Throws invalid_request
    /// (nothing sent) outside those bounds; decode_error, naming the header, for a malformed Link
    /// or X-Total-Count.
    push_report_page reporting(const std::string& id, int page_number = 1, int page_size = 100,
                               const call_context& context = {}) const;
    /// Sends the failed push now instead of at its next scheduled retry. Throws conflict_error
    /// (OrderSubscriptionRetryRejected) when the subscription is inactive or has nothing to retry.
    void retry(const std::string& id, const call_context& context = {}) const;

private:
    friend class client;
    explicit subscriptions_api(std::shared_ptr<detail::pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
    std::shared_ptr<detail::pipeline> pipeline_;
};

}  // namespace beezup
