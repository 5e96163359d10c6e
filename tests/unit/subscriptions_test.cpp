// The subscription API on a scripted transport: what each call sends, how answers and paging
// headers are read, which requests may be repeated, and create()/remove() after a lost answer.

#include "decode_expectations.hpp"
#include "client_factory.hpp"
#include "fake_transport.hpp"
#include "json/subscription_json.hpp"
#include "pipeline/link_header.hpp"

#include <beezup/beezup.hpp>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

using namespace std::chrono_literals;
using beezup::http_method;
using beezup::testing::fake_clock;
using beezup::testing::fake_transport;
namespace bjson = beezup::detail::json;

namespace {

using beezup::testing::expect_decode_error;

const std::string id = "0b9f3a0e-52c1-4b8c-8d7e-1f6b0a4c2d11";
const std::string root = "https://api.example.test/v2/user/marketplaces/orders/subscriptions/";
const std::string target = "https://shop.example.com/beezup/push";

beezup::utc_time at(int day, std::chrono::hours h) {
    return std::chrono::sys_days{std::chrono::year{2026} / 11 / day} + h;
}

beezup::subscription_request request_for(const std::string& url = target) {
    beezup::subscription_request r;
    r.id = id;
    r.target_url = url;
    r.name = "orders to the shop";
    r.application_name = "ShopSync";
    r.application_version = "2.1";
    return r;
}

// A subscriptionIndex with only its required members, plus `more` (",\"member\":...").
std::string subscription_json(const std::string& url = target, const std::string& more = "") {
    return R"({"id":")" + id + R"(","targetUrl":")" + url +
           R"(","status":"inactive","name":"orders to the shop","merchantApplicationName":"ShopSync","merchantApplicationVersion":"2.1")" +
           more + "}";
}

std::string error_json(const std::string& code, const std::string& message) {
    return R"({"errors":[{"code":")" + code + R"(","message":")" + message + R"("}]})";
}

// A reporting row with its required members, plus `more`.
std::string row_json(const std::string& duration = "00:00:00.0123450", const std::string& more = "") {
    return R"({"subscriptionId":")" + id + R"(","eventId":"6f1c2b1e-8d4f-4a57-9a43-2f0e4d1c9b10","succeed":true,"duration":")" +
           duration + R"(","orderCount":3,"lastOrderModificationUtcDate":"2026-11-26T11:00:00Z")" + more + "}";
}

struct fixture {
    std::shared_ptr<fake_transport> transport = std::make_shared<fake_transport>();
    std::shared_ptr<fake_clock> clock = std::make_shared<fake_clock>();
    beezup::client_options options = [] {
        beezup::client_options o;
        o.base_url = "https://api.example.test";
        o.api_key = "KEY";
        o.rate_limit.enabled = false;
        o.retry.base_delay = 100ms;
        return o;
    }();

    beezup::subscriptions_api make() {
        return beezup::detail::client_factory::make(
                   std::make_shared<beezup::detail::pipeline>(options, transport, clock, [] { return 0.5; }))
            .subscriptions();
    }
    beezup::http_request sent(std::size_t i) const { return transport->requests().at(i); }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(subscription_requests, fixture)

BOOST_AUTO_TEST_CASE(create_posts_the_request_to_its_percent_encoded_id) {
    transport->push(202);
    auto r = request_for();
    r.id = "my id/1";
    r.alert_email = "ops@shop.example.com";
    make().create(r);
    BOOST_REQUIRE_EQUAL(transport->count(), 1u);
    BOOST_TEST((sent(0).method == http_method::post));
    BOOST_TEST(sent(0).url == root + "my%20id%2F1");
    BOOST_TEST(sent(0).body == R"({"targetUrl":"https://shop.example.com/beezup/push","name":"orders to the shop",)"
                               R"("merchantApplicationName":"ShopSync","merchantApplicationVersion":"2.1",)"
                               R"("merchantEmailAlert":"ops@shop.example.com"})");
    BOOST_TEST(!sent(0).idempotent);  // the first send is never repeated blindly
}

BOOST_AUTO_TEST_CASE(create_without_a_required_field_or_an_id_sends_nothing) {
    auto api = make();
    for (auto clear : std::vector<std::function<void(beezup::subscription_request&)>>{
             [](auto& r) { r.id.clear(); }, [](auto& r) { r.id = ".."; }, [](auto& r) { r.target_url.clear(); },
             [](auto& r) { r.name.clear(); }, [](auto& r) { r.application_name.clear(); },
             [](auto& r) { r.application_version.clear(); }}) {
        auto r = request_for();
        clear(r);
        BOOST_CHECK_THROW(api.create(r), beezup::invalid_request);
    }
    BOOST_CHECK_THROW(api.get(""), beezup::invalid_request);
    BOOST_TEST(transport->count() == 0u);
}

BOOST_AUTO_TEST_CASE(activate_sends_its_window_and_may_be_repeated) {
    auto api = make();
    const auto begin = at(20, 10h), end = at(22, 8h);
    const std::vector<std::pair<beezup::activation_window, std::string>> cases{
        {{}, "{}"},
        {beezup::activation_window::since(begin), R"({"recoverBeginPeriodOrderLastModificationUtcDate":"2026-11-20T10:00:00Z"})"},
        {beezup::activation_window::between(begin, end),
         R"({"recoverBeginPeriodOrderLastModificationUtcDate":"2026-11-20T10:00:00Z",)"
         R"("recoverEndPeriodOrderLastModificationUtcDate":"2026-11-22T08:00:00Z"})"}};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        transport->push(202);
        api.activate(id, cases[i].first);
        BOOST_TEST(sent(i).url == root + id + "/activate");
        BOOST_TEST((sent(i).method == http_method::post));
        BOOST_TEST(sent(i).body == cases[i].second);
        BOOST_TEST(sent(i).idempotent);
    }
}

