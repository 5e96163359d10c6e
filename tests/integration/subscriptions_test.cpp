// The SDK's subscription API against the in-process sandbox, with a cpprest listener on
// 127.0.0.1 as the merchant's push endpoint (the sandbox pushes to loopback targets only).

#include "loopback.hpp"
#include "sandbox_fixture.hpp"

#include <beezup/beezup.hpp>

#include <boost/test/unit_test.hpp>

#include <cpprest/http_listener.h>

#include <algorithm>
#include <atomic>
#include <thread>

using namespace std::chrono_literals;
using namespace beezup::testing;
namespace http = web::http;

namespace {

const std::string token = "integration-s3cret-token";

/// The merchant's endpoint: answers verifications 200 and pushes `push_status`.
class receiver {
public:
    explicit receiver(int push_status = 200) : port_(free_loopback_port()), push_status_(push_status) {
        listener_ = std::make_unique<http::experimental::listener::http_listener>(base() + "/hooks");
        listener_->support(http::methods::POST, [this](http::http_request request) {
            request.extract_utf8string(true).then([this, request](std::string) {
                const bool verification = request.headers().has("X-BeezUP-Verification");
                ++(verification ? verifications_ : pushes_);
                request.reply(static_cast<http::status_code>(verification ? 200 : push_status_));
            });
        });
        listener_->open().wait();
    }
    ~receiver() { listener_->close().wait(); }

