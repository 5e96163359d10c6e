#include "subscriptions_api.hpp"

#include "json_writer.hpp"
#include "order_json.hpp"

#include <cpprest/base_uri.h>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cctype>
#include <deque>
#include <limits>
#include <mutex>

namespace beezup::sandbox {
namespace {

namespace json = boost::json;
using steady = std::chrono::steady_clock;

const std::string base_path = "/v2/user/marketplaces/orders/subscriptions/";
constexpr std::size_t max_reporting_rows = 10'000;

/// An order as it was when it changed, ready to push.
struct queued_order {
    std::string id;
    std::uint64_t version = 0;
    time_point last_modification{};
    std::shared_ptr<const std::string> json;  // orderWithLinks, as list/full writes it
};

/// One push: sent, and retried as is, until delivered or the subscription gives up.
struct push_event {
    std::string event_id;
    std::vector<queued_order> orders;  // sorted by last modification
    int retries = 0;                   // retries made so far
    steady::time_point next_attempt{};
};

struct reporting_row {
    std::string event_id;
    bool succeed = false;
    std::optional<int> http_status;
    std::string duration;
    std::int64_t order_count = 0;
    time_point last_order_modification{};
    int retry_count = 0, max_retry_count = 0;
    std::optional<time_point> next_retry;
    std::string request_uri, error;
};

struct subscription {
    std::uint64_t serial = 0;  // tells a re-created id from the one a push was for
    std::string id, target_url, name, application_name, application_version;
    std::optional<std::string> email;
    bool active = false;
    bool replay_only = false;  // activated with an end date: no real-time changes, deactivates when done
    std::string health = "Available";
    std::optional<time_point> unavailable_since, last_order_pushed_modification, last_successful_push, last_retry,
        next_retry, recover_begin, recover_end;
    std::optional<std::string> last_error, last_request_uri;
    int retry_count = 0;
    std::deque<queued_order> queue;
    std::optional<push_event> pending;
    std::deque<reporting_row> rows;  // newest first
};

time_point wall_now() { return std::chrono::system_clock::now(); }

std::int64_t unix_seconds(time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

api_answer answer(outcome o) { return {std::move(o), {}, false}; }
api_answer error(int status, const std::string& code, const std::string& message) {
    return answer(outcome::error(status, code, message));
}
api_answer accepted() {
    outcome o;
    o.status = 202;
    return answer(o);
}
api_answer not_found(const std::string& id) {
    return error(404, "OrderSubscriptionNotFound", "The subscription " + id + " does not exist.");
}

bool is_guid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

bool is_http_url(const std::string& text) {
    if (text.empty() || !web::uri::validate(text)) return false;
    try {
        const web::uri u(text);
        return (u.scheme() == "http" || u.scheme() == "https") && !u.host().empty();
    } catch (const std::exception&) {
        return false;
    }
}

std::string error_message_json(const std::string& code, const std::string& message) {
    json_writer w;
    w.begin_object().key("errors").begin_array().begin_object().member("code", code).member("message", message)
        .end_object().end_array().end_object();
    return w.take();
}

void write_link(json_writer& w, std::string_view name, const std::string& href, const char* method) {
    w.key(name).begin_object().member("href", href).member("method", method).end_object();
}

void write_subscription(json_writer& w, const subscription& s, int max_retry_count) {
    w.begin_object()
        .member("id", s.id)
        .member("targetUrl", s.target_url)
        .member("status", s.active ? "active" : "inactive")
        .member("name", s.name)
        .member("merchantApplicationName", s.application_name)
        .member("merchantApplicationVersion", s.application_version);
    if (s.email) w.member("merchantEmailAlert", *s.email);
    w.member("consumerHealthStatus", s.health);
    auto date = [&](const char* name, const std::optional<time_point>& t) {
        if (t) w.member(name, *t);
    };
    date("consumerUnvailableSinceUtcDate", s.unavailable_since);
    if (s.last_request_uri) w.member("consumerLastRequestSentUri", *s.last_request_uri);
    if (s.last_error) w.key("lastErrorMessage").raw(error_message_json("PushFailed", *s.last_error));
    date("lastOrderPushedModificationUtcDate", s.last_order_pushed_modification);
    date("lastSuccessfulOrderPushedUtcDate", s.last_successful_push);
    date("lastRetryUtcDate", s.last_retry);
    date("nextScheduledRetryUtcDate", s.next_retry);
    w.member("retryCount", static_cast<std::int64_t>(s.retry_count))
        .member("maxRetryCount", static_cast<std::int64_t>(max_retry_count));
    date("recoverBeginPeriodOrderLastModificationUtcDate", s.recover_begin);
    date("recoverEndPeriodOrderLastModificationUtcDate", s.recover_end);
    const auto self = base_path + s.id;
    w.key("links").begin_object();
    if (!s.active) write_link(w, "activate", self + "/activate", "POST");
    if (s.active) write_link(w, "deactivate", self + "/deactivate", "POST");
    write_link(w, "delete", self, "DELETE");
    write_link(w, "reporting", self + "/reporting", "GET");
    if (s.active && s.health != "Available") write_link(w, "retry", self + "/retry", "POST");
    w.end_object().end_object();
}

void write_row(json_writer& w, const std::string& subscription_id, const reporting_row& r) {
    w.begin_object()
        .member("subscriptionId", subscription_id)
        .member("eventId", r.event_id)
        .member("succeed", r.succeed);
    if (r.http_status) w.member("httpStatus", static_cast<std::int64_t>(*r.http_status));
    w.member("duration", r.duration)
        .member("orderCount", r.order_count)
        .member("lastOrderModificationUtcDate", r.last_order_modification)
        .member("retryCount", static_cast<std::int64_t>(r.retry_count))
        .member("maxRetryCount", static_cast<std::int64_t>(r.max_retry_count));
    if (r.next_retry) w.member("nextScheduledRetryUtcDate", *r.next_retry);
    w.member("requestUri", r.request_uri);
    if (!r.succeed) w.key("errorMessage").raw(error_message_json("PushFailed", r.error));
    w.end_object();
}

/// The envelope of docs/push.md §2.
std::string push_body(const push_event& e, const std::string& subscription_id, time_point sent) {
    json_writer w;
    w.begin_object()
        .member("eventId", e.event_id)
        .member("subscriptionId", subscription_id)
        .member("sentUtcDate", sent)
        .key("orders")
        .begin_array();
    for (const auto& o : e.orders) w.raw(*o.json);
    w.end_array().end_object();
    return w.take();
}

bool parse_query_int(const api_call& call, const char* name, std::int64_t& out) {
    auto it = call.query.find(name);
    if (it == call.query.end()) return true;
    const auto& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (end != s.data() + s.size() || s.empty()) return false;
    // The spec bounds no page number: one past 64 bits is a page past the end, not an error.
    if (ec == std::errc::result_out_of_range && s.front() != '-') out = INT64_MAX;
    return ec == std::errc() || (ec == std::errc::result_out_of_range && s.front() != '-');
}

}  // namespace

struct subscriptions_api::state {
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::vector<std::unique_ptr<subscription>> subscriptions;  // creation order
    std::uint64_t next_serial = 1;
    std::size_t round_robin = 0;
    std::optional<pplx::cancellation_token_source> in_flight;