BOOST_AUTO_TEST_CASE(a_window_must_begin_before_it_ends) {
    BOOST_CHECK_THROW(beezup::activation_window::between(at(22, 8h), at(20, 10h)), beezup::invalid_request);
    BOOST_CHECK_THROW(beezup::activation_window::between(at(22, 8h), at(22, 8h)), beezup::invalid_request);
    BOOST_TEST(!beezup::activation_window().replays());
    BOOST_TEST(beezup::activation_window::since(at(20, 10h)).replays());
    BOOST_TEST(!beezup::activation_window::since(at(20, 10h)).end().has_value());
}

BOOST_AUTO_TEST_CASE(activation_refused_by_the_target_is_retried_then_reported) {
    // 503 OrderSubscriptionTargetNotAvailable: repeated within the deadline like any 503.
    options.retry.max_attempts = 2;
    transport->push(503, error_json("OrderSubscriptionTargetNotAvailable", "The target url is not available"));
    transport->push(503, error_json("OrderSubscriptionTargetNotAvailable", "The target url is not available"));
    auto api = make();
    try {
        api.activate(id);
        BOOST_ERROR("no server_error");
    } catch (const beezup::server_error& e) {
        BOOST_TEST(e.has_code("OrderSubscriptionTargetNotAvailable"));
    }
    BOOST_TEST(transport->count() == 2u);
}

