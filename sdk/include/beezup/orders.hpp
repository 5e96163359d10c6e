#pragma once
/// @file
/// The order API: pull, read, change and follow orders. Get it from client::orders().

#include <beezup/call_context.hpp>
#include <beezup/error.hpp>
#include <beezup/list_of_values.hpp>
#include <beezup/order.hpp>
#include <beezup/order_list.hpp>

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

namespace detail { class orders_impl; class order_range_state; }

/// A change to send: its type and the changeOrderRequest fields. (A validation-only change is
/// asked with call_context::test_mode.)
struct change_request {
    change_type type;
    std::map<std::string, std::string> fields;  ///< e.g. order_Shipping_ShipperTrackingNumber
};

/// Shipping details for ShipOrder.
struct shipment {
    std::string carrier;            ///< a code of the marketplace's carrier list
    std::string shipping_method;    ///< e.g. "Standard" (free text unless the list is required)
    std::string tracking_number;
    std::optional<std::string> tracking_url;
    std::optional<utc_time> fulfillment_date;          ///< default: now
    std::optional<utc_time> estimated_delivery_date;
};

/// The reporting of one change execution (changeOrderReporting).
struct change_report {
    std::string execution_id;
    change_type type;
    std::string processing_status;  ///< "InProgress", "Done", "Failed", ...
    std::optional<std::string> error_message;
    bool test_mode = false;
    utc_time creation_date{}, last_update_date{};
    std::optional<std::string> user_name;
};

/// The merchant's own reference for an order (setMerchantOrderInfo), for single and batch calls.
struct merchant_info {
    std::string merchant_order_id;
    std::string software_name;     ///< e.g. "PrestaShop"
    std::string software_version;  ///< e.g. "8.1.2"
};

/// One item's outcome in a batch, in the caller's order.
struct batch_result {
    order_key key;
    bool success = false;
    int status = 0;  ///< the HTTP status of this item's operation
    std::vector<api_error_detail> errors;
};

/// A batch stopped part-way: some of its calls (100 items each) were answered, then one failed.
/// Nothing is lost: every item of the batch is in exactly one of results(), in_doubt() and
/// unsent(). (When the first call fails, nothing was answered and its own error is thrown.)
class batch_interrupted : public error {
public:
    batch_interrupted(const std::string& message, std::vector<batch_result> results, std::vector<order_key> in_doubt,
                      std::vector<order_key> unsent, std::exception_ptr cause)
        : error(message), results_(std::move(results)), in_doubt_(std::move(in_doubt)), unsent_(std::move(unsent)),
          cause_(std::move(cause)) {}
    /// The items whose call was answered, in the input's order: applied or refused, item by item.
    const std::vector<batch_result>& results() const noexcept { return results_; }
    /// The items of the call that failed after it may have reached BeezUP (its answer was lost,
    /// a 5xx): read their history before sending them again.
    const std::vector<order_key>& in_doubt() const noexcept { return in_doubt_; }
    /// The items never sent, or refused as a whole before any work (a 4xx, no connection): safe
    /// to send again.
    const std::vector<order_key>& unsent() const noexcept { return unsent_; }
    /// The error that stopped the batch (rethrow it to inspect it).
    std::exception_ptr cause() const noexcept { return cause_; }

private:
    std::vector<batch_result> results_;
    std::vector<order_key> in_doubt_, unsent_;
    std::exception_ptr cause_;
};

/// One change of a batch.
struct batch_change {
    order_key key;
    std::map<std::string, std::string> fields;
};

/// When BeezUP last harvested an account (accountSynchronization).
struct account_sync_status {
    std::string marketplace_technical_code, marketplace_business_code;
    std::int32_t account_id = 0;
    std::optional<utc_time> completed_harvest_date;
};

/// A change accepted by BeezUP (202). wait() follows it until the marketplace confirms. A value:
/// copies share the client's state and keep it alive, so a handle may outlive its client.
class change_handle {
public:
    const order_key& key() const noexcept { return key_; }
    const std::string& execution_id() const noexcept { return execution_id_; }
    /// True when no request was sent again because the change was found already applied.
    bool recovered() const noexcept { return recovered_; }

    /// Waits until the change is done and the order no longer `processing`; returns the order as
    /// the marketplace confirmed it. Throws change_failed when the marketplace refused it,
    /// transport_error(timeout) at the context's deadline (default: now +
    /// client_options::operation_timeout).
    order wait(const call_context& context = {});

private:
    friend class detail::orders_impl;
    change_handle(std::shared_ptr<detail::orders_impl> impl, order_key key, std::string execution_id, bool recovered)
        : impl_(std::move(impl)), key_(std::move(key)), execution_id_(std::move(execution_id)), recovered_(recovered) {}
    std::shared_ptr<detail::orders_impl> impl_;
    order_key key_;
    std::string execution_id_;
    bool recovered_ = false;
};

/// A lazy range over every order matching a filter, for any period: it slices the period into
/// 30-day windows, asks pages of 100, skips an order met twice in a window (it moved between
/// pages while paging) and fetches the next page only when the previous one is consumed. Nothing
/// is sent before begin(). Move-only; it shares the client's state and keeps it alive, so it may
/// outlive its client. Not thread-safe: one thread walks a range.
/// Iterating throws what orders_api::list_page throws; cancelling the context stops it before
/// the next page.
class order_range {
public:
    class iterator {
    public:
        using value_type = order;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::input_iterator_tag;
        /// The current order. The range no longer needs it once it is handed over: moving it
        /// out (`std::move(*it)`) saves a copy.
        order& operator*() const;
        order* operator->() const { return &**this; }
        iterator& operator++();
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, std::default_sentinel_t) { return a.done(); }

