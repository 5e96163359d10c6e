#include "order_store.hpp"

#include "common/uuid.hpp"

#include "json_writer.hpp"
#include "lov_catalog.hpp"
#include "marketplace_rules.hpp"
#include "order_generator.hpp"
#include "order_json.hpp"

#include <algorithm>
#include <random>
#include <cstdio>

namespace beezup::sandbox {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool in_lov(const std::string& list, const std::string& code) {
    const auto* entries = find_list(list);
    return entries && std::any_of(entries->begin(), entries->end(), [&](const lov_entry& e) { return e.code == code; });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

order_store::order_store(options opts) : options_(std::move(opts)), rng_(options_.seed ^ 0x5eedULL) {
    // Whole seconds in the data; a restored sandbox regenerates the data of its first start.
    const auto start = options_.start.value_or(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    orders_ = generate_orders(options_.seed, options_.order_count, start);
    for (std::size_t i = 0; i < orders_.size(); ++i) index_[orders_[i].beezup_order_id] = i;
    arrivals_until_ = started_ = start;
}

time_point order_store::current() const {
    if (replay_time_) return *replay_time_;
    // Sub-second precision, so that short change delays work; JSON shows whole seconds.
    return std::chrono::system_clock::now() + offset_;
}

time_point order_store::started() const {
    std::lock_guard lock(mutex_);
    return started_;
}

void order_store::set_replay_time(std::optional<time_point> at) {
    std::lock_guard lock(mutex_);
    replay_time_ = at;
}

time_point order_store::now() const {
    std::lock_guard lock(mutex_);
    return current();
}

std::size_t order_store::size() const {
    std::lock_guard lock(mutex_);
    return orders_.size();
}

std::uint64_t order_store::change_executions() const {
    std::lock_guard lock(mutex_);
    return change_executions_;
}

order* order_store::find(const order_key& key) {
    auto it = index_.find(key.beezup_order_id);
    if (it == index_.end()) return nullptr;
    auto& o = orders_[it->second];
    if (o.acct.marketplace_technical_code != key.marketplace_technical_code || o.acct.account_id != key.account_id)
        return nullptr;
    return &o;
}

std::string order_store::new_uuid() { return common::uuid_v4(rng_); }

void order_store::advance(std::chrono::seconds by) {
    std::lock_guard lock(mutex_);
    if (by.count() > 0) offset_ += by;
    settle();
}

void order_store::complete(order& o, time_point at) {
    for (auto& c : o.changes) {
        if (c.execution_uuid != o.pending_execution) continue;
        c.processing_status = "Done";
        c.last_update = at;
    }
    o.beezup_status = o.pending_status;
    o.marketplace_status = o.pending_marketplace_status;
    for (auto& [name, value] : o.pending_posted) {
        // The shipping method is a field of the order itself; the rest only exists once posted.
        if (name == "order_Shipping_Method")
            o.shipping_method = std::move(value);
        else
            o.posted[name] = std::move(value);
    }
    o.pending_posted.clear();
    o.processing = false;
    o.pending_execution.clear();
    o.marketplace_last_modification = at;
    touched(o, at);
}

void order_store::touched(order& o, time_point at) {
    ++o.version;
    o.last_modification = at;
    for (const auto& listener : listeners_) listener(o);
}

bool order_store::update_order(const order_key& key, const std::function<void(order&)>& modify) {
    std::lock_guard lock(mutex_);
    settle();
    auto* o = find(key);
    if (!o) return false;
    modify(*o);
    touched(*o, current());
    return true;
}

void order_store::set_auto_accept(const std::string& mtc, std::int32_t account_id, bool enabled) {
    std::lock_guard lock(mutex_);
    settle();  // orders that arrived before the switch (still unseen) arrived under the old setting
    if (enabled)
        auto_accept_.insert({mtc, account_id});
    else
        auto_accept_.erase({mtc, account_id});
}

bool order_store::auto_accept(const std::string& mtc, std::int32_t account_id) const {
    std::lock_guard lock(mutex_);
    return auto_accept_.count({mtc, account_id}) != 0;
}

void order_store::accept_automatically(order& o, time_point at) {
    const auto accept = find_transition(o, "AcceptOrder");
    if (!accept) return;
    change_record record;
    record.execution_uuid = new_uuid();
    record.change_type = accept->change_type;
    record.creation = record.last_update = at;
    record.processing_status = "Done";
    record.source_user_name = "AutomaticTransition";
    o.changes.push_back(std::move(record));
    o.beezup_status = accept->resulting_status;
    o.marketplace_status = accept->resulting_marketplace_status;
    o.marketplace_last_modification = at;
    ++change_executions_;
    ++o.version;
    o.last_modification = at;
}

void order_store::on_order_changed(change_listener listener) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(listener));
}

void order_store::settle() {
    const auto now = current();
    // Changes whose marketplace confirmation is due.
    std::erase_if(processing_, [&](std::size_t i) {
        auto& o = orders_[i];
        if (!o.processing || o.processing_until > now) return !o.processing;
        complete(o, o.processing_until);
        return true;
    });
    // The marketplace delivers what was shipped since the sandbox started, a week later.
    if (now - last_progress_ >= std::chrono::seconds(1)) {
        last_progress_ = now;
        for (auto& o : orders_) {
            if (o.beezup_status != "Shipped" || o.processing || o.marketplace_last_modification < started_) continue;
            const auto delivered = o.marketplace_last_modification + std::chrono::days(7);
            if (delivered > now) continue;
            o.beezup_status = "Closed";
            o.marketplace_status = marketplace_status_for(o.acct.marketplace_technical_code, "Closed");
            o.marketplace_last_modification = delivered;
            touched(o, delivered);
        }
    }
    // New orders on the marketplace clock, one every (3600 / rate) seconds (at most one a
    // millisecond).
    if (options_.new_orders_per_hour > 0) {
        const auto step = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::duration<double>(3600.0 / options_.new_orders_per_hour)),
                                   std::chrono::milliseconds(1));
        const auto& accounts = sandbox_accounts();
        while (arrivals_until_ + step <= now) {
            arrivals_until_ += step;
            auto o = generate_order(rng_, accounts[rng_() % accounts.size()], arrivals_until_);
            index_[o.beezup_order_id] = orders_.size();
            orders_.push_back(std::move(o));
            if (auto_accept_.count({orders_.back().acct.marketplace_technical_code, orders_.back().acct.account_id}))
                accept_automatically(orders_.back(), arrivals_until_);
            for (const auto& listener : listeners_) listener(orders_.back());
        }
    }
}

