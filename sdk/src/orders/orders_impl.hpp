#pragma once
// The order API's implementation: requests, the If-None-Match cache, change validation and the
// "apply once" logic.

#include "../lov/lov_cache.hpp"
#include "../pipeline/pipeline.hpp"

#include <beezup/orders.hpp>

#include <map>
#include <memory>
#include <vector>
#include <mutex>

namespace beezup::detail {

/// The /orders/v3/{mtc}/{account}/{id} path of an order.
std::string order_path(const order_key& key);
/// client_options::user_name, which BeezUP requires (its userName) of `what` ("changes",
/// "invoices"). Throws invalid_request, before anything is sent, when it is empty.
const std::string& required_user_name(const client_options& options, const char* what);
/// The query of a change, single or batch: userName, and testMode when the context asks for it.
std::string change_query(const std::string& user_name, const call_context& context);

/// The longest period one list request covers.
inline constexpr std::chrono::days max_list_period{30};

/// The end of the filter's period: its `end`, but never later than two seconds ago (BeezUP
/// refuses an end in the future; the margin covers clocks that differ), in whole seconds.
utc_time period_end(const order_filter& filter);

/// One list request's period, in whole seconds.
struct period_window {
    utc_time begin, end;
};
/// The windows a list over [begin, end] is sent as: whole seconds (begin rounded down, end up),
/// each at most max_list_period and longer than zero, each starting where the previous ended.
std::vector<period_window> split_period(utc_time begin, utc_time end);

/// Shared by the client's copies and by what they hand out (ranges, change handles), which keep
/// it, and through it the pipeline and the caches, alive.
class orders_impl : public std::enable_shared_from_this<orders_impl> {
public:
    orders_impl(std::shared_ptr<pipeline> p, std::shared_ptr<lov_cache> lovs)
        : pipeline_owner_(std::move(p)), lovs_owner_(std::move(lovs)), pipeline_(*pipeline_owner_), lovs_(*lovs_owner_) {}

    order_page<order> list_full(const order_filter& f, utc_time begin, utc_time end, int page, int size, const call_context& c);
    order_page<order_header> list_light(const order_filter& f, utc_time begin, utc_time end, int page, int size,
                                        const call_context& c);
    order get(const order_key& key, const call_context& c, bool use_cache = true);
    std::string etag(const order_key& key, const call_context& c);
    change_handle change(const order_key& key, const change_request& request, const call_context& c);
    change_report change_status(const order_key& key, const std::string& execution_id, const call_context& c);
    std::vector<change_report> history(const order_key& key, const call_context& c);
    order wait(const order_key& key, const std::string& execution_id, const call_context& c);

    pipeline& http() noexcept { return pipeline_; }
    list_of_values values(const change_parameter& p, const std::string& language, const call_context& c);

private:
    /// Throws invalid_request when `request` cannot succeed on `o`.
    void validate(const order& o, const change_request& request, const call_context& c);
    /// A change of this type sent by us at or after `since`, found in the order's history.
    std::optional<std::string> find_sent_change(const order_key& key, const change_type& type, utc_time since,
                                                const call_context& c);

    std::shared_ptr<pipeline> pipeline_owner_;
    std::shared_ptr<lov_cache> lovs_owner_;
    pipeline& pipeline_;
    lov_cache& lovs_;
    std::mutex cache_mutex_;
    std::map<order_key, order> cache_;  // last order read, for If-None-Match
};

}  // namespace beezup::detail