    private:
        friend class order_range;
        explicit iterator(detail::order_range_state* state) : state_(state) {}
        bool done() const;
        detail::order_range_state* state_;
    };

    order_range(order_range&&) noexcept;
    order_range& operator=(order_range&&) noexcept;
    ~order_range();

    /// Starts (or continues) the iteration; a range is walked once.
    iterator begin();
    std::default_sentinel_t end() const noexcept { return {}; }

    /// API calls made so far by this range.
    std::size_t calls() const;
    /// Every order whose date (the filter's date type) is before this time has been handed over
    /// already, whatever order the server returned them in: the start of the window being read
    /// (the filter's begin before the first page; the period's end once done). A resumable point.
    utc_time completed_until() const;

private:
    friend class orders_api;
    explicit order_range(std::unique_ptr<detail::order_range_state> state);
    std::unique_ptr<detail::order_range_state> state_;
};

/// The order API. Thread-safe. A cheap value: copies share the client's state (connection, rate
/// governor, caches) and keep it alive.
class orders_api {
public:
    /// One page of list/full (page numbers start at 1; size 25..100). The period must be at
    /// most 30 days: use all() for longer ones.
    order_page<order> list_page(const order_filter& filter, int page_number = 1, int page_size = 100,
                                const call_context& context = {});
    /// One page of list/light.
    order_page<order_header> list_headers_page(const order_filter& filter, int page_number = 1, int page_size = 100,
                                               const call_context& context = {});
    /// Every order matching `filter` over its whole period, lazily. `filter.begin` is required
    /// (invalid_request otherwise). The context's deadline, when set, bounds the whole walk;
    /// without one, each page request gets client_options::operation_timeout.
    order_range all(const order_filter& filter, const call_context& context = {});
    /// How many orders match `filter` over its whole period: one small list/light call per 30-day
    /// window (for a progress bar or a sanity check before a long walk). Orders modified while
    /// all() walks may move between windows, so a walk can read a few more or fewer.
    std::int64_t count(const order_filter& filter, const call_context& context = {});

    /// Reads an order. Orders read before are revalidated with If-None-Match; a 304 returns the
    /// cached one. Throws not_found_error.
    order get(const order_key& key, const call_context& context = {});
    /// The order's current ETag (HEAD), without its body.
    std::string etag(const order_key& key, const call_context& context = {});

    /// Sends a change after checking it against the order's allowed changes and their
    /// parameters (values from a required list of values are checked against it). Sends the
    /// order's ETag; on 412 re-reads the order and sends once more if the change is still
    /// allowed; on 409 waits for the running change. After a timeout or a dropped connection it
    /// reads the order's history before sending again, so that one call never makes two changes.
    /// Throws invalid_request (nothing sent), api_error, transport_error.
    change_handle change(const order_key& key, const change_request& request, const call_context& context = {});
    change_handle accept(const order_key& key, const call_context& context = {});
    change_handle ship(const order_key& key, const shipment& s, const call_context& context = {});
    change_handle cancel(const order_key& key, const std::string& reason, const call_context& context = {});
    change_handle refund(const order_key& key, const std::string& reason, const call_context& context = {});

    /// Applies one change type to many orders, 100 per call; results follow the input's order.
    /// Items refused with 429 or 503 (never applied) are sent once more; others are reported.
    /// Throws batch_interrupted when a call fails after others were answered.
    std::vector<batch_result> change_batch(const change_type& type, const std::vector<batch_change>& changes,
                                           const call_context& context = {});

    /// Sets or clears the merchant's reference of an order.
    void set_merchant_info(const order_key& key, const merchant_info& info, const call_context& context = {});
    void clear_merchant_info(const order_key& key, const call_context& context = {});
    /// The same for many orders (100 per call, one call per software name and version); results
    /// follow the input's order. Throws batch_interrupted as change_batch does.
    std::vector<batch_result> set_merchant_info_batch(const std::vector<std::pair<order_key, merchant_info>>& items,
                                                      const call_context& context = {});
    std::vector<batch_result> clear_merchant_info_batch(const std::vector<order_key>& keys, const call_context& context = {});

    /// Asks BeezUP to fetch an order, an account or everything again from the marketplaces.
    /// When BeezUP answers 409 (too soon), waits its Retry-After and asks again, within the
    /// deadline.
    void harvest(const order_key& key, const call_context& context = {});
    void harvest_account(const std::string& marketplace_technical_code, std::int32_t account_id,
                         const call_context& context = {});
    void harvest_all(const call_context& context = {});
    /// When each account was last harvested.
    std::vector<account_sync_status> synchronization_status(const call_context& context = {});

    /// Server-side CSV exportation: asks for it, waits until BeezUP made it, downloads it to
    /// `path`. The period is at most 30 days. Returns the exportation's execution id. The whole
    /// call, waits included, ends by the context's deadline (default: now +
    /// client_options::operation_timeout).
    std::string export_csv(const std::string& store_id, const order_filter& filter, const std::string& path,
                           const call_context& context = {});

    /// The values a change parameter takes from its list of values (carriers, shipping methods,
    /// reasons), cached and revalidated like every list. Throws invalid_request when the
    /// parameter has no list.
    list_of_values values(const change_parameter& parameter, const std::string& language = "",
                          const call_context& context = {});

    /// The reporting of one change execution.
    change_report change_status(const order_key& key, const std::string& execution_id, const call_context& context = {});
    /// Every change of the order, oldest first.
    std::vector<change_report> history(const order_key& key, const call_context& context = {});

private:
    friend class client;
    explicit orders_api(std::shared_ptr<detail::orders_impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<detail::orders_impl> impl_;
};

}  // namespace beezup
