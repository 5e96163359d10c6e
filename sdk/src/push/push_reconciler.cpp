#include <beezup/error.hpp>
#include <beezup/push_reconciliation.hpp>

#include "../json/order_json.hpp"

namespace beezup {

push_reconciler::push_reconciler(client c, std::shared_ptr<push_inbox> inbox, std::string subscription_id,
                                 reconciliation_options options)
    : client_(std::move(c)), inbox_(std::move(inbox)), subscription_id_(std::move(subscription_id)), options_(std::move(options)) {
    if (!inbox_) throw error("push_reconciler: no inbox");
    if (subscription_id_.empty()) throw error("push_reconciler: no subscription id");
}

reconciliation_result push_reconciler::run(const call_context& context) {
    const auto log = [&](log_level level, const std::string& line) {
        if (options_.logger && level >= options_.min_log_level) options_.logger(level, line);
    };
    const auto subscriptions = client_.subscriptions();
    reconciliation_result result;
    result.state = subscriptions.get(subscription_id_, context);
    const auto& s = result.state;
    const bool healthy = !s.health || *s.health == consumer_healths::available;
    const bool active = s.status == subscription_statuses::active;

    if (!healthy && s.retry_count && s.max_retry_count) {
        const int left = *s.max_retry_count - *s.retry_count;
        result.near_deactivation = active && left <= options_.warn_when_retries_left;
        if (result.near_deactivation)
            log(log_level::warning, "subscription " + subscription_id_ + ": push retry " + std::to_string(*s.retry_count) + " of " +
                                        std::to_string(*s.max_retry_count) + "; BeezUP deactivates it at the last one");
    }
    if (active && s.health && *s.health == consumer_healths::degraded) {
        try {
            subscriptions.retry(subscription_id_, context);
            result.retried = true;
        } catch (const conflict_error&) {
            // Nothing to retry any more: the push went through meanwhile.
        }
    }
    if (healthy && active) return result;

    // Failing or inactive: what BeezUP could not push is pulled, from the last version stored.
    if (!active) log(log_level::warning, "subscription " + subscription_id_ + " is inactive: pulling the orders it missed");
    const auto latest = inbox_->last_modification();
    order_filter filter;
    filter.begin = latest ? *latest - options_.overlap : std::chrono::system_clock::now() - options_.initial_window;
    filter.date_type = date_search_type::modification;
    result.gap_filled = true;
    for (const auto& o : client_.orders().all(filter, context)) {
        ++result.pulled;
        push_event event;
        event.event_id = "pull:" + o.key.marketplace_technical_code + "/" + std::to_string(o.key.account_id) + "/" +
                         o.key.beezup_order_id + "/" + o.etag;
        event.subscription_id = subscription_id_;
        event.orders.push_back({o.key, o.etag, o.last_modification_date, detail::json::encode_order(o)});
        result.stored += inbox_->append(event).stored;
    }
    log(log_level::info, "subscription " + subscription_id_ + ": " + std::to_string(result.pulled) + " orders pulled, " +
                             std::to_string(result.stored) + " new to the inbox");
    return result;
}

}  // namespace beezup
