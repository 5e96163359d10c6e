// Push subscriptions of the sandbox, called directly, with a cpprest listener on 127.0.0.1 as the
// merchant's endpoint: verification, signed pushes, retries, deactivation, replay, reporting.

#include "../support/loopback.hpp"
#include "../support/push_signing.hpp"

#include "json_writer.hpp"
#include "order_json.hpp"
#include "orders_api.hpp"
#include "subscriptions_api.hpp"

#include <cpprest/http_listener.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "sandbox_calls.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using namespace beezup::sandbox;
namespace json = boost::json;
namespace http = web::http;

namespace {

const std::string secret = "test-push-secret";

/// The signature as a receiver computes it, with OpenSSL directly rather than the sandbox's helper.
std::string expected_signature(const std::string& timestamp, const std::string& body) {
    return "sha256=" + beezup::testing::hex_hmac_sha256(secret, timestamp + "." + body);
}

/// A request the merchant's endpoint received.
struct received {
    std::string path;  // with the query
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::chrono::steady_clock::time_point at;
    bool verification() const { return headers.count("x-beezup-verification") != 0; }
    json::object json() const { return json::parse(body).as_object(); }
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

/// The merchant's push endpoint: answers verifications with `verification_status` and pushes
/// with `push_status`, after `push_delay`.
class merchant {
public:
    merchant() : port_(beezup::testing::free_loopback_port()) {
        listener_ = std::make_unique<web::http::experimental::listener::http_listener>(base() + "/hooks");
        listener_->support([this](http::http_request request) {
            request.extract_utf8string(true).then([this, request](std::string body) {
                received r;
                r.path = request.request_uri().to_string();
                for (const auto& [name, value] : request.headers()) {
                    std::string lower = name;
                    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
                    r.headers[lower] = value;
                }
                r.body = std::move(body);
                r.at = std::chrono::steady_clock::now();
                const bool is_verification = r.verification();
                {
                    std::unique_lock lock(mutex_);
                    requests_.push_back(r);
                    changed_.notify_all();
                    if (!is_verification) changed_.wait_for(lock, push_delay, [&] { return closing_; });
                }
                request.reply(static_cast<http::status_code>(is_verification ? verification_status.load() : push_status.load()));
            });
        });
        listener_->open().wait();
    }
    ~merchant() {
        {
            std::lock_guard lock(mutex_);
            closing_ = true;
            changed_.notify_all();
        }
        listener_->close().wait();
    }

    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::string url() const { return base() + "/hooks/beezup?token=abc"; }

    /// The pushes (not verifications) received, once there are at least `n` (or after 10 s).
    std::vector<received> pushes(std::size_t n, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, timeout, [&] { return count_pushes() >= n; });
        std::vector<received> out;
        for (const auto& r : requests_)
            if (!r.verification()) out.push_back(r);
        return out;
    }
    std::vector<received> verifications() {
        std::lock_guard lock(mutex_);
        std::vector<received> out;
        for (const auto& r : requests_)
            if (r.verification()) out.push_back(r);
        return out;
    }

    std::atomic<int> verification_status{200}, push_status{200};
    std::chrono::milliseconds push_delay{0};

private:
    std::size_t count_pushes() const {
        return static_cast<std::size_t>(std::count_if(requests_.begin(), requests_.end(), [](const auto& r) { return !r.verification(); }));
    }
    int port_;
    std::unique_ptr<web::http::experimental::listener::http_listener> listener_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<received> requests_;
    bool closing_ = false;
};

push_settings fast_settings() {
    push_settings s;
    s.secret = secret;
    s.retry_base = 50ms;
    s.max_retry_count = 2;
    s.request_timeout = 3s;
    s.verification_timeout = 3s;
    s.max_orders_per_push = 10;
    return s;
}

using testing::make_call;

const std::string root = "/v2/user/marketplaces/orders/subscriptions/";
const std::string sub_id = "0b9f3a0e-52c1-4b8c-8d7e-1f6b0a4c2d11";

struct fixture {
    order_store store{[] {
        order_store::options o;
        o.seed = 5;
        o.order_count = 400;
        return o;
    }()};
    merchant endpoint;
    std::unique_ptr<subscriptions_api> api;