const time_point& order_store::date_of(const order& o, const std::string& search_type) const {
    if (search_type == "Purchase") return o.purchase;
    if (search_type == "MarketPlaceModification") return o.marketplace_last_modification;
    return o.last_modification;
}

std::size_t order_store::list(const list_filter& f, std::size_t page_number, std::size_t page_size,
                              const std::function<void(const order&)>& visit) {
    std::lock_guard lock(mutex_);
    settle();
    const auto buyer = f.buyer_name ? lower(*f.buyer_name) : std::string();
    std::vector<const order*> matches;
    for (const auto& o : orders_) {
        const auto& date = date_of(o, f.date_search_type);
        if (date < f.begin || date > f.end) continue;
        if (!f.marketplace_technical_codes.empty() && !contains(f.marketplace_technical_codes, o.acct.marketplace_technical_code)) continue;
        if (!f.marketplace_business_codes.empty() && !contains(f.marketplace_business_codes, o.acct.marketplace_business_code)) continue;
        if (!f.account_ids.empty() && std::find(f.account_ids.begin(), f.account_ids.end(), o.acct.account_id) == f.account_ids.end()) continue;
        if (!f.store_ids.empty() && !contains(f.store_ids, o.acct.store_id)) continue;
        if (!f.statuses.empty() && !contains(f.statuses, o.beezup_status)) continue;
        if (!f.marketplace_order_ids.empty() && !contains(f.marketplace_order_ids, o.marketplace_order_id)) continue;
        if (!f.merchant_order_ids.empty() && (!o.merchant_order_id || !contains(f.merchant_order_ids, *o.merchant_order_id))) continue;
        if (f.buyer_name && lower(o.buyer.first_name + " " + o.buyer.last_name).find(buyer) == std::string::npos) continue;
        if (f.merchant_info_sync == "Synchronized" && !o.merchant_order_id) continue;
        if (f.merchant_info_sync == "NotSynchronized" && o.merchant_order_id) continue;
        if (f.invoice_availability == "Generated" && !o.invoice_number) continue;
        if (f.invoice_availability == "NotGenerated" && o.invoice_number) continue;
        matches.push_back(&o);
    }
    std::sort(matches.begin(), matches.end(), [&](const order* a, const order* b) {
        const auto& da = date_of(*a, f.date_search_type);
        const auto& db = date_of(*b, f.date_search_type);
        return da != db ? da < db : a->beezup_order_id < b->beezup_order_id;
    });
    if (options_.list_order == "newest") std::reverse(matches.begin(), matches.end());
    const auto first = std::min(matches.size(), (page_number - 1) * page_size);
    const auto last = std::min(matches.size(), first + page_size);
    if (options_.list_order == "shuffled") {
        // The same request gives the same page: the shuffle depends on the page only.
        std::mt19937_64 rng(options_.seed ^ (page_number * 0x9e3779b97f4a7c15ULL));
        std::shuffle(matches.begin() + static_cast<std::ptrdiff_t>(first), matches.begin() + static_cast<std::ptrdiff_t>(last), rng);
    }
    for (std::size_t i = first; i < last; ++i) visit(*matches[i]);
    return matches.size();
}