    subscription* find(const std::string& id) {
        for (auto& s : subscriptions)
            if (s->id == id) return s.get();
        return nullptr;
    }
    subscription* find_serial(std::uint64_t serial) {
        for (auto& s : subscriptions)
            if (s->serial == serial) return s.get();
        return nullptr;
    }
    bool wants_changes() const {
        return std::any_of(subscriptions.begin(), subscriptions.end(),
                           [](const auto& s) { return s->active && !s->replay_only; });
    }
};

subscriptions_api::subscriptions_api(order_store& store, push_settings settings)
    : store_(store), settings_(std::move(settings)), state_(std::make_shared<state>()) {
    settings_.max_orders_per_push = std::max<std::size_t>(1, settings_.max_orders_per_push);
    settings_.max_retry_count = std::max(0, settings_.max_retry_count);
    // Runs under the store's lock: only copy the order (as JSON) and queue it.
    store_.on_order_changed([weak = std::weak_ptr<state>(state_), &store = store_](const order& o) {
        const auto s = weak.lock();
        if (!s || store.replaying()) return;  // a restored change was pushed when it happened
        {
            std::lock_guard lock(s->mutex);
            if (s->stopping || !s->wants_changes()) return;
        }
        json_writer w;
        write_order_full(w, o);
        queued_order item{o.beezup_order_id, o.version, o.last_modification, std::make_shared<const std::string>(w.take())};
        std::lock_guard lock(s->mutex);
        for (auto& sub : s->subscriptions)
            if (sub->active && !sub->replay_only) sub->queue.push_back(item);
        s->wake.notify_all();
    });
    worker_ = std::thread([this] { deliver(); });
}

subscriptions_api::~subscriptions_api() {
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
        if (state_->in_flight) state_->in_flight->cancel();
        state_->wake.notify_all();
    }
    worker_.join();
}

std::optional<api_answer> subscriptions_api::handle(const api_call& call) {
    const auto& s = call.segments;
    if (s.size() < 5 || s[0] != "v2" || s[1] != "user" || s[2] != "marketplaces" || s[3] != "orders" ||
        s[4] != "subscriptions")
        return std::nullopt;
    const auto& m = call.method;
    auto not_allowed = [&] { return error(405, "MethodNotAllowed", "The method " + m + " is not allowed here."); };
    if (s.size() == 5) return m == "GET" ? list() : not_allowed();
    const auto& id = s[5];
    if (s.size() == 6) {
        if (m == "GET") return get(id);
        if (m == "POST") return create(id, call.body);
        if (m == "DELETE") return remove(id);
        return not_allowed();
    }
    if (s.size() == 7) {
        const auto& action = s[6];
        if (action == "reporting") return m == "GET" ? reporting(call, id) : not_allowed();
        if (action == "activate" || action == "deactivate" || action == "retry") {
            if (m != "POST") return not_allowed();
            if (action == "activate") return activate(id, call.body);
            if (action == "deactivate") return deactivate(id);
            return retry(id);
        }
    }
    return error(404, "ResourceNotFound", "No resource at this path.");
}

api_answer subscriptions_api::list() const {
    json_writer w;
    w.begin_array();
    {
        std::lock_guard lock(state_->mutex);
        for (const auto& s : state_->subscriptions) write_subscription(w, *s, settings_.max_retry_count);
    }
    w.end_array();
    return answer(outcome::json(w.take()));
}

api_answer subscriptions_api::get(const std::string& id) const {
    json_writer w;
    {
        std::lock_guard lock(state_->mutex);
        const auto* s = state_->find(id);
        if (!s) return not_found(id);
        write_subscription(w, *s, settings_.max_retry_count);
    }
    return answer(outcome::json(w.take()));
}

api_answer subscriptions_api::create(const std::string& id, const std::string& body) {
    auto invalid = [](const std::string& message) { return error(400, "InvalidSubscriptionRequest", message); };
    if (!is_guid(id)) return invalid("The subscription id '" + id + "' is not a GUID.");
    json::error_code ec;
    const auto value = json::parse(body, ec);
    if (ec) return error(400, "InvalidJson", "The request body is not valid JSON: " + ec.message() + ".");
    if (!value.is_object()) return invalid("The request body must be a createSubscriptionRequest object.");
    const auto& o = value.get_object();
    std::string problem;
    auto text = [&](const char* name, std::string& out) {
        const auto* v = o.if_contains(name);
        if (!v || !v->is_string() || v->get_string().empty()) {
            if (problem.empty()) problem = std::string(name) + " is required (a non-empty string).";
            return;
        }
        out = std::string(v->get_string());
    };
    auto s = std::make_unique<subscription>();
    s->id = id;
    text("name", s->name);
    text("targetUrl", s->target_url);
    text("merchantApplicationName", s->application_name);
    text("merchantApplicationVersion", s->application_version);
    if (!problem.empty()) return invalid(problem);
    if (!is_http_url(s->target_url)) return invalid("targetUrl must be an absolute http or https URL.");
    if (const auto* v = o.if_contains("merchantEmailAlert"); v && !v->is_null()) {
        const auto at = v->is_string() ? std::string_view(v->get_string()).find('@') : std::string_view::npos;
        if (!v->is_string() || at == 0 || at == std::string_view::npos || at + 1 >= v->get_string().size())
            return invalid("merchantEmailAlert must be an email address.");
        s->email = std::string(v->get_string());
    }
    std::lock_guard lock(state_->mutex);
    if (state_->find(id))
        return error(409, "OrderSubscriptionAlreadyExists", "The subscription id " + id + " is already used.");
    s->serial = state_->next_serial++;
    state_->subscriptions.push_back(std::move(s));
    return accepted();
}

api_answer subscriptions_api::remove(const std::string& id) {
    std::lock_guard lock(state_->mutex);
    auto& subs = state_->subscriptions;
    const auto it = std::find_if(subs.begin(), subs.end(), [&](const auto& s) { return s->id == id; });
    if (it == subs.end()) return not_found(id);
    subs.erase(it);
    return accepted();
}

api_answer subscriptions_api::activate(const std::string& id, const std::string& body) {
    // The request: an optional replay window, both dates in the past.
    std::optional<time_point> begin, end;
    if (body.find_first_not_of(" \t\r\n") != std::string::npos) {
        auto invalid = [](const std::string& message) { return error(400, "InvalidActivateSubscriptionRequest", message); };
        json::error_code ec;
        const auto value = json::parse(body, ec);
        if (ec) return error(400, "InvalidJson", "The request body is not valid JSON: " + ec.message() + ".");
        if (!value.is_object() && !value.is_null()) return invalid("The request body must be an activateSubscriptionRequest object.");
        const time_point now = store_.now();
        for (auto [name, out] : {std::pair{"recoverBeginPeriodOrderLastModificationUtcDate", &begin},
                                 std::pair{"recoverEndPeriodOrderLastModificationUtcDate", &end}}) {
            const auto* v = value.is_object() ? value.get_object().if_contains(name) : nullptr;
            if (!v || v->is_null()) continue;
            time_point t;
            const std::string text = v->is_string() ? std::string(v->get_string()) : std::string();
            if (!parse_utc(text, t))
                return invalid(std::string(name) + " must be an ISO 8601 UTC date-time.");
            if (t > now) return invalid(std::string(name) + " must be in the past.");
            *out = t;
        }
        if (end && !begin)
            return invalid("recoverBeginPeriodOrderLastModificationUtcDate is required when the end period is set.");
        if (begin && end && *begin >= *end) return invalid("The begin period must be lower than the end period.");
    }

    std::string target;
    {
        std::lock_guard lock(state_->mutex);
        const auto* s = state_->find(id);
        if (!s) return not_found(id);
        target = s->target_url;
    }

    // Restoring a state file: this activation succeeded then, and its pushes were sent then.
    const bool replaying = store_.replaying();

    // The verification request (docs/push.md §4), without holding anything.
    const auto sent = wall_now();
    const auto event_id = random_uuid();
    json_writer w;
    w.begin_object().member("verification", true).member("eventId", event_id).member("subscriptionId", id)
        .member("sentUtcDate", sent).end_object();
    push_message check{target, signed_headers(settings_.secret, event_id, id, unix_seconds(sent), w.str()), w.str()};
    check.headers["X-BeezUP-Verification"] = "true";
    const auto result = replaying ? push_result{} : send_push(check, settings_, settings_.verification_timeout);
    if (!replaying && !result.delivered()) {
        const auto message = "The target url is not available: the verification request to " + target + " failed (" +
                             result.error + ").";
        std::lock_guard lock(state_->mutex);
        if (auto* s = state_->find(id)) {
            s->last_error = message;
            s->last_request_uri = target;
            s->health = "Unavailable";
            if (!s->unavailable_since) s->unavailable_since = sent;
        }
        return error(503, "OrderSubscriptionTargetNotAvailable", message);
    }

    // The replay, oldest first (the store lists by last modification).
    std::vector<queued_order> replay;
    if (begin && !replaying) {
        list_filter f;
        f.begin = *begin;
        f.end = end ? *end : store_.now();
        f.date_search_type = "Modification";
        store_.list(f, 1, std::numeric_limits<std::size_t>::max(), [&](const order& o) {
            json_writer ow;
            write_order_full(ow, o);
            replay.push_back({o.beezup_order_id, o.version, o.last_modification, std::make_shared<const std::string>(ow.take())});
        });
    }

    std::lock_guard lock(state_->mutex);
    auto* s = state_->find(id);
    if (!s) return not_found(id);
    s->active = true;
    s->replay_only = end.has_value();
    s->recover_begin = begin;
    s->recover_end = end;
    s->last_request_uri = target;
    s->health = "Available";
    s->unavailable_since.reset();
    s->next_retry.reset();
    s->retry_count = 0;
    if (s->pending) {
        s->pending->retries = 0;
        s->pending->next_attempt = steady::now();
    }
    s->queue.insert(s->queue.end(), replay.begin(), replay.end());
    state_->wake.notify_all();
    return accepted();
}

api_answer subscriptions_api::deactivate(const std::string& id) {
    std::lock_guard lock(state_->mutex);
    auto* s = state_->find(id);
    if (!s) return not_found(id);
    s->active = false;
    s->replay_only = false;
    s->next_retry.reset();
    return accepted();
}

api_answer subscriptions_api::retry(const std::string& id) {
    std::lock_guard lock(state_->mutex);
    auto* s = state_->find(id);
    if (!s) return not_found(id);
    if (!s->active || s->health == "Available" || !s->pending)
        return error(409, "OrderSubscriptionRetryRejected",
                     "The subscription is deactivated or your subscription consumption availability status is available.");
    s->pending->next_attempt = steady::now();
    state_->wake.notify_all();
    return accepted();
}

api_answer subscriptions_api::reporting(const api_call& call, const std::string& id) const {
    std::int64_t page_number = 1, page_size = 100;
    if (!parse_query_int(call, "pageNumber", page_number) || page_number < 1)
        return error(400, "InvalidPagination", "pageNumber must be an integer from 1.");
    if (!parse_query_int(call, "pageSize", page_size) || page_size < 1 || page_size > 100)
        return error(400, "InvalidPagination", "pageSize must be an integer from 1 to 100.");
    json_writer w;
    std::size_t total = 0;
    {
        std::lock_guard lock(state_->mutex);
        const auto* s = state_->find(id);
        if (!s) return not_found(id);
        total = s->rows.size();
        w.begin_array();
        const auto first = static_cast<std::size_t>(std::min<std::int64_t>(page_number - 1, INT32_MAX)) *
                           static_cast<std::size_t>(page_size);
        for (std::size_t i = first; i < total && i < first + static_cast<std::size_t>(page_size); ++i)
            write_row(w, s->id, s->rows[i]);
        w.end_array();
    }
    const auto pages = std::max<std::int64_t>(1, static_cast<std::int64_t>((total + page_size - 1) / page_size));
    const auto self = base_path + id + "/reporting";
    auto link = [&](std::int64_t number, const char* rel) {
        return "<" + self + "?pageNumber=" + std::to_string(number) + "&pageSize=" + std::to_string(page_size) +
               ">; rel=\"" + rel + "\"";
    };
    std::string links = link(1, "first") + ", " + link(pages, "last");
    if (page_number < pages) links += ", " + link(page_number + 1, "next");
    if (page_number > 1) links += ", " + link(std::min(page_number - 1, pages), "previous");
    auto a = answer(outcome::json(w.take()));
    a.headers["Link"] = links;
    a.headers["X-Total-Count"] = std::to_string(total);
    return a;
}

void subscriptions_api::deliver() {
    auto& st = *state_;
    std::unique_lock lock(st.mutex);
    while (!st.stopping) {
        const auto now = steady::now();
        subscription* chosen = nullptr;
        std::optional<steady::time_point> earliest;
        const auto n = st.subscriptions.size();
        for (std::size_t k = 0; k < n && !chosen; ++k) {
            auto& s = *st.subscriptions[(st.round_robin + k) % n];
            if (!s.active) continue;
            if (!s.pending && !s.queue.empty()) {
                // The next event: what is queued, up to the batch size, one version per order.
                push_event e;
                e.event_id = random_uuid();
                e.next_attempt = now;
                while (!s.queue.empty() && e.orders.size() < settings_.max_orders_per_push) {
                    auto item = std::move(s.queue.front());
                    s.queue.pop_front();
                    auto same = std::find_if(e.orders.begin(), e.orders.end(), [&](const auto& o) { return o.id == item.id; });
                    if (same == e.orders.end())
                        e.orders.push_back(std::move(item));
                    else if (same->version < item.version)
                        *same = std::move(item);
                }
                std::stable_sort(e.orders.begin(), e.orders.end(), [](const auto& a, const auto& b) {
                    return a.last_modification != b.last_modification ? a.last_modification < b.last_modification : a.id < b.id;
                });
                s.pending = std::move(e);
            }
            if (!s.pending) {
                if (s.replay_only) {  // the replay window is delivered
                    s.active = false;
                    s.replay_only = false;
                }
                continue;
            }
            if (s.pending->next_attempt <= now) {
                chosen = &s;
                st.round_robin = (st.round_robin + k + 1) % n;
            } else if (!earliest || s.pending->next_attempt < *earliest) {
                earliest = s.pending->next_attempt;
            }
        }
        if (!chosen) {
            if (earliest)
                st.wake.wait_until(lock, *earliest);
            else
                st.wake.wait(lock);
            continue;
        }

        // One attempt, without the lock: changes keep being queued meanwhile.
        auto& s = *chosen;
        const auto serial = s.serial;
        const auto event_id = s.pending->event_id;
        const auto sent = wall_now();
        const auto body = push_body(*s.pending, s.id, sent);
        const push_message message{s.target_url, signed_headers(settings_.secret, event_id, s.id, unix_seconds(sent), body), body};
        pplx::cancellation_token_source cancel;
        st.in_flight = cancel;
        lock.unlock();
        const auto result = send_push(message, settings_, settings_.request_timeout, cancel);
        lock.lock();
        st.in_flight.reset();
        if (st.stopping) break;

        auto* sub = st.find_serial(serial);
        if (!sub || !sub->pending || sub->pending->event_id != event_id) continue;  // deleted meanwhile
        auto& e = *sub->pending;
        reporting_row row;
        row.event_id = event_id;
        row.succeed = result.delivered();
        row.http_status = result.http_status;
        row.duration = format_timespan(result.duration);
        row.order_count = static_cast<std::int64_t>(e.orders.size());
        row.last_order_modification = e.orders.empty() ? time_point{} : e.orders.back().last_modification;
        for (const auto& o : e.orders) row.last_order_modification = std::max(row.last_order_modification, o.last_modification);
        row.retry_count = e.retries;
        row.max_retry_count = settings_.max_retry_count;
        row.request_uri = message.url;
        row.error = result.error;
        sub->last_request_uri = message.url;
        if (e.retries > 0) sub->last_retry = sent;
        if (result.delivered()) {
            sub->health = "Available";
            sub->unavailable_since.reset();
            sub->next_retry.reset();
            sub->retry_count = 0;
            sub->last_successful_push = wall_now();
            sub->last_order_pushed_modification = row.last_order_modification;
            sub->pending.reset();
        } else {
            sub->last_error = result.error;
            if (!sub->unavailable_since) sub->unavailable_since = sent;
            sub->retry_count = e.retries;
            if (e.retries >= settings_.max_retry_count) {
                // Out of retries: deactivated; the event stays for a later activation.
                sub->active = false;
                sub->replay_only = false;
                sub->health = "Unavailable";
                sub->next_retry.reset();
            } else {
                const auto delay = std::min(settings_.retry_cap, settings_.retry_base * (std::int64_t{1} << std::min(e.retries, 20)));
                ++e.retries;
                e.next_attempt = steady::now() + delay;
                sub->health = "Degraded";
                sub->next_retry = wall_now() + delay;
                row.next_retry = sub->next_retry;
            }
        }
        if (!sub->active) sub->next_retry.reset();  // deactivated while the attempt ran
        sub->rows.push_front(std::move(row));
        if (sub->rows.size() > max_reporting_rows) sub->rows.pop_back();
    }
}

}  // namespace beezup::sandbox