    explicit fixture(push_settings settings = fast_settings())
        : api(std::make_unique<subscriptions_api>(store, std::move(settings))) {}

    api_answer call(const std::string& method, const std::string& path, const std::string& body = "",
                    std::map<std::string, std::string> query = {}) {
        auto answer = api->handle(make_call(method, path, body, std::move(query)));
        BOOST_REQUIRE(answer.has_value());
        return *answer;
    }

    json::object subscription(const std::string& id = sub_id) {
        auto a = call("GET", root + id);
        BOOST_REQUIRE_EQUAL(a.result.status, 200);
        return json::parse(a.result.body).as_object();
    }

    json::array reporting(const std::string& id = sub_id) {
        auto a = call("GET", root + id + "/reporting");
        BOOST_REQUIRE_EQUAL(a.result.status, 200);
        return json::parse(a.result.body).as_array();
    }

    void create(const std::string& id = sub_id, std::string url = "") {
        if (url.empty()) url = endpoint.url();
        const auto a = call("POST", root + id,
                            R"({"name":"test","targetUrl":")" + url +
                                R"(","merchantApplicationName":"tests","merchantApplicationVersion":"1.0"})");
        BOOST_REQUIRE_EQUAL(a.result.status, 202);
    }

    void activate(const std::string& id = sub_id, const std::string& body = "") {
        const auto a = call("POST", root + id + "/activate", body);
        BOOST_REQUIRE_MESSAGE(a.result.status == 202, a.result.status << " " << a.result.error_message);
    }

    /// The keys of the first `n` orders.
    std::vector<order_key> keys(std::size_t n) {
        list_filter f;
        f.end = store.now() + 24h;
        std::vector<order_key> out;
        store.list(f, 1, n, [&](const order& o) {
            out.push_back({o.acct.marketplace_technical_code, o.acct.account_id, o.beezup_order_id});
        });
        return out;
    }

    void touch(const order_key& key, const std::string& comment = "changed by the test") {
        BOOST_REQUIRE(store.update_order(key, [&](order& o) { o.comment = comment; }));
    }

    /// Polls `pred` until it holds, for at most `timeout`.
    template <class F>
    bool eventually(F&& pred, std::chrono::milliseconds timeout = 10s) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (!pred()) {
            if (std::chrono::steady_clock::now() > until) return false;
            std::this_thread::sleep_for(10ms);
        }
        return true;
    }
};

