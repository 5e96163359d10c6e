#pragma once
// The sandbox's orders and what happens to them: changes that the marketplace confirms after a
// delay, harvests, merchant info, and a marketplace clock on which new orders arrive.
// Thread-safe: one mutex guards everything.

#include "order_model.hpp"
#include "outcome.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace beezup::sandbox {

struct order_key {
    std::string marketplace_technical_code;
    std::int32_t account_id = 0;
    std::string beezup_order_id;
};

struct change_request {
    std::string change_type;
    std::map<std::string, std::string> fields;  // the changeOrderRequest
    std::string user_name;
    bool test_mode = false;
    std::optional<std::string> if_match;
};

struct list_filter {
    time_point begin{}, end{};
    std::string date_search_type = "Modification";  // Modification | Purchase | MarketPlaceModification
    std::vector<std::string> marketplace_technical_codes, marketplace_business_codes, store_ids, statuses,
        marketplace_order_ids, merchant_order_ids;
    std::vector<std::int32_t> account_ids;
    std::optional<std::string> buyer_name;
    std::string merchant_info_sync = "All";  // All | Synchronized | NotSynchronized
    std::string invoice_availability = "All"; // All | Generated | NotGenerated
};

class order_store {
public:
    struct options {
        std::uint64_t seed = 42;
        std::size_t order_count = 1000;
        std::chrono::milliseconds change_delay{2000};   // how long a change stays `processing`
        double new_orders_per_hour = 0;                  // arrivals on the marketplace clock
        std::chrono::seconds harvest_interval{10};      // harvest calls closer than this get 409
        std::optional<time_point> start;                 // when the data was generated (default: now)
        std::string list_order = "oldest";               // oldest | newest | shuffled (see server_options)
    };

    explicit order_store(options opts);

    /// The marketplace clock: the real UTC time plus whatever tests advanced it by.
    time_point now() const;
    /// When the data was generated.
    time_point started() const;
    /// While set, the store's clock reads this time (replaying a journal); nullopt resumes.
    void set_replay_time(std::optional<time_point> at);
    /// True while a state file is being replayed: areas must not talk to the outside world
    /// (pushes, verifications) for calls that already happened.
    void set_replaying(bool replaying) { replaying_ = replaying; }
    bool replaying() const noexcept { return replaying_; }

    /// Moves the marketplace clock forward: changes due in between complete, new orders arrive,
    /// shipped orders get delivered and close.
    void advance(std::chrono::seconds by);

    /// Runs `f` on the order under the store's lock; nullopt when there is no such order.
    template <class F>
    auto with_order(const order_key& key, F&& f) -> std::optional<decltype(f(std::declval<const order&>()))> {
        std::lock_guard lock(mutex_);
        settle();
        const auto* o = find(key);
        if (!o) return std::nullopt;
        return f(*o);
    }

    /// Orders matching `filter`, sorted by the searched date then id; `visit` sees one page.
    /// Returns the total number of matches.
    std::size_t list(const list_filter& filter, std::size_t page_number, std::size_t page_size,
                     const std::function<void(const order&)>& visit);

    outcome change(const order_key& key, const change_request& request);
    outcome harvest_order(const order_key& key);
    outcome harvest_account(const std::string& mtc, std::int32_t account_id);
    outcome harvest_all();
    outcome set_merchant_info(const order_key& key, const std::string& merchant_order_id,
                              const std::string& software_name, const std::string& software_version, bool test_mode);
    outcome clear_merchant_info(const order_key& key, bool test_mode);

    /// Modifies an order (invoice number, ...) under the lock; bumps its version and last
    /// modification and notifies listeners. False when there is no such order.
    bool update_order(const order_key& key, const std::function<void(order&)>& modify);

    /// Called with each order whose version changed (a change started or completed, merchant
    /// info, an update, a new order). Runs under the store's lock: copy what you need and do not
    /// call back into the store.
    using change_listener = std::function<void(const order&)>;
    void on_order_changed(change_listener listener);

    /// Automatic acceptance: new orders of the account arrive already accepted (InProgress).
    void set_auto_accept(const std::string& marketplace_technical_code, std::int32_t account_id, bool enabled);
    bool auto_accept(const std::string& marketplace_technical_code, std::int32_t account_id) const;

    /// Number of changes sent to the marketplace (test mode excluded) since start.
    std::uint64_t change_executions() const;
    std::size_t size() const;

private:
    order* find(const order_key& key);
    time_point current() const;                      // now(), for callers holding the lock
    const time_point& date_of(const order& o, const std::string& search_type) const;
    void settle();                                   // completes changes that are due
    void complete(order& o, time_point at);
    std::string new_uuid();
    outcome throttle(const std::string& what);       // harvest rate limit per target

    options options_;
    mutable std::mutex mutex_;
    std::vector<order> orders_;
    std::map<std::string, std::size_t> index_;       // beezup_order_id -> position
    std::vector<std::size_t> processing_;            // positions of processing orders
    std::chrono::seconds offset_{0};
    std::mt19937_64 rng_;
    std::map<std::string, time_point> last_harvest_;
    std::optional<time_point> replay_time_;
    std::atomic<bool> replaying_{false};
    std::uint64_t change_executions_ = 0;
    std::vector<change_listener> listeners_;
    std::set<std::pair<std::string, std::int32_t>> auto_accept_;
    void accept_automatically(order& o, time_point at);
    void touched(order& o, time_point at);           // version, last modification, listeners
    time_point arrivals_until_{};
    time_point started_{};
    time_point last_progress_{};
};

}  // namespace beezup::sandbox