outcome order_store::change(const order_key& key, const change_request& request) {
    std::lock_guard lock(mutex_);
    settle();
    auto* o = find(key);
    if (!o) return outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account.");
    const auto now = current();
    if (o->processing) {
        auto result = outcome::error(409, "OrderChangeAlreadyInProgress", "Already processing a change request for this Order");
        result.location = order_path(*o) + "/history/" + o->pending_execution;
        result.retry_after_seconds = static_cast<int>(std::max<long long>(
            1, std::chrono::ceil<std::chrono::seconds>(o->processing_until - now).count()));
        return result;
    }
    if (request.if_match && *request.if_match != order_etag(*o))
        return outcome::error(412, "PreconditionFailed", "The order changed since the ETag " + *request.if_match + " was read.");
    if (request.user_name.empty())
        return outcome::error(400, "UserNameRequired", "The query parameter userName is required.");
    const auto t = find_transition(*o, request.change_type);
    if (!t)
        return outcome::error(400, "ChangeOrderTypeNotAllowed",
                              "The change " + request.change_type + " is not allowed on an order in status " +
                                  o->beezup_status + " on " + o->acct.marketplace_technical_code + ".");
    for (const auto& [name, value] : request.fields) {
        if (std::none_of(t->parameters.begin(), t->parameters.end(), [&](const auto& p) { return p.name == name; }))
            return outcome::error(400, "UnknownChangeOrderParameter", "The parameter " + name + " is not expected by " + t->change_type + ".");
    }
    for (const auto& p : t->parameters) {
        auto it = request.fields.find(p.name);
        if (it == request.fields.end() || it->second.empty()) {
            if (p.required) return outcome::error(400, "MissingChangeOrderParameter", "The parameter " + p.name + " is required.");
            continue;
        }
        time_point parsed;
        if (p.type == "date-time" && !parse_utc(it->second, parsed))
            return outcome::error(400, "InvalidChangeOrderParameter", "The parameter " + p.name + " must be an ISO 8601 UTC date-time.");
        if (p.lov_required && !in_lov(p.lov_list, it->second))
            return outcome::error(400, "InvalidChangeOrderParameter",
                                  "The value '" + it->second + "' of " + p.name + " is not in the list " + p.lov_list + ".");
    }

    change_record record;
    record.execution_uuid = new_uuid();
    record.change_type = t->change_type;
    record.creation = record.last_update = now;
    record.source_user_name = request.user_name;
    record.test_mode = request.test_mode;
    record.details = request.fields;
    outcome result;
    result.status = 202;
    result.location = order_path(*o) + "/history/" + record.execution_uuid;
    if (request.test_mode) {
        // Validated, never sent to the marketplace: the order itself does not change.
        record.processing_status = "Done";
        o->changes.push_back(std::move(record));
        return result;
    }
    ++change_executions_;
    record.processing_status = "InProgress";
    o->pending_execution = record.execution_uuid;
    o->changes.push_back(std::move(record));
    o->processing = true;
    o->processing_until = now + options_.change_delay;
    o->pending_status = t->resulting_status;
    o->pending_marketplace_status = t->resulting_marketplace_status;
    for (const auto& [name, value] : request.fields)
        if (name.rfind("order_Shipping_", 0) == 0) o->pending_posted[name] = value;
    touched(*o, now);
    if (o->processing_until <= now)
        complete(*o, now);
    else
        processing_.push_back(static_cast<std::size_t>(o - orders_.data()));
    return result;
}