void check_signed(const received& r, const std::string& event_id) {
    BOOST_TEST(r.header("content-type").rfind("application/json", 0) == 0);
    BOOST_TEST(r.header("x-beezup-subscription-id") == sub_id);
    BOOST_TEST(r.header("x-beezup-event-id") == event_id);
    const auto timestamp = r.header("x-beezup-timestamp");
    BOOST_REQUIRE(!timestamp.empty());
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    BOOST_TEST(std::abs(std::stoll(timestamp) - now) <= 60);
    BOOST_TEST(r.header("x-beezup-signature") == expected_signature(timestamp, r.body));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(subscriptions_api_suite)

BOOST_AUTO_TEST_CASE(signature_and_timespan_helpers) {
    // RFC 4231, test case 2.
    BOOST_TEST(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    BOOST_TEST(push_signature(secret, 1700000000, "{}") == expected_signature("1700000000", "{}"));
    BOOST_TEST(format_timespan(1234567890ns) == "00:00:01.2345678");
    BOOST_TEST(format_timespan(std::chrono::hours(27) + 3min) == "1.03:03:00.0000000");
    const auto a = random_uuid(), b = random_uuid();
    BOOST_TEST(a != b);
    BOOST_TEST(std::regex_match(a, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
}

BOOST_AUTO_TEST_CASE(create_get_list_delete_and_validation) {
    fixture f;
    BOOST_TEST(!f.api->handle(make_call("GET", "/orders/v3/list/full")).has_value());
    BOOST_TEST(!f.api->handle(make_call("GET", "/v2/user/marketplaces/orders/exportations")).has_value());
    f.create();
    BOOST_TEST(f.call("POST", root + sub_id, R"({"name":"x","targetUrl":"https://a.example.com","merchantApplicationName":"a","merchantApplicationVersion":"1"})")
                   .result.status == 409);
    const std::string other = "11111111-2222-4333-8444-555555555555";
    for (const std::string& body : std::vector<std::string>{
          R"({"targetUrl":"https://a.example.com","merchantApplicationName":"a","merchantApplicationVersion":"1"})",
          R"({"name":"x","merchantApplicationName":"a","merchantApplicationVersion":"1"})",
          R"({"name":"x","targetUrl":"ftp://a.example.com","merchantApplicationName":"a","merchantApplicationVersion":"1"})",
          R"({"name":"x","targetUrl":"not a url","merchantApplicationName":"a","merchantApplicationVersion":"1"})",
          R"({"name":"x","targetUrl":"https://a.example.com","merchantApplicationVersion":"1"})",
          R"({"name":"x","targetUrl":"https://a.example.com","merchantApplicationName":"a"})",
          R"({"name":"x","targetUrl":"https://a.example.com","merchantApplicationName":"a","merchantApplicationVersion":"1","merchantEmailAlert":"nobody"})",
          "[1]", "{oops"}) {
        const auto a = f.call("POST", root + other, body);
        BOOST_CHECK_MESSAGE(a.result.status == 400, body);
        BOOST_TEST(!a.result.error_code.empty());
    }
    BOOST_TEST(f.call("POST", root + "not-a-guid", R"({"name":"x","targetUrl":"https://a.example.com","merchantApplicationName":"a","merchantApplicationVersion":"1"})")
                   .result.status == 400);

    const auto s = f.subscription();
    BOOST_TEST(s.at("id").as_string() == sub_id);
    BOOST_TEST(s.at("targetUrl").as_string() == f.endpoint.url());
    BOOST_TEST(s.at("status").as_string() == "inactive");
    BOOST_TEST(s.at("consumerHealthStatus").as_string() == "Available");
    BOOST_TEST(s.at("retryCount").as_int64() == 0);
    BOOST_TEST(s.at("maxRetryCount").as_int64() == 2);
    BOOST_TEST(s.at("links").as_object().at("activate").as_object().at("href").as_string() == root + sub_id + "/activate");

    const auto list = json::parse(f.call("GET", root).result.body).as_array();
    BOOST_REQUIRE_EQUAL(list.size(), 1u);
    BOOST_TEST(list[0].as_object().at("name").as_string() == "test");
    BOOST_TEST(f.call("PUT", root + sub_id).result.status == 405);
    BOOST_TEST(f.call("GET", root + other).result.status == 404);
    BOOST_TEST(f.call("POST", root + other + "/activate").result.status == 404);
    BOOST_TEST(f.call("POST", root + other + "/retry").result.status == 404);
    BOOST_TEST(f.call("GET", root + other + "/reporting").result.status == 404);
    BOOST_TEST(f.call("DELETE", root + sub_id).result.status == 202);
    BOOST_TEST(f.call("GET", root + sub_id).result.status == 404);
    BOOST_TEST(f.call("DELETE", root + sub_id).result.status == 404);
    BOOST_TEST(json::parse(f.call("GET", root).result.body).as_array().empty());
}

BOOST_AUTO_TEST_CASE(activation_verifies_then_order_changes_arrive_signed_as_in_list_full) {
    fixture f;
    f.create();
    f.activate();
    const auto verifications = f.endpoint.verifications();
    BOOST_REQUIRE_EQUAL(verifications.size(), 1u);
    const auto& v = verifications[0];
    BOOST_TEST(v.header("x-beezup-verification") == "true");
    BOOST_TEST(v.path == "/hooks/beezup?token=abc");
    BOOST_TEST(v.json().at("verification").as_bool());
    BOOST_TEST(v.json().at("subscriptionId").as_string() == sub_id);
    check_signed(v, std::string(v.json().at("eventId").as_string()));
    BOOST_TEST(f.subscription().at("status").as_string() == "active");

    const auto key = f.keys(1).at(0);
    f.touch(key);
    const auto pushes = f.endpoint.pushes(1);
    BOOST_REQUIRE_EQUAL(pushes.size(), 1u);
    const auto& p = pushes[0];
    BOOST_TEST(p.path == "/hooks/beezup?token=abc");
    const auto body = p.json();
    BOOST_TEST(body.at("subscriptionId").as_string() == sub_id);
    const std::string event_id(body.at("eventId").as_string());
    check_signed(p, event_id);
    const auto& orders = body.at("orders").as_array();
    BOOST_REQUIRE_EQUAL(orders.size(), 1u);

    // The same order as list/full gives.
    orders_api orders_module(f.store);
    f.store.advance(2s);  // list/full's end must be in the past, and whole seconds cut the change's fraction
    const auto now = f.store.now();
    api_call list = make_call("POST", "/orders/v3/list/full",
                              R"({"beginPeriodUtcDate":")" + format_utc(now - 1h) + R"(","endPeriodUtcDate":")" +
                                  format_utc(now) + R"(","pageNumber":1,"pageSize":100})");
    const auto listed = orders_module.handle(list);
    BOOST_REQUIRE(listed && listed->result.status == 200);
    json::value from_list;
    const auto listed_body = json::parse(listed->result.body);
    for (const auto& o : listed_body.at("orders").as_array())
        if (o.at("beezUPOrderId").as_string() == key.beezup_order_id) from_list = o;
    BOOST_REQUIRE(from_list.is_object());
    BOOST_TEST(orders[0] == from_list);
    BOOST_TEST(orders[0].at("order_Comment").as_string() == "changed by the test");

    BOOST_REQUIRE(f.eventually([&] { return f.reporting().size() == 1; }));
    const auto row = f.reporting()[0].as_object();
    BOOST_TEST(row.at("eventId").as_string() == event_id);
    BOOST_TEST(row.at("subscriptionId").as_string() == sub_id);
    BOOST_TEST(row.at("succeed").as_bool());
    BOOST_TEST(row.at("httpStatus").as_int64() == 200);
    BOOST_TEST(row.at("orderCount").as_int64() == 1);
    BOOST_TEST(row.at("retryCount").as_int64() == 0);
    BOOST_TEST(row.at("lastOrderModificationUtcDate").as_string() == orders[0].at("order_LastModificationUtcDate").as_string());
    BOOST_TEST(std::regex_match(std::string(row.at("duration").as_string()), std::regex(R"(\d\d:\d\d:\d\d\.\d{7})")));
    BOOST_TEST(!row.contains("errorMessage"));

    const auto s = f.subscription();
    BOOST_TEST(s.at("consumerHealthStatus").as_string() == "Available");
    BOOST_TEST(s.contains("lastSuccessfulOrderPushedUtcDate"));
    BOOST_TEST(s.at("lastOrderPushedModificationUtcDate").as_string() == orders[0].at("order_LastModificationUtcDate").as_string());
    BOOST_TEST(f.call("POST", root + sub_id + "/retry").result.status == 409);  // nothing to retry

    // Deactivated: changes are no longer pushed.
    BOOST_TEST(f.call("POST", root + sub_id + "/deactivate").result.status == 202);
    BOOST_TEST(f.subscription().at("status").as_string() == "inactive");
    f.touch(key, "again");
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(f.endpoint.pushes(1, 0ms).size() == 1u);
}

BOOST_AUTO_TEST_CASE(failing_endpoint_gets_retries_then_the_subscription_is_deactivated) {
    fixture f;
    f.endpoint.push_status = 500;
    f.create();
    f.activate();
    f.touch(f.keys(1).at(0));
    BOOST_REQUIRE(f.eventually([&] { return f.subscription().at("status").as_string() == "inactive"; }));
    const auto pushes = f.endpoint.pushes(3);
    BOOST_REQUIRE_EQUAL(pushes.size(), 3u);  // the first attempt and max_retry_count = 2 retries
    const std::string event_id(pushes[0].json().at("eventId").as_string());
    for (const auto& p : pushes) {
        BOOST_TEST(p.json().at("eventId").as_string() == event_id);  // retries re-send the event
        check_signed(p, event_id);
    }
    BOOST_TEST(((pushes[1].at - pushes[0].at) >= 45ms));  // backoff: 50 ms, then 100 ms
    BOOST_TEST(((pushes[2].at - pushes[1].at) >= 95ms));

    const auto rows = f.reporting();
    BOOST_REQUIRE_EQUAL(rows.size(), 3u);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i].as_object();  // newest first
        BOOST_TEST(!row.at("succeed").as_bool());
        BOOST_TEST(row.at("httpStatus").as_int64() == 500);
        BOOST_TEST(row.at("eventId").as_string() == event_id);
        BOOST_TEST(row.at("retryCount").as_int64() == static_cast<std::int64_t>(2 - i));
        BOOST_TEST(row.at("maxRetryCount").as_int64() == 2);
        BOOST_TEST(row.at("errorMessage").at("errors").as_array().at(0).at("code").as_string() == "PushFailed");
        BOOST_TEST(row.contains("nextScheduledRetryUtcDate") == (i != 0));
    }
    auto s = f.subscription();
    BOOST_TEST(s.at("status").as_string() == "inactive");
    BOOST_TEST(s.at("consumerHealthStatus").as_string() == "Unavailable");
    BOOST_TEST(s.at("retryCount").as_int64() == 2);
    BOOST_TEST(s.contains("consumerUnvailableSinceUtcDate"));
    BOOST_TEST(s.contains("lastRetryUtcDate"));
    BOOST_TEST(!s.contains("nextScheduledRetryUtcDate"));
    BOOST_TEST(std::string(s.at("lastErrorMessage").at("errors").as_array().at(0).at("message").as_string()).find("500") !=
               std::string::npos);
    BOOST_TEST(f.call("POST", root + sub_id + "/retry").result.status == 409);  // deactivated

    // Activated again once the endpoint is fixed: the kept event is delivered.
    f.endpoint.push_status = 200;
    f.activate();
    const auto after = f.endpoint.pushes(4);
    BOOST_REQUIRE_EQUAL(after.size(), 4u);
    BOOST_TEST(after[3].json().at("eventId").as_string() == event_id);
    BOOST_REQUIRE(f.eventually([&] { return f.reporting().size() == 4; }));
    s = f.subscription();
    BOOST_TEST(s.at("status").as_string() == "active");
    BOOST_TEST(s.at("retryCount").as_int64() == 0);
    BOOST_TEST(s.at("consumerHealthStatus").as_string() == "Available");
    BOOST_TEST(f.reporting()[0].at("succeed").as_bool());
}

BOOST_AUTO_TEST_CASE(retry_brings_the_next_attempt_forward) {
    auto settings = fast_settings();
    settings.retry_base = 60s;
    settings.max_retry_count = 5;
    fixture f(settings);
    f.endpoint.push_status = 503;
    f.create();
    f.activate();
    f.touch(f.keys(1).at(0));
    BOOST_REQUIRE(f.eventually([&] { return f.subscription().at("consumerHealthStatus").as_string() == "Degraded"; }));
    auto s = f.subscription();
    BOOST_TEST(s.at("status").as_string() == "active");
    BOOST_TEST(s.contains("nextScheduledRetryUtcDate"));
    BOOST_TEST(s.at("links").as_object().contains("retry"));
    f.endpoint.push_status = 204;
    const auto started = std::chrono::steady_clock::now();
    BOOST_TEST(f.call("POST", root + sub_id + "/retry").result.status == 202);
    BOOST_REQUIRE_EQUAL(f.endpoint.pushes(2).size(), 2u);
    BOOST_TEST(((std::chrono::steady_clock::now() - started) < 5s));
    BOOST_REQUIRE(f.eventually([&] { return f.subscription().at("consumerHealthStatus").as_string() == "Available"; }));
    BOOST_TEST(f.reporting().at(0).at("retryCount").as_int64() == 1);
    BOOST_TEST(f.reporting().at(0).at("httpStatus").as_int64() == 204);
}

BOOST_AUTO_TEST_CASE(activation_answers_503_when_the_target_is_not_available) {
    fixture f;
    const auto down = "http://127.0.0.1:" + std::to_string(beezup::testing::free_loopback_port()) + "/hooks";
    f.create(sub_id, down);
    auto a = f.call("POST", root + sub_id + "/activate");
    BOOST_TEST(a.result.status == 503);
    BOOST_TEST(a.result.error_code == "OrderSubscriptionTargetNotAvailable");
    auto s = f.subscription();
    BOOST_TEST(s.at("status").as_string() == "inactive");
    BOOST_TEST(s.at("consumerHealthStatus").as_string() == "Unavailable");
    BOOST_TEST(s.contains("lastErrorMessage"));

    // Up, but refusing the verification.
    const std::string other = "11111111-2222-4333-8444-555555555555";
    f.create(other);
    f.endpoint.verification_status = 401;
    a = f.call("POST", root + other + "/activate");
    BOOST_TEST(a.result.status == 503);
    BOOST_TEST(a.result.error_message.find("401") != std::string::npos);
    BOOST_TEST(f.subscription(other).at("status").as_string() == "inactive");
    f.endpoint.verification_status = 200;
    f.activate(other);
    BOOST_TEST(f.subscription(other).at("status").as_string() == "active");

    // A malformed replay window is refused before anything is sent.
    const auto sent = f.endpoint.verifications().size();
    for (const std::string& body : std::vector<std::string>{
          R"({"recoverEndPeriodOrderLastModificationUtcDate":"2024-01-01T00:00:00Z"})",
          R"({"recoverBeginPeriodOrderLastModificationUtcDate":"yesterday"})",
          R"({"recoverBeginPeriodOrderLastModificationUtcDate":"2999-01-01T00:00:00Z"})",
          R"({"recoverBeginPeriodOrderLastModificationUtcDate":"2024-02-01T00:00:00Z","recoverEndPeriodOrderLastModificationUtcDate":"2024-01-01T00:00:00Z"})",
          "{oops"})
        BOOST_CHECK_MESSAGE(f.call("POST", root + other + "/activate", body).result.status == 400, body);
    BOOST_TEST(f.endpoint.verifications().size() == sent);
}

BOOST_AUTO_TEST_CASE(replay_window_pushes_past_orders_in_batches_then_deactivates) {
    fixture f;
    const auto end = f.store.now() - 1s;
    const auto begin = end - std::chrono::days(60);
    std::set<std::string> expected;
    list_filter filter;
    filter.begin = begin;
    filter.end = end;
    f.store.list(filter, 1, 100000, [&](const order& o) { expected.insert(o.beezup_order_id); });
    BOOST_REQUIRE_GT(expected.size(), 10u);  // several batches of 10

    f.create();
    f.activate(sub_id, R"({"recoverBeginPeriodOrderLastModificationUtcDate":")" + format_utc(begin) +
                           R"(","recoverEndPeriodOrderLastModificationUtcDate":")" + format_utc(end) + R"("})");
    const auto batches = (expected.size() + 9) / 10;
    BOOST_REQUIRE(f.eventually([&] { return f.subscription().at("status").as_string() == "inactive"; }));
    const auto pushes = f.endpoint.pushes(batches);
    BOOST_REQUIRE_EQUAL(pushes.size(), batches);
    std::set<std::string> got;
    std::string previous;
    for (const auto& p : pushes) {
        const auto doc = p.json();
        const auto& orders = doc.at("orders").as_array();
        BOOST_TEST(orders.size() <= 10u);
        for (const auto& o : orders) {
            const std::string modified(o.at("order_LastModificationUtcDate").as_string());
            BOOST_TEST(modified >= previous);  // oldest first, across pushes too
            previous = modified;
            got.insert(std::string(o.at("beezUPOrderId").as_string()));
        }
    }
    BOOST_TEST((got == expected));
    const auto s = f.subscription();
    BOOST_TEST(s.at("recoverBeginPeriodOrderLastModificationUtcDate").as_string() == format_utc(begin));
    BOOST_TEST(s.at("recoverEndPeriodOrderLastModificationUtcDate").as_string() == format_utc(end));
    // A window with an end gets no real-time changes.
    f.touch(f.keys(1).at(0));
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(f.endpoint.pushes(0, 0ms).size() == batches);
}