BOOST_AUTO_TEST_CASE(each_call_uses_its_method_path_and_repeatability) {
    struct expected {
        http_method method;
        std::string url;
        bool idempotent;
    };
    auto api = make();
    transport->push(200, "[" + subscription_json() + "]");
    api.list();
    transport->push(200, subscription_json());
    api.get(id);
    transport->push(202);
    api.deactivate(id);
    transport->push(202);
    api.retry(id);
    transport->push(202);
    api.remove(id);
    const std::vector<expected> calls{{http_method::get, root, true},
                                      {http_method::get, root + id, true},
                                      {http_method::post, root + id + "/deactivate", true},
                                      {http_method::post, root + id + "/retry", false},
                                      {http_method::del, root + id, false}};
    BOOST_REQUIRE_EQUAL(transport->count(), calls.size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        BOOST_TEST_CONTEXT("call " << i) {
            BOOST_TEST((sent(i).method == calls[i].method));
            BOOST_TEST(sent(i).url == calls[i].url);
            BOOST_TEST(sent(i).idempotent == calls[i].idempotent);
            BOOST_TEST(sent(i).body.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_retry_whose_answer_is_lost_is_not_sent_again) {
    transport->push(beezup::transport_failure::connection);
    BOOST_CHECK_THROW(make().retry(id), beezup::transport_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_rejected_retry_is_a_conflict) {
    transport->push(409, error_json("OrderSubscriptionRetryRejected", "The subscription is deactivated"));
    try {
        make().retry(id);
        BOOST_ERROR("no conflict_error");
    } catch (const beezup::conflict_error& e) {
        BOOST_TEST(e.has_code("OrderSubscriptionRetryRejected"));
    }
}

BOOST_AUTO_TEST_CASE(reporting_asks_one_page_and_reads_the_paging_headers) {
    const std::string self = "/v2/user/marketplaces/orders/subscriptions/" + id + "/reporting";
    transport->push(200, "[" + row_json() + "," + row_json() + "]",
                    {{"X-Total-Count", "5"},
                     {"Link", "<" + self + "?pageNumber=1&pageSize=2>; rel=\"first\", <" + self +
                                  "?pageNumber=3&pageSize=2>; rel=\"last\", <" + self +
                                  "?pageNumber=3&pageSize=2>; rel=\"next\", <" + self +
                                  "?pageNumber=1&pageSize=2>; rel=\"previous\""}});
    const auto page = make().reporting(id, 2, 2);
    BOOST_TEST(sent(0).url == root + id + "/reporting?pageNumber=2&pageSize=2");
    BOOST_TEST(page.rows.size() == 2u);
    BOOST_TEST(page.total_count.value_or(-1) == 5);
    BOOST_TEST(page.next_page.value_or(-1) == 3);
}

BOOST_AUTO_TEST_CASE(the_last_page_has_no_next_and_headers_may_be_absent) {
    transport->push(200, "[]", {{"X-Total-Count", "0"}, {"Link", "</r?pageNumber=1&pageSize=100>; rel=\"first\""}});
    transport->push(200, "[]");
    auto api = make();
    const auto last = api.reporting(id);
    BOOST_TEST(!last.next_page.has_value());
    BOOST_TEST(last.total_count.value_or(-1) == 0);
    const auto bare = api.reporting(id);
    BOOST_TEST(!bare.next_page.has_value());
    BOOST_TEST(!bare.total_count.has_value());
    BOOST_TEST(sent(0).url == root + id + "/reporting?pageNumber=1&pageSize=100");
}

BOOST_AUTO_TEST_CASE(malformed_paging_headers_are_decode_errors_naming_the_header) {
    auto api = make();
    transport->push(200, "[]", {{"X-Total-Count", "many"}});
    expect_decode_error([&] { api.reporting(id); }, "header X-Total-Count", "many");
    transport->push(200, "[]", {{"Link", "</r?pageSize=2>; rel=\"next\""}});
    expect_decode_error([&] { api.reporting(id); }, "header Link", "no page number");
    transport->push(200, "[]", {{"Link", "</r?pageNumber=0>; rel=next"}});
    expect_decode_error([&] { api.reporting(id); }, "header Link", "no page number");
}

BOOST_AUTO_TEST_CASE(reporting_pages_out_of_bounds_send_nothing) {
    auto api = make();
    BOOST_CHECK_THROW(api.reporting(id, 0), beezup::invalid_request);
    BOOST_CHECK_THROW(api.reporting(id, 1, 0), beezup::invalid_request);
    BOOST_CHECK_THROW(api.reporting(id, 1, 101), beezup::invalid_request);
    BOOST_TEST(transport->count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_secret_in_the_target_url_stays_out_of_errors) {
    const std::string url = "https://shop.example.com/push?token=s3cr3t-t0ken&shop=12";
    transport->push(400, error_json("InvalidSubscriptionRequest", "targetUrl " + url + " is refused"));
    try {
        make().create(request_for(url));
        BOOST_ERROR("no bad_request_error");
    } catch (const beezup::bad_request_error& e) {
        BOOST_TEST(std::string(e.what()).find("s3cr3t-t0ken") == std::string::npos, e.what());
        BOOST_TEST(e.details().at(0).message.find("s3cr3t-t0ken") == std::string::npos);
        BOOST_TEST(e.raw_body().find("s3cr3t-t0ken") == std::string::npos);
        BOOST_TEST(std::string(e.what()).find("shop=12") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(new_ids_are_distinct_version_4_guids) {
    const auto a = beezup::new_subscription_id(), b = beezup::new_subscription_id();
    BOOST_TEST(a != b);
    BOOST_TEST(a.size() == 36u);
    BOOST_TEST(a[14] == '4');
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(subscription_create_after_doubt, fixture)

BOOST_AUTO_TEST_CASE(a_conflict_on_the_first_send_is_an_error_read_nowhere_else) {
    transport->push(409, error_json("OrderSubscriptionAlreadyExists", "The subscription id is already used."));
    BOOST_CHECK_THROW(make().create(request_for()), beezup::conflict_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(after_a_lost_answer_a_conflict_with_the_same_target_is_the_first_send_applied) {
    for (auto failure : {beezup::transport_failure::timeout, beezup::transport_failure::connection}) {
        fixture f;
        f.transport->push(failure);
        f.transport->push(409, error_json("OrderSubscriptionAlreadyExists", "The subscription id is already used."));
        f.transport->push(200, subscription_json());
        f.make().create(request_for());
        BOOST_REQUIRE_EQUAL(f.transport->count(), 3u);
        BOOST_TEST(!f.sent(0).idempotent);
        BOOST_TEST(f.sent(1).idempotent);  // the resend is settled by the conflict rule
        BOOST_TEST(f.sent(1).body == f.sent(0).body);
        BOOST_TEST((f.sent(2).method == http_method::get));
        BOOST_TEST(f.sent(2).url == root + id);
    }
}

BOOST_AUTO_TEST_CASE(after_a_lost_answer_a_conflict_with_another_target_is_an_error) {
    transport->push(beezup::transport_failure::timeout);
    transport->push(409, error_json("OrderSubscriptionAlreadyExists", "The subscription id is already used."));
    transport->push(200, subscription_json("https://someone-else.example.com/hook"));
    BOOST_CHECK_THROW(make().create(request_for()), beezup::conflict_error);
    BOOST_TEST(transport->count() == 3u);
}

BOOST_AUTO_TEST_CASE(a_server_error_or_no_connection_is_sent_again_once_waited) {
    for (auto first : std::vector<fake_transport::outcome>{
             beezup::http_response{503, "", {}, ""}, beezup::http_response{429, "", {{"Retry-After", "2"}}, ""},
             beezup::transport_failure::connect}) {
        fixture f;
        f.transport->push(first);
        f.transport->push(202);
        f.make().create(request_for());
        BOOST_TEST(f.transport->count() == 2u);
        BOOST_TEST(!f.clock->sleeps().empty());
    }
}

BOOST_AUTO_TEST_CASE(failures_another_try_cannot_fix_are_not_sent_again) {
    for (auto first : std::vector<fake_transport::outcome>{beezup::http_response{400, "", {}, ""},
                                                            beezup::transport_failure::tls,
                                                            beezup::transport_failure::protocol}) {
        fixture f;
        f.transport->push(first);
        BOOST_CHECK_THROW(f.make().create(request_for()), beezup::error);
        BOOST_TEST(f.transport->count() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(retries_disabled_means_one_send) {
    options.retry.max_attempts = 1;
    transport->push(beezup::transport_failure::timeout);
    BOOST_CHECK_THROW(make().create(request_for()), beezup::transport_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_resend_past_the_deadline_is_not_made) {
    transport->push(503, "", {{"Retry-After", "30"}});
    beezup::call_context c;
    c.deadline = clock->now() + 10s;
    BOOST_CHECK_THROW(make().create(request_for(), c), beezup::server_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(remove_after_a_lost_answer_takes_a_404_as_done_but_not_at_first) {
    transport->push(beezup::transport_failure::timeout);
    transport->push(404, error_json("OrderSubscriptionNotFound", "The subscription does not exist."));
    make().remove(id);
    BOOST_TEST(transport->count() == 2u);
    BOOST_TEST(sent(1).idempotent);

    fixture f;
    f.transport->push(404, error_json("OrderSubscriptionNotFound", "The subscription does not exist."));
    BOOST_CHECK_THROW(f.make().remove(id), beezup::not_found_error);
    BOOST_TEST(f.transport->count() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(subscription_decoding)

BOOST_AUTO_TEST_CASE(a_subscription_with_every_member) {
    const auto s = bjson::decode_subscription(subscription_json(
        target, R"(,"merchantEmailAlert":"ops@shop.example.com","consumerHealthStatus":"Degraded",)"
                R"("consumerUnvailableSinceUtcDate":"2026-11-26T10:00:00Z","consumerLastRequestSentUri":"https://shop.example.com/beezup/push",)"
                R"("lastErrorMessage":{"errors":[{"code":"PushFailed","message":"HTTP 500"}]},)"
                R"("lastOrderPushedModificationUtcDate":"2026-11-26T09:00:00Z","lastSuccessfulOrderPushedUtcDate":"2026-11-26T09:30:00Z",)"
                R"("lastRetryUtcDate":"2026-11-26T10:05:00Z","nextScheduledRetryUtcDate":"2026-11-26T10:15:00Z",)"
                R"("retryCount":2,"maxRetryCount":"8",)"
                R"("recoverBeginPeriodOrderLastModificationUtcDate":"2026-11-20T10:00:00Z",)"
                R"("recoverEndPeriodOrderLastModificationUtcDate":"2026-11-22T08:00:00Z",)"
                R"("links":{"activate":{"href":"/v2/user/marketplaces/orders/subscriptions/x/activate","method":"POST"},)"
                R"("reporting":{"href":"/v2/user/marketplaces/orders/subscriptions/x/reporting"},"note":"not a link"})"));
    BOOST_TEST(s.id == id);
    BOOST_TEST(s.target_url == target);
    BOOST_TEST((s.status == beezup::subscription_statuses::inactive));
    BOOST_TEST(s.application_name == "ShopSync");
    BOOST_TEST(s.application_version == "2.1");
    BOOST_TEST(s.alert_email.value_or("") == "ops@shop.example.com");
    BOOST_TEST((s.health == beezup::consumer_healths::degraded));
    BOOST_TEST((s.unavailable_since == at(26, 10h)));
    BOOST_TEST(s.last_request_uri.value_or("") == target);
    BOOST_REQUIRE_EQUAL(s.last_error.size(), 1u);
    BOOST_TEST(s.last_error[0].code == "PushFailed");
    BOOST_TEST((s.last_pushed_order_modification == at(26, 9h)));
    BOOST_TEST((s.last_successful_push == at(26, 9h) + 30min));
    BOOST_TEST((s.last_retry == at(26, 10h) + 5min));
    BOOST_TEST((s.next_retry == at(26, 10h) + 15min));
    BOOST_TEST(s.retry_count.value_or(-1) == 2);
    BOOST_TEST(s.max_retry_count.value_or(-1) == 8);
    BOOST_TEST((s.replay == beezup::activation_window::between(at(20, 10h), at(22, 8h))));
    BOOST_REQUIRE_EQUAL(s.links.size(), 2u);
    BOOST_TEST(s.links.at("activate").method == "POST");
    BOOST_TEST(s.links.at("reporting").method == "");
}

BOOST_AUTO_TEST_CASE(a_subscription_with_only_its_required_members) {
    const auto list = bjson::decode_subscription_list("[" + subscription_json() + "," + subscription_json() + "]");
    BOOST_REQUIRE_EQUAL(list.size(), 2u);
    const auto& s = list[0];
    BOOST_TEST(!s.alert_email.has_value());
    BOOST_TEST(!s.health.has_value());
    BOOST_TEST(!s.retry_count.has_value());
    BOOST_TEST(s.last_error.empty());
    BOOST_TEST(!s.replay.replays());
    BOOST_TEST(s.links.empty());
    BOOST_TEST(bjson::decode_subscription_list("[]").empty());
}

BOOST_AUTO_TEST_CASE(malformed_subscriptions_name_the_path) {
    expect_decode_error([] { bjson::decode_subscription("{"); }, "$", "malformed JSON");
    expect_decode_error([] { bjson::decode_subscription("[]"); }, "$", "expected an object");
    expect_decode_error([] { bjson::decode_subscription(R"({"id":"x"})"); }, "$", "targetUrl");
    expect_decode_error([] { bjson::decode_subscription(subscription_json(target, R"(,"lastRetryUtcDate":"yesterday")")); },
                        "$.lastRetryUtcDate", "yesterday");
    expect_decode_error([] { bjson::decode_subscription(subscription_json(target, R"(,"retryCount":"two")")); },
                        "$.retryCount", "integer");
    expect_decode_error(
        [] {
            bjson::decode_subscription(
                subscription_json(target, R"(,"recoverEndPeriodOrderLastModificationUtcDate":"2026-11-22T08:00:00Z")"));
        },
        "$.recoverEndPeriodOrderLastModificationUtcDate", "without its begin");
    expect_decode_error([] { bjson::decode_subscription(subscription_json(target, R"(,"links":{"delete":{"method":"DELETE"}})")); },
                        "$.links.delete", "href");
    expect_decode_error([] { bjson::decode_subscription_list("[" + subscription_json() + R"(,{"id":1}])"); }, "$[1].id",
                        "expected a string");
    expect_decode_error([] { bjson::decode_subscription_list("{}"); }, "$", "expected an array");
}

BOOST_AUTO_TEST_CASE(push_report_rows) {
    const auto rows = bjson::decode_push_reports(
        "[" + row_json() + "," +
        row_json("1.02:03:04.5", R"(,"httpStatus":500,"retryCount":1,"maxRetryCount":8,"nextScheduledRetryUtcDate":"2026-11-26T12:00:10Z",)"
                                 R"("requestUri":"https://shop.example.com/beezup/push","errorMessage":{"errors":[{"code":"PushFailed","message":"HTTP 500"}]})") +
        "]");
    BOOST_REQUIRE_EQUAL(rows.size(), 2u);
    BOOST_TEST(rows[0].subscription_id == id);
    BOOST_TEST(rows[0].event_id == "6f1c2b1e-8d4f-4a57-9a43-2f0e4d1c9b10");
    BOOST_TEST(rows[0].succeeded);
    BOOST_TEST(!rows[0].http_status.has_value());
    BOOST_TEST(rows[0].duration.count() == 12'345'000);
    BOOST_TEST(rows[0].order_count == 3);
    BOOST_TEST((rows[0].last_order_modification == at(26, 11h)));
    BOOST_TEST(rows[0].errors.empty());
    BOOST_TEST(rows[1].http_status.value_or(0) == 500);
    BOOST_TEST((rows[1].duration == std::chrono::days(1) + 2h + 3min + 4s + 500ms));
    BOOST_TEST(rows[1].retry_count.value_or(-1) == 1);
    BOOST_TEST((rows[1].next_retry == at(26, 12h) + 10s));
    BOOST_TEST(rows[1].request_uri.value_or("") == target);
    BOOST_REQUIRE_EQUAL(rows[1].errors.size(), 1u);
    BOOST_TEST(rows[1].errors[0].message == "HTTP 500");
    BOOST_TEST((bjson::decode_push_reports("[" + row_json("-00:00:01") + "]")[0].duration == -1s));
}

BOOST_AUTO_TEST_CASE(malformed_push_reports_name_the_path) {
    for (const std::string duration : {"12.5", "00:60:00", "00:00:00.", "aa:00:00", "00:00:00.1234567890", ""})
        BOOST_TEST_CONTEXT(duration) {
            expect_decode_error([&] { bjson::decode_push_reports("[" + row_json(duration) + "]"); }, "$[0].duration",
                                "TimeSpan");
        }
    expect_decode_error([] { bjson::decode_push_reports(R"([{"subscriptionId":"s"}])"); }, "$[0]", "eventId");
    expect_decode_error([] { bjson::decode_push_reports(R"([{"subscriptionId":"s","eventId":"e","succeed":"maybe"}])"); },
                        "$[0].succeed", "boolean");
    expect_decode_error([] { bjson::decode_push_reports("[" + row_json("00:00:01", R"(,"httpStatus":2.5)") + "]"); },
                        "$[0].httpStatus", "integer");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(link_headers)

BOOST_AUTO_TEST_CASE(targets_by_relation) {
    using beezup::detail::link_target;
    const std::string header = R"(</a?pageNumber=1>; rel="first", </b?pageNumber=4&pageSize=2>;rel="next last" ,)"
                               R"( </c>; title="x, y"; REL=Previous)";
    BOOST_TEST(link_target(header, "first").value_or("") == "/a?pageNumber=1");
    BOOST_TEST(link_target(header, "next").value_or("") == "/b?pageNumber=4&pageSize=2");
    BOOST_TEST(link_target(header, "last").value_or("") == "/b?pageNumber=4&pageSize=2");
    BOOST_TEST(link_target(header, "previous").value_or("") == "/c");
    BOOST_TEST(!link_target(header, "self").has_value());
    BOOST_TEST(!link_target("", "next").has_value());
    BOOST_TEST(!link_target("</broken; rel=next", "next").has_value());
}

BOOST_AUTO_TEST_CASE(query_parameters_by_name) {
    using beezup::detail::query_parameter;
    BOOST_TEST(query_parameter("/b?pageNumber=4&pageSize=2", "pageSize").value_or("") == "2");
    BOOST_TEST(query_parameter("/b?pageNumber=4&pageSize=2#f", "pageNumber").value_or("") == "4");
    BOOST_TEST(!query_parameter("/b?xpageNumber=4", "pageNumber").has_value());
    BOOST_TEST(!query_parameter("/b", "pageNumber").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
