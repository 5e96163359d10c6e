#include <beezup/error.hpp>
#include <beezup/push_dispatcher.hpp>

#include "../json/order_json.hpp"

#include <thread>

namespace beezup {

push_dispatcher::push_dispatcher(std::shared_ptr<push_inbox> inbox, push_handler handler, push_dispatcher_options options)
    : inbox_(std::move(inbox)), handler_(std::move(handler)), options_(std::move(options)) {
    if (!inbox_) throw error("push_dispatcher: no inbox");
    if (!handler_) throw error("push_dispatcher: no handler");
    if (options_.max_attempts < 1) throw error("push_dispatcher: max_attempts must be at least 1");
    if (options_.lease <= std::chrono::seconds(0) || options_.lease > std::chrono::hours(24))
        throw error("push_dispatcher: the lease must be between 1 s and 24 h");
}

std::size_t push_dispatcher::dispatch_ready() {
    std::size_t runs = 0;
    while (dispatch_one()) ++runs;
    return runs;
}

void push_dispatcher::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        bool dispatched = false;
        try {
            dispatched = dispatch_one();
        } catch (const std::exception& e) {
            // The inbox failed (a lock held too long by another process...): try again later.
            log(log_level::error, std::string("push dispatch: ") + e.what());
        }
        if (!dispatched) std::this_thread::sleep_for(options_.idle_wait);
    }
}

bool push_dispatcher::dispatch_one() {
    const auto now = std::chrono::system_clock::now();
    auto entry = inbox_->claim(now, options_.lease);
    if (!entry) return false;
    const int attempt = entry->attempts + 1;
    try {
        push_delivery delivery;
        delivery.pushed = detail::json::decode_order(entry->order.json);
        delivery.idempotency_key = entry->idempotency_key();
        delivery.event_id = entry->event_id;
        delivery.attempt = attempt;
        if (options_.verify_with) {
            auto& orders = *options_.verify_with;
            try {
                if (orders.etag(entry->order.key) != entry->order.etag) {
                    // BeezUP holds another version: hand over that one, under its own key.
                    delivery.pushed = orders.get(entry->order.key);
                    inbox_entry current = *entry;
                    current.order.etag = delivery.pushed.etag;
                    delivery.idempotency_key = current.idempotency_key();
                }
            } catch (const not_found_error&) {
                inbox_->fail(*entry, "BeezUP does not know this order", now, true);
                log(log_level::warning, "pushed order " + entry->idempotency_key() + " unknown to BeezUP: dead-lettered");
                return true;
            }
        }
        handler_(delivery);
        inbox_->complete(*entry);
        return true;
    } catch (const std::exception& e) {
        failed(*entry, attempt, e.what(), now);
    } catch (...) {
        failed(*entry, attempt, "the handler threw something that is not a std::exception", now);
    }
    return true;
}

void push_dispatcher::failed(const inbox_entry& entry, int attempt, const std::string& why, utc_time now) {
    const bool dead = attempt >= options_.max_attempts;
    auto delay = options_.base_delay * (1LL << std::min(attempt - 1, 20));
    if (delay > options_.max_delay) delay = options_.max_delay;
    inbox_->fail(entry, why, now + delay, dead);
    log(dead ? log_level::error : log_level::warning,
        "handler failed on " + entry.idempotency_key() + " (attempt " + std::to_string(attempt) + ")" +
            (dead ? ": dead-lettered" : ": retried later"));
}

void push_dispatcher::log(log_level level, const std::string& line) const noexcept {
    if (!options_.logger || level < options_.min_log_level) return;
    try {
        options_.logger(level, line);
    } catch (...) {
        // A failing log handler must not stop the dispatch.
    }
}

}  // namespace beezup