outcome order_store::throttle(const std::string& what) {
    const auto real_now = current();  // the store's clock, so that a replay throttles the same way
    auto& last = last_harvest_[what];
    if (last.time_since_epoch().count() != 0 && real_now - last < options_.harvest_interval) {
        auto result = outcome::error(409, "HarvestTooFrequent", "A harvest of " + what + " was requested moments ago.");
        result.retry_after_seconds = static_cast<int>(std::max<long long>(
            1, std::chrono::ceil<std::chrono::seconds>(options_.harvest_interval - (real_now - last)).count()));
        return result;
    }
    last = real_now;
    outcome result;
    result.status = 202;
    result.retry_after_seconds = static_cast<int>(options_.harvest_interval.count());
    return result;
}

outcome order_store::harvest_order(const order_key& key) {
    std::lock_guard lock(mutex_);
    settle();
    auto* o = find(key);
    if (!o) return outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account.");
    auto result = throttle("order " + key.beezup_order_id);
    if (result.status != 202) return result;
    const auto now = current();
    o->harvests.push_back({new_uuid(), now, now, "Done", o->beezup_status, o->marketplace_status});
    return result;
}

outcome order_store::harvest_account(const std::string& mtc, std::int32_t account_id) {
    std::lock_guard lock(mutex_);
    const auto& accounts = sandbox_accounts();
    if (std::none_of(accounts.begin(), accounts.end(), [&](const account& a) {
            return a.marketplace_technical_code == mtc && a.account_id == account_id;
        }))
        return outcome::error(404, "AccountNotFound", "No account " + std::to_string(account_id) + " on " + mtc + ".");
    return throttle("account " + mtc + "/" + std::to_string(account_id));
}

outcome order_store::harvest_all() {
    std::lock_guard lock(mutex_);
    return throttle("all");
}

outcome order_store::set_merchant_info(const order_key& key, const std::string& merchant_order_id,
                                       const std::string& software_name, const std::string& software_version,
                                       bool test_mode) {
    std::lock_guard lock(mutex_);
    settle();
    auto* o = find(key);
    if (!o) return outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account.");
    if (merchant_order_id.empty() || software_name.empty() || software_version.empty())
        return outcome::error(400, "InvalidMerchantOrderInfo",
                              "order_MerchantOrderId, order_MerchantECommerceSoftwareName and "
                              "order_MerchantECommerceSoftwareVersion are required.");
    outcome result;
    result.status = 202;
    if (test_mode) return result;
    o->merchant_order_id = merchant_order_id;
    o->merchant_software_name = software_name;
    o->merchant_software_version = software_version;
    touched(*o, current());
    return result;
}

outcome order_store::clear_merchant_info(const order_key& key, bool test_mode) {
    std::lock_guard lock(mutex_);
    settle();
    auto* o = find(key);
    if (!o) return outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account.");
    outcome result;
    result.status = 202;
    if (test_mode) return result;
    o->merchant_order_id.reset();
    o->merchant_software_name.reset();
    o->merchant_software_version.reset();
    touched(*o, current());
    return result;
}

}  // namespace beezup::sandbox