BOOST_AUTO_TEST_CASE(reporting_is_paged_with_link_and_total_count_headers) {
    auto settings = fast_settings();
    settings.max_orders_per_push = 1;
    fixture f(settings);
    f.create();
    f.activate();
    for (const auto& key : f.keys(5)) f.touch(key);
    BOOST_REQUIRE_EQUAL(f.endpoint.pushes(5).size(), 5u);
    BOOST_REQUIRE(f.eventually([&] { return f.reporting().size() == 5; }));

    const auto path = root + sub_id + "/reporting";
    auto a = f.call("GET", path, "", {{"pageNumber", "2"}, {"pageSize", "2"}});
    BOOST_REQUIRE_EQUAL(a.result.status, 200);
    BOOST_TEST(json::parse(a.result.body).as_array().size() == 2u);
    BOOST_TEST(a.headers.at("X-Total-Count") == "5");
    const auto& link = a.headers.at("Link");
    BOOST_TEST(link.find("<" + path + "?pageNumber=1&pageSize=2>; rel=\"first\"") != std::string::npos);
    BOOST_TEST(link.find("<" + path + "?pageNumber=3&pageSize=2>; rel=\"last\"") != std::string::npos);
    BOOST_TEST(link.find("<" + path + "?pageNumber=3&pageSize=2>; rel=\"next\"") != std::string::npos);
    BOOST_TEST(link.find("<" + path + "?pageNumber=1&pageSize=2>; rel=\"previous\"") != std::string::npos);

    a = f.call("GET", path, "", {{"pageNumber", "3"}, {"pageSize", "2"}});
    BOOST_TEST(json::parse(a.result.body).as_array().size() == 1u);
    BOOST_TEST(a.headers.at("Link").find("rel=\"next\"") == std::string::npos);
    a = f.call("GET", path, "", {{"pageNumber", "1"}, {"pageSize", "2"}});
    BOOST_TEST(a.headers.at("Link").find("rel=\"previous\"") == std::string::npos);

    // Newest first: the page 1 rows are the last pushes.
    const auto all = f.reporting();
    const auto page1 = json::parse(a.result.body).as_array();
    BOOST_TEST(page1[0] == all[0]);
    BOOST_TEST(page1[1] == all[1]);
    BOOST_TEST(all[0].at("eventId").as_string() == f.endpoint.pushes(5).back().json().at("eventId").as_string());

    for (const auto& bad : std::vector<std::map<std::string, std::string>>{
             {{"pageSize", "0"}}, {{"pageSize", "101"}}, {{"pageNumber", "0"}}, {{"pageNumber", "x"}}})
        BOOST_TEST(f.call("GET", path, "", bad).result.status == 400);
}

BOOST_AUTO_TEST_CASE(destruction_cancels_a_push_in_flight) {
    auto settings = fast_settings();
    settings.request_timeout = 20s;
    fixture f(settings);
    f.endpoint.push_delay = 15s;
    f.create();
    f.activate();
    f.touch(f.keys(1).at(0));
    BOOST_REQUIRE_EQUAL(f.endpoint.pushes(1).size(), 1u);  // received, not answered
    const auto started = std::chrono::steady_clock::now();
    f.api.reset();
    BOOST_TEST(((std::chrono::steady_clock::now() - started) < 3s));
    f.touch(f.keys(1).at(0), "after the module is gone");  // the store's listener must not crash
}

BOOST_AUTO_TEST_SUITE_END()