    std::string url() const { return base() + "/hooks/beezup?token=" + token; }
    int verifications() const { return verifications_; }
    int pushes() const { return pushes_; }

private:
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port_;
    int push_status_;
    std::atomic<int> verifications_{0}, pushes_{0};
    std::unique_ptr<http::experimental::listener::http_listener> listener_;
};

beezup::sandbox::server_options with_pushes(std::chrono::milliseconds retry_base) {
    auto o = sandbox_options(200);
    o.push_retry_base = retry_base;
    o.push_timeout = 3s;
    return o;
}

beezup::subscription_request request_to(const std::string& url) {
    beezup::subscription_request r;
    r.id = beezup::new_subscription_id();
    r.target_url = url;
    r.name = "integration";
    r.application_name = "beezup-sdk-tests";
    r.application_version = "1.0";
    r.alert_email = "ops@example.com";
    return r;
}

/// Polls `condition` for up to 10 s.
bool eventually(const std::function<bool()>& condition) {
    for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(subscriptions_against_sandbox)

BOOST_AUTO_TEST_CASE(create_activate_follow_deactivate_and_delete) {
    beezup::sandbox::server s(with_pushes(5s));
    beezup::client c(client_options(s));
    auto api = c.subscriptions();
    receiver merchant;
    const auto r = request_to(merchant.url());

    api.create(r);
    const auto all = api.list();
    const auto listed = std::find_if(all.begin(), all.end(), [&](const beezup::subscription& x) { return x.id == r.id; });
    BOOST_REQUIRE(listed != all.end());
    BOOST_TEST(listed->status.str() == "inactive");
    auto sub = api.get(r.id);
    BOOST_TEST(sub.target_url == r.target_url);
    BOOST_TEST(sub.name == r.name);
    BOOST_TEST(sub.application_name == r.application_name);
    BOOST_TEST(sub.alert_email.value_or("") == "ops@example.com");
    BOOST_TEST(sub.links.contains("activate"));

    // Every order replayed (200 orders: two pushes of 100), then real-time changes.
    api.activate(r.id, beezup::activation_window::since(s.now() - std::chrono::days(400)));
    BOOST_TEST(merchant.verifications() == 1);
    sub = api.get(r.id);
    BOOST_TEST(sub.status.str() == "active");
    BOOST_TEST(sub.health.value_or(beezup::consumer_health()).str() == "Available");
    BOOST_TEST(sub.replay.replays());
    BOOST_REQUIRE(eventually([&] { return api.reporting(r.id).total_count.value_or(0) >= 2; }));

    const auto page = api.reporting(r.id);
    BOOST_REQUIRE(!page.rows.empty());
    const auto& newest = page.rows.front();
    BOOST_TEST(newest.subscription_id == r.id);
    BOOST_TEST(newest.succeeded);
    BOOST_TEST(newest.http_status.value_or(0) == 200);
    BOOST_TEST(newest.order_count >= 1);
    BOOST_TEST(newest.request_uri.value_or("") == r.target_url);
    BOOST_TEST(newest.errors.empty());
    BOOST_TEST(!page.next_page.has_value());
    const auto first = api.reporting(r.id, 1, 1);
    BOOST_TEST(first.rows.size() == 1u);
    BOOST_TEST(first.next_page.value_or(0) == 2);
    BOOST_TEST(first.total_count.value_or(0) >= 2);
    BOOST_TEST(merchant.pushes() >= 2);

    // Nothing to retry: the endpoint is healthy.
    try {
        api.retry(r.id);
        BOOST_ERROR("no conflict_error");
    } catch (const beezup::conflict_error& e) {
        BOOST_TEST(e.has_code("OrderSubscriptionRetryRejected"));
    }

    api.deactivate(r.id);
    api.deactivate(r.id);  // the same again changes nothing
    BOOST_TEST(api.get(r.id).status.str() == "inactive");
    BOOST_CHECK_THROW(api.retry(r.id), beezup::conflict_error);

    api.remove(r.id);
    BOOST_CHECK_THROW(api.get(r.id), beezup::not_found_error);
    BOOST_CHECK_THROW(api.remove(r.id), beezup::not_found_error);
}

BOOST_AUTO_TEST_CASE(a_failed_push_is_retried_on_demand) {
    beezup::sandbox::server s(with_pushes(60s));  // no scheduled retry during the test
    beezup::client c(client_options(s));
    auto api = c.subscriptions();
    receiver merchant(500);
    const auto r = request_to(merchant.url());
    api.create(r);
    api.activate(r.id, beezup::activation_window::since(s.now() - std::chrono::days(400)));
    BOOST_REQUIRE(eventually([&] { return api.get(r.id).health.value_or(beezup::consumer_health()).str() == "Degraded"; }));
    const auto degraded = api.get(r.id);
    BOOST_TEST(degraded.next_retry.has_value());
    BOOST_TEST(!degraded.last_error.empty());

    api.retry(r.id);
    BOOST_REQUIRE(eventually([&] { return api.reporting(r.id).total_count.value_or(0) >= 2; }));
    const auto rows = api.reporting(r.id).rows;
    BOOST_TEST(!rows[0].succeeded);
    BOOST_TEST(rows[0].http_status.value_or(0) == 500);
    BOOST_TEST(!rows[0].errors.empty());
    BOOST_TEST(rows[0].event_id == rows[1].event_id);  // a retry sends the same event again
}

BOOST_AUTO_TEST_CASE(activation_towards_a_dead_target_is_refused_without_leaking_its_secret) {
    beezup::sandbox::server s(with_pushes(5s));
    beezup::client c(client_options(s));
    auto api = c.subscriptions();
    const auto r = request_to("http://127.0.0.1:" + std::to_string(free_loopback_port()) + "/hooks?token=" + token);
    api.create(r);
    try {
        api.activate(r.id);
        BOOST_ERROR("no server_error");
    } catch (const beezup::server_error& e) {
        BOOST_TEST(e.status() == 503);
        BOOST_TEST(e.has_code("OrderSubscriptionTargetNotAvailable"));
        BOOST_TEST(std::string(e.what()).find(token) == std::string::npos, e.what());
        BOOST_TEST(e.raw_body().find(token) == std::string::npos);
        BOOST_TEST(e.details().at(0).message.find(token) == std::string::npos);
    }
    const auto sub = api.get(r.id);
    BOOST_TEST(sub.status.str() == "inactive");
    BOOST_TEST(sub.health.value_or(beezup::consumer_health()).str() == "Unavailable");
}

BOOST_AUTO_TEST_CASE(refusals_and_unknown_ids) {
    beezup::sandbox::server s(with_pushes(5s));
    beezup::client c(client_options(s));
    auto api = c.subscriptions();
    receiver merchant;
    const auto r = request_to(merchant.url());
    api.create(r);
    BOOST_CHECK_THROW(api.create(r), beezup::conflict_error);  // the id is taken
    auto bad = request_to(merchant.url());
    bad.id = "not-a-guid";
    BOOST_CHECK_THROW(api.create(bad), beezup::bad_request_error);
    BOOST_CHECK_THROW(api.activate(r.id, beezup::activation_window::since(s.now() + std::chrono::days(1))),
                      beezup::bad_request_error);  // a replay from the future

    const auto unknown = beezup::new_subscription_id();
    BOOST_CHECK_THROW(api.get(unknown), beezup::not_found_error);
    BOOST_CHECK_THROW(api.activate(unknown), beezup::not_found_error);
    BOOST_CHECK_THROW(api.deactivate(unknown), beezup::not_found_error);
    BOOST_CHECK_THROW(api.reporting(unknown), beezup::not_found_error);
    BOOST_CHECK_THROW(api.retry(unknown), beezup::not_found_error);
    BOOST_CHECK_THROW(api.remove(unknown), beezup::not_found_error);
}

BOOST_AUTO_TEST_SUITE_END()
