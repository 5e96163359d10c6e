// The order API on a scripted transport and a clock that only moves when the SDK sleeps: every
// branch of the change logic, one deadline per call, the lazy range, and decoding failures.

#include "client_factory.hpp"
#include "fake_transport.hpp"
#include "orders/orders_impl.hpp"

#include <beezup/beezup.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <functional>
#include <typeinfo>
#include <random>

using namespace std::chrono_literals;
using beezup::http_method;
using beezup::testing::fake_clock;
using beezup::testing::fake_transport;

namespace {

const beezup::order_key key{"Cdiscount", 7, "o-1"};

// An order that allows AcceptOrder (no parameter), or nothing when `allowed` is false.
std::string order_json(const std::string& etag = "v1", bool allowed = true, bool processing = false) {
    return R"({"marketplaceTechnicalCode":"Cdiscount","accountId":7,"beezUPOrderId":"o-1","marketplaceBusinessCode":"CDISCOUNT",
        "order_MarketplaceOrderId":"M-1","order_Status_BeezUPOrderStatus":")" + std::string(allowed ? "New" : "InProgress") + R"(",
        "order_PurchaseUtcDate":"2026-11-20T10:00:00Z","order_LastModificationUtcDate":"2026-11-20T10:00:00Z",
        "order_MarketplaceLastModificationUtcDate":"2026-11-20T10:00:00Z","processing":)" + (processing ? "true" : "false") +
           R"(,"etag":")" + etag + R"(","orderItems":[],"transitionLinks":[)" +
           (allowed ? R"({"rel":"AcceptOrder","href":"/orders/v3/Cdiscount/7/o-1/AcceptOrder","method":"POST"})" : "") + "]}";
}

// The order's history: one AcceptOrder per execution id, sent by `user` at the fake clock's
// wall time.
std::string history_json(const std::vector<std::string>& executions, const std::string& user = "unit") {
    std::string reports;
    for (const auto& id : executions) {
        if (!reports.empty()) reports += ',';
        reports += R"({"executionUUID":")" + id +
                   R"(","changeOrderType":"AcceptOrder","processingStatus":"InProgress","testMode":false,"sourceUserName":")" +
                   user + R"(","creationUtcDate":"2026-11-26T12:00:00Z","lastUpdateUtcDate":"2026-11-26T12:00:00Z"})";
    }
    return R"({"changeOrderReportings":[)" + reports + "]}";
}

std::string report_json(const std::string& status) {
    return R"({"executionUUID":"e-1","changeOrderType":"AcceptOrder","processingStatus":")" + status +
           R"(","testMode":false,"sourceUserName":"unit","creationUtcDate":"2026-11-26T12:00:00Z","lastUpdateUtcDate":"2026-11-26T12:00:00Z"})";
}

beezup::call_context until(std::chrono::steady_clock::time_point deadline) {
    beezup::call_context c;
    c.deadline = deadline;
    return c;
}

beezup::http_headers retry_after(int seconds) { return {{"Retry-After", std::to_string(seconds)}}; }
beezup::http_headers accepted(const std::string& execution) {
    return {{"Location", "/orders/v3/Cdiscount/7/o-1/history/" + execution}};
}

struct fixture {
    std::shared_ptr<fake_transport> transport = std::make_shared<fake_transport>();
    std::shared_ptr<fake_clock> clock = std::make_shared<fake_clock>();
    beezup::client_options options = [] {
        beezup::client_options o;
        o.base_url = "https://api.example.test";
        o.api_key = "KEY";
        o.user_name = "unit";
        o.rate_limit.enabled = false;  // what is tested here is the call's own waiting
        o.retry.base_delay = 100ms;
        o.operation_timeout = 60s;
        return o;
    }();

    beezup::client make() {
        return beezup::detail::client_factory::make(
            std::make_shared<beezup::detail::pipeline>(options, transport, clock, [] { return 0.5; }));
    }
    std::size_t posts() const {
        const auto all = transport->requests();
        return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const beezup::http_request& r) {
            return r.method == http_method::post && r.url.find("/AcceptOrder") != std::string::npos;
        }));
    }
    std::size_t history_reads() const {
        const auto all = transport->requests();
        return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [](const beezup::http_request& r) {
            return r.url.ends_with("/history");
        }));
    }
    std::chrono::steady_clock::duration slept() const {
        std::chrono::steady_clock::duration total{};
        for (auto d : clock->sleeps()) total += d;
        return total;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(order_changes, fixture)

BOOST_AUTO_TEST_CASE(an_accepted_change_is_sent_once_with_the_etag) {
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    auto handle = c.orders().accept(key);
    BOOST_TEST(handle.execution_id() == "e-1");
    BOOST_TEST(!handle.recovered());
    BOOST_TEST(posts() == 1u);
    BOOST_TEST(transport->requests()[1].headers.at("If-Match") == "v1");
    BOOST_TEST(!transport->requests()[1].idempotent);  // the transport must use a connection of its own
}

BOOST_AUTO_TEST_CASE(lost_or_truncated_answer_found_in_the_history_is_recovered_without_resending) {
    for (auto failure : {beezup::transport_failure::connection, beezup::transport_failure::protocol,
                         beezup::transport_failure::timeout}) {
        fixture f;
        f.transport->push(200, order_json());
        f.transport->push(failure);
        f.transport->push(200, history_json({"e-1"}));
        auto c = f.make();
        auto handle = c.orders().accept(key);
        BOOST_TEST(handle.recovered());
        BOOST_TEST(handle.execution_id() == "e-1");
        BOOST_TEST(f.posts() == 1u);
    }
}

BOOST_AUTO_TEST_CASE(lost_answer_absent_from_the_history_is_sent_once_more) {
    transport->push(200, order_json());
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({}));
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-2"));
    auto c = make();
    auto handle = c.orders().accept(key);
    BOOST_TEST(!handle.recovered());
    BOOST_TEST(handle.execution_id() == "e-2");
    BOOST_TEST(posts() == 2u);
}

BOOST_AUTO_TEST_CASE(a_change_by_another_user_is_not_taken_for_ours) {
    transport->push(200, order_json());
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({"e-0"}, "someone-else"));
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-2"));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).execution_id() == "e-2");
}

BOOST_AUTO_TEST_CASE(conflict_after_a_doubtful_send_is_our_change_recovered_not_an_error) {
    transport->push(200, order_json());
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({}));  // not yet visible
    transport->push(200, order_json());
    transport->push(409, R"({"errors":[{"code":"OrderChangeAlreadyInProgress","message":"processing"}]})", retry_after(1));
    transport->push(200, history_json({"e-1"}));
    auto c = make();
    auto handle = c.orders().accept(key);
    BOOST_TEST(handle.recovered());
    BOOST_TEST(handle.execution_id() == "e-1");
}

BOOST_AUTO_TEST_CASE(precondition_failed_after_a_doubtful_send_is_our_change_recovered) {
    transport->push(200, order_json());
    transport->push(500, "{}");
    transport->push(200, history_json({}));
    transport->push(200, order_json());
    transport->push(412, "{}");
    transport->push(200, history_json({"e-1"}));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).recovered());
}

BOOST_AUTO_TEST_CASE(a_conflict_waits_as_asked_then_rechecks_the_order) {
    transport->push(200, order_json());
    transport->push(409, "{}", retry_after(3));
    transport->push(200, order_json("v2"));
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    auto handle = c.orders().accept(key);
    BOOST_TEST(!handle.recovered());
    BOOST_TEST(history_reads() == 0u);  // nothing was in doubt
    BOOST_TEST((slept() == 3s));
    BOOST_TEST(transport->requests()[3].headers.at("If-Match") == "v2");
}

BOOST_AUTO_TEST_CASE(a_change_still_running_after_the_wait_is_waited_for_again) {
    transport->push(200, order_json());
    transport->push(409, "{}", retry_after(1));
    transport->push(200, order_json("v2", false, true));  // still processing: nothing allowed yet
    transport->push(200, order_json("v3"));
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).execution_id() == "e-1");
    BOOST_TEST((slept() == 2s));  // Retry-After, then one more second for the running change
    BOOST_TEST(transport->requests()[4].headers.at("If-Match") == "v3");
}

BOOST_AUTO_TEST_CASE(a_conflict_whose_wait_ends_the_change_raises_invalid_request_only_when_nothing_was_sent) {
    transport->push(200, order_json());
    transport->push(409, "{}", retry_after(1));
    transport->push(200, order_json("v2", false));  // someone else's change made ours pointless
    auto c = make();
    BOOST_CHECK_THROW(c.orders().accept(key), beezup::invalid_request);
    BOOST_TEST(posts() == 1u);
}

BOOST_AUTO_TEST_CASE(retry_after_longer_than_the_maximum_ends_the_call_at_once) {
    options.retry.max_retry_after = 120s;
    transport->push(200, order_json());
    transport->push(409, "{}", retry_after(3600));
    auto c = make();
    BOOST_CHECK_THROW(c.orders().accept(key), beezup::conflict_error);
    BOOST_TEST(clock->sleeps().empty());
}

BOOST_AUTO_TEST_CASE(retry_after_past_the_deadline_ends_the_call_at_once) {
    transport->push(200, order_json());
    transport->push(429, "{}", retry_after(30));
    auto c = make();
    const auto start = clock->now();
    BOOST_CHECK_THROW(c.orders().accept(key, until(start + 10s)), beezup::too_many_requests_error);
    BOOST_TEST((clock->now() - start <= 10s));
    BOOST_TEST(clock->sleeps().empty());
}

BOOST_AUTO_TEST_CASE(too_many_requests_waits_retry_after_without_the_governor_and_resends_the_same_request) {
    transport->push(200, order_json());
    transport->push(429, "{}", retry_after(2));
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).execution_id() == "e-1");
    BOOST_TEST((slept() == 2s));
    BOOST_TEST(posts() == 2u);
    BOOST_TEST(history_reads() == 0u);  // a 429 is a refusal: nothing to check
}

BOOST_AUTO_TEST_CASE(service_unavailable_waits_retry_after_checks_the_history_then_resends) {
    transport->push(200, order_json());
    transport->push(503, "{}", retry_after(4));
    transport->push(200, history_json({}));
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    BOOST_TEST(!c.orders().accept(key).recovered());
    BOOST_TEST((slept() == 4s));
    BOOST_TEST(posts() == 2u);
    BOOST_TEST(history_reads() == 1u);
}

BOOST_AUTO_TEST_CASE(stale_etag_is_reread_once) {
    transport->push(200, order_json());
    transport->push(412, "{}");
    transport->push(200, order_json("v2"));
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    c.orders().accept(key);
    BOOST_TEST(transport->requests()[3].headers.at("If-Match") == "v2");

    fixture twice;
    twice.transport->push(200, order_json());
    twice.transport->push(412, "{}");
    twice.transport->push(200, order_json("v2"));
    twice.transport->push(412, "{}");
    auto c2 = twice.make();
    BOOST_CHECK_THROW(c2.orders().accept(key), beezup::precondition_failed_error);
}

BOOST_AUTO_TEST_CASE(repeated_doubt_gives_up_after_max_attempts_but_checks_the_history_last) {
    options.retry.max_attempts = 3;
    transport->push(200, order_json());
    for (int i = 0; i < 2; ++i) {
        transport->push(beezup::transport_failure::connection);
        transport->push(200, history_json({}));
        transport->push(200, order_json());
    }
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({"e-3"}));  // the last send went through
    auto c = make();
    BOOST_TEST(c.orders().accept(key).recovered());
    BOOST_TEST(posts() == 3u);

    fixture never;
    never.options.retry.max_attempts = 2;
    never.transport->push(200, order_json());
    never.transport->push(beezup::transport_failure::connection);
    never.transport->push(200, history_json({}));
    never.transport->push(200, order_json());
    never.transport->push(beezup::transport_failure::connection);
    never.transport->push(200, history_json({}));
    auto c2 = never.make();
    BOOST_CHECK_THROW(c2.orders().accept(key), beezup::transport_error);
    BOOST_TEST(never.posts() == 2u);
}

BOOST_AUTO_TEST_CASE(a_resend_after_a_doubt_keeps_the_etag_of_the_doubtful_send) {
    transport->push(200, order_json("v1"));
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({}));       // not there yet...
    transport->push(200, order_json("v2"));        // ...but the order has moved on: ours, landing late
    transport->push(412, "{}");                    // the resend carries v1: refused, not applied twice
    transport->push(200, history_json({"e-1"}));
    auto c = make();
    auto handle = c.orders().accept(key);
    BOOST_TEST(handle.recovered());
    BOOST_TEST(transport->requests()[4].headers.at("If-Match") == "v1");
}

BOOST_AUTO_TEST_CASE(a_change_found_applied_after_the_reread_is_recovered_not_invalid) {
    transport->push(200, order_json("v1"));
    transport->push(beezup::transport_failure::connection);
    transport->push(200, history_json({}));
    transport->push(200, order_json("v2", false));  // no longer allowed: our change went through
    transport->push(200, history_json({"e-1"}));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).recovered());
    BOOST_TEST(posts() == 1u);
}

BOOST_AUTO_TEST_CASE(any_refusal_after_a_doubt_checks_the_history) {
    transport->push(200, order_json());
    transport->push(500, "{}");
    transport->push(200, history_json({}));
    transport->push(200, order_json());
    transport->push(400, R"({"errors":[{"code":"InvalidState","message":"x"}]})");
    transport->push(200, history_json({"e-1"}));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).recovered());

    fixture plain;  // without a doubt, a 400 is the answer
    plain.transport->push(200, order_json());
    plain.transport->push(400, "{}");
    auto c2 = plain.make();
    BOOST_CHECK_THROW(c2.orders().accept(key), beezup::bad_request_error);
    BOOST_TEST(plain.history_reads() == 0u);
}

BOOST_AUTO_TEST_CASE(an_accepted_change_without_location_is_named_by_the_history) {
    transport->push(200, order_json());
    transport->push(202, "");
    transport->push(200, history_json({"e-7"}));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).execution_id() == "e-7");
}

BOOST_AUTO_TEST_CASE(a_send_leaves_time_to_read_the_history) {
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    auto c = make();
    c.orders().accept(key, until(clock->now() + 8s));
    BOOST_TEST((transport->requests()[1].timeout <= 6s));  // three quarters of the time left
}

BOOST_AUTO_TEST_CASE(no_connection_means_nothing_was_sent) {
    transport->push(200, order_json());
    transport->push(beezup::transport_failure::connect);
    auto c = make();
    BOOST_CHECK_THROW(c.orders().accept(key), beezup::transport_error);
    BOOST_TEST(history_reads() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(call_deadlines, fixture)

BOOST_AUTO_TEST_CASE(wait_without_a_deadline_stops_at_the_operation_timeout) {
    options.operation_timeout = 1s;
    transport->otherwise(beezup::http_response{200, "", {}, report_json("InProgress")});
    auto c = make();
    const auto start = clock->now();
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    auto handle = c.orders().accept(key);
    try {
        handle.wait();
        BOOST_FAIL("wait returned");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::timeout));
    }
    BOOST_TEST((clock->now() - start <= 1s));
}

BOOST_AUTO_TEST_CASE(wait_returns_the_confirmed_order_and_raises_change_failed) {
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    transport->push(200, report_json("InProgress"));
    transport->push(200, report_json("Done"));
    transport->push(200, order_json("v3", false));
    auto c = make();
    BOOST_TEST(c.orders().accept(key).wait().etag == "v3");

    fixture f;
    f.transport->push(200, order_json());
    f.transport->push(202, "", accepted("e-1"));
    f.transport->push(200, report_json("Failed"));
    auto c2 = f.make();
    BOOST_CHECK_THROW(c2.orders().accept(key).wait(), beezup::change_failed);
}

BOOST_AUTO_TEST_CASE(a_cancelled_wait_stops_at_once) {
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    transport->otherwise(beezup::http_response{200, "", {}, report_json("InProgress")});
    auto c = make();
    auto handle = c.orders().accept(key);
    beezup::cancellation_source source;
    source.request_stop();
    beezup::call_context context;
    context.cancellation = source.get_token();
    try {
        handle.wait(context);
        BOOST_FAIL("wait returned");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::cancelled));
    }
}

BOOST_AUTO_TEST_CASE(a_handle_outlives_its_client) {
    transport->push(200, order_json());
    transport->push(202, "", accepted("e-1"));
    std::optional<beezup::change_handle> handle;
    {
        auto c = make();
        handle = c.orders().accept(key);
    }
    transport->push(200, report_json("Done"));
    transport->push(200, order_json("v2", false));
    BOOST_TEST(handle->wait().key.beezup_order_id == "o-1");
}

BOOST_AUTO_TEST_CASE(harvest_answered_409_stops_at_the_deadline) {
    transport->otherwise(beezup::http_response{409, "", retry_after(5), "{}"});
    auto c = make();
    const auto start = clock->now();
    BOOST_CHECK_THROW(c.orders().harvest_all(until(start + 12s)), beezup::conflict_error);
    BOOST_TEST((clock->now() - start <= 12s));
}

BOOST_AUTO_TEST_CASE(an_exportation_never_ready_stops_at_the_deadline) {
    options.operation_timeout = 3s;
    transport->push(200, R"({"exportations":[]})");
    transport->push(202, "");
    transport->otherwise(beezup::http_response{
        200, "", {}, R"({"exportations":[{"executionUUID":"x-1","processingStatus":"InProgress"}]})"});
    auto c = make();
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(2);
    const auto start = clock->now();
    try {
        c.orders().export_csv("store-1", filter, "/nonexistent/never-written.csv");
        BOOST_FAIL("export returned");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::timeout));
    }
    BOOST_TEST((clock->now() - start <= 3s));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

std::string empty_page() {
    return R"({"paginationResult":{"entryCount":0,"pageCount":0,"totalEntryCount":0,"links":{}},"orders":[],"links":{}})";
}
std::string page_of_one(const std::string& id, int page_count) {
    auto order = order_json();
    const auto at = order.find("\"o-1\"");
    order.replace(at, 5, "\"" + id + "\"");
    return R"({"paginationResult":{"entryCount":1,"pageCount":)" + std::to_string(page_count) + R"(,"totalEntryCount":)" +
           std::to_string(page_count) + R"(,"links":{}},"orders":[)" + order + R"(],"links":{}})";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(order_ranges, fixture)

BOOST_AUTO_TEST_CASE(nothing_is_sent_before_begin_and_a_filter_needs_a_begin) {
    auto c = make();
    beezup::order_filter filter;
    BOOST_CHECK_THROW(c.orders().all(filter), beezup::invalid_request);
    BOOST_CHECK_THROW(c.orders().list_page(filter), beezup::invalid_request);
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(90);
    auto range = c.orders().all(filter);
    BOOST_TEST(transport->count() == 0u);
    transport->otherwise(beezup::http_response{200, "", {}, empty_page()});
    BOOST_TEST((range.begin() == range.end()));
    BOOST_TEST(transport->count() == 3u);  // three 30-day windows, one page each
}

BOOST_AUTO_TEST_CASE(cancelling_stops_the_walk_before_the_next_page) {
    beezup::cancellation_source source;
    beezup::call_context context;
    context.cancellation = source.get_token();
    transport->push(200, page_of_one("a", 3));
    transport->otherwise(beezup::http_response{200, "", {}, page_of_one("b", 3)});
    auto c = make();
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(10);
    auto range = c.orders().all(filter, context);
    auto it = range.begin();
    BOOST_TEST(it->key.beezup_order_id == "a");
    source.request_stop();
    try {
        ++it;
        BOOST_FAIL("the walk went on");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::cancelled));
    }
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(the_walk_ends_by_the_context_deadline) {
    transport->on_send = [this](const beezup::http_request&) { clock->advance(4s); };  // slow pages
    for (const char* id : {"a", "b", "c", "d", "e"}) transport->push(200, page_of_one(id, 100));
    auto c = make();
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(10);
    const auto start = clock->now();
    std::size_t seen = 0;
    try {
        for (const auto& o : c.orders().all(filter, until(start + 10s))) seen += !o.key.beezup_order_id.empty();
        BOOST_FAIL("the walk ended");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::timeout));
    }
    BOOST_TEST(seen == 3u);  // three pages of 4 s fit in 10 s
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(windows_are_whole_seconds_and_cover_the_period_exactly_once) {
    using beezup::utc_time;
    std::mt19937_64 rng(2026);
    const utc_time origin = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1};
    for (int i = 0; i < 20'000; ++i) {
        const auto begin = origin + std::chrono::nanoseconds(std::uniform_int_distribution<std::int64_t>(0, 400LL * 86'400'000'000'000)(rng));
        std::chrono::nanoseconds length;
        switch (i % 4) {
        case 0: length = std::chrono::days(30 * std::uniform_int_distribution<int>(1, 13)(rng)); break;  // exact multiples
        case 1: length = std::chrono::days(30 * std::uniform_int_distribution<int>(1, 13)(rng)) +
                         std::chrono::nanoseconds(std::uniform_int_distribution<std::int64_t>(1, 999'999'999)(rng)); break;
        case 2: length = std::chrono::nanoseconds(std::uniform_int_distribution<std::int64_t>(0, 2'000'000'000)(rng)); break;
        default: length = std::chrono::nanoseconds(std::uniform_int_distribution<std::int64_t>(0, 400LL * 86'400'000'000'000)(rng));
        }
        const auto end = begin + length;
        const auto windows = beezup::detail::split_period(begin, end);
        const auto first = std::chrono::floor<std::chrono::seconds>(begin);
        const auto last = std::chrono::ceil<std::chrono::seconds>(end);
        if (first == last) {
            BOOST_TEST(windows.empty());
            continue;
        }
        BOOST_REQUIRE(!windows.empty());
        BOOST_TEST((windows.front().begin == first));
        BOOST_TEST((windows.back().end == last));
        for (std::size_t w = 0; w < windows.size(); ++w) {
            const auto& [b, e] = windows[w];
            BOOST_TEST((std::chrono::floor<std::chrono::seconds>(b) == b && std::chrono::floor<std::chrono::seconds>(e) == e));
            BOOST_TEST((e - b >= std::chrono::seconds(1)));       // two bounds never print as the same second
            BOOST_TEST((e - b <= beezup::detail::max_list_period));
            if (w > 0) BOOST_TEST((windows[w - 1].end == b));      // no gap, no overlap but the shared second
        }
        // As few windows as 30-day slices allow.
        BOOST_TEST(windows.size() == static_cast<std::size_t>((last - first + beezup::detail::max_list_period - 1s) / beezup::detail::max_list_period));
    }
}

// Every call that decodes an answer, fed broken answers through the transport: each ends in
// decode_error naming a JSON path, never in another exception.
BOOST_FIXTURE_TEST_CASE(every_decoded_answer_fails_only_with_decode_error, fixture) {
    const std::vector<std::string> broken = {
        "", "{", "[1,2", "nul", "{} {}", "[]", "42", "\"text\"", "true",
        R"({"orders":{},"links":{}})", R"({"changeOrderReportings":{}})", R"({"changeOrderReportings":[5]})",
        R"({"exportations":{}})", R"({"exportations":[{"executionUUID":5}]})", R"({"accountSynchronizations":"x"})",
        R"({"accountSynchronizations":[{"accountId":"x"}]})", R"({"items":{}})", R"({"items":[{"codeIdentifier":[]}]})",
        R"({"operations":{}})", R"({"operations":[{"success":"maybe","status":200}]})", R"({"executionUUID":{}})",
        R"({"marketplaceTechnicalCode":"A","accountId":"1"})"};
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(2);
    const std::vector<std::pair<const char*, std::function<void(beezup::client&)>>> calls = {
        {"get", [](beezup::client& c) { c.orders().get(key); }},
        {"list_page", [&](beezup::client& c) { c.orders().list_page(filter); }},
        {"list_headers_page", [&](beezup::client& c) { c.orders().list_headers_page(filter); }},
        {"all", [&](beezup::client& c) { for (const auto& o : c.orders().all(filter)) (void)o; }},
        {"history", [](beezup::client& c) { c.orders().history(key); }},
        {"change_status", [](beezup::client& c) { c.orders().change_status(key, "e-1"); }},
        {"synchronization_status", [](beezup::client& c) { c.orders().synchronization_status(); }},
        {"export_csv", [&](beezup::client& c) { c.orders().export_csv("store", filter, "/nonexistent/x.csv"); }},
        {"list_of_values", [](beezup::client& c) { c.get_list_of_values("CarrierName"); }},
        {"change_batch", [](beezup::client& c) { c.orders().change_batch(beezup::change_types::accept, {{key, {}}}); }},
        {"clear_merchant_info_batch", [](beezup::client& c) { c.orders().clear_merchant_info_batch({key}); }},
    };
    for (const auto& [name, call] : calls) {
        for (const auto& body : broken) {
            fixture f;
            f.transport->otherwise(beezup::http_response{200, "", {}, body});
            auto c = f.make();
            const bool malformed = &body - broken.data() < 9;  // not JSON, or not an object
            try {
                call(c);
                BOOST_TEST(!malformed, name << " accepted " << body);
            } catch (const beezup::decode_error& e) {
                BOOST_TEST(e.path().rfind("$", 0) == 0u, name << " " << body << ": " << e.path());
            } catch (const beezup::error& e) {
                // A body valid for this answer (an object without the members it reads) may lead
                // the call elsewhere, e.g. an exportation that never appears times out.
                BOOST_TEST(!malformed, name << " with " << body << ": " << e.what());
            } catch (const std::exception& e) {
                BOOST_ERROR(name << " with " << body << " threw " << typeid(e).name() << ": " << e.what());
            }
        }
    }
}

BOOST_FIXTURE_TEST_SUITE(interrupted_batches, fixture)

namespace {

// `count` batch changes on orders o-0, o-1, ...
std::vector<beezup::batch_change> batch_of(std::size_t count) {
    std::vector<beezup::batch_change> changes;
    for (std::size_t i = 0; i < count; ++i) changes.push_back({{"Cdiscount", 7, "o-" + std::to_string(i)}, {}});
    return changes;
}

// A batch answer of `count` operations, each with the status `status_of(index)`.
std::string operations_json(std::size_t count, const std::function<int(std::size_t)>& status_of = [](std::size_t) { return 200; }) {
    std::string ops;
    for (std::size_t i = 0; i < count; ++i) {
        const int status = status_of(i);
        if (i != 0) ops += ',';
        ops += R"({"success":)";
        ops += status < 300 ? "true" : "false";
        ops += R"(,"status":)" + std::to_string(status) + "}";
    }
    return R"({"operations":[)" + ops + "]}";
}

std::vector<std::string> ids_of(const std::vector<beezup::order_key>& keys) {
    std::vector<std::string> ids;
    for (const auto& k : keys) ids.push_back(k.beezup_order_id);
    return ids;
}

std::vector<std::string> ids_from(std::size_t first, std::size_t end) {
    std::vector<std::string> ids;
    for (auto i = first; i < end; ++i) ids.push_back("o-" + std::to_string(i));
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_lost_answer_after_answered_calls_reports_every_item_answered_in_doubt_or_unsent) {
    transport->push(200, operations_json(100));
    transport->push(beezup::transport_failure::connection);
    auto c = make();
    try {
        c.orders().change_batch(beezup::change_types::accept, batch_of(250));
        BOOST_FAIL("no batch_interrupted");
    } catch (const beezup::batch_interrupted& e) {
        BOOST_TEST(e.results().size() == 100u);
        BOOST_TEST(e.results().front().key.beezup_order_id == "o-0");
        BOOST_TEST(e.results().back().key.beezup_order_id == "o-99");
        BOOST_TEST(ids_of(e.in_doubt()) == ids_from(100, 200));  // the call whose answer was lost
        BOOST_TEST(ids_of(e.unsent()) == ids_from(200, 250));    // never sent
        BOOST_CHECK_THROW(std::rethrow_exception(e.cause()), beezup::transport_error);
        BOOST_TEST(std::string(e.what()).find("100 of 250") != std::string::npos, e.what());
    }
    BOOST_TEST(transport->count() == 2u);  // nothing sent after the failure, and nothing twice
}

BOOST_AUTO_TEST_CASE(a_refused_call_leaves_its_items_unsent_not_in_doubt) {
    transport->push(200, operations_json(100));
    transport->push(400, R"({"errors":[{"code":"Bad","message":"refused"}]})");
    auto c = make();
    try {
        c.orders().change_batch(beezup::change_types::accept, batch_of(150));
        BOOST_FAIL("no batch_interrupted");
    } catch (const beezup::batch_interrupted& e) {
        BOOST_TEST(e.results().size() == 100u);
        BOOST_TEST(e.in_doubt().empty());
        BOOST_TEST(ids_of(e.unsent()) == ids_from(100, 150));
        BOOST_CHECK_THROW(std::rethrow_exception(e.cause()), beezup::bad_request_error);
    }
}

BOOST_AUTO_TEST_CASE(a_call_answered_5xx_or_unreadably_leaves_its_items_in_doubt) {
    for (const auto& [status, body] : {std::pair<int, std::string>{503, "{}"}, {200, "not json"}}) {
        fixture f;
        f.transport->push(200, operations_json(100));
        f.transport->push(status, body);
        auto c = f.make();
        try {
            c.orders().change_batch(beezup::change_types::accept, batch_of(150));
            BOOST_FAIL("no batch_interrupted");
        } catch (const beezup::batch_interrupted& e) {
            BOOST_TEST(e.results().size() == 100u);
            BOOST_TEST(ids_of(e.in_doubt()) == ids_from(100, 150), status << " " << body);  // BeezUP may have applied it
            BOOST_TEST(e.unsent().empty());
        }
        BOOST_TEST(f.transport->count() == 2u);  // never sent again
    }
}

BOOST_AUTO_TEST_CASE(a_first_call_that_fails_throws_its_own_error) {
    transport->push(beezup::transport_failure::timeout);
    auto c = make();
    BOOST_CHECK_THROW(c.orders().change_batch(beezup::change_types::accept, batch_of(150)), beezup::transport_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_second_round_reports_its_items_unsent_with_the_answers_of_the_others) {
    // Ten items refused with 429 (never applied) go again in a second round, which cannot connect.
    transport->push(200, operations_json(100, [](std::size_t i) { return i < 10 ? 429 : 200; }));
    transport->push(200, operations_json(50));
    transport->push(beezup::transport_failure::connect);
    auto c = make();
    try {
        c.orders().change_batch(beezup::change_types::accept, batch_of(150));
        BOOST_FAIL("no batch_interrupted");
    } catch (const beezup::batch_interrupted& e) {
        BOOST_TEST(e.results().size() == 140u);
        BOOST_TEST(std::all_of(e.results().begin(), e.results().end(), [](const auto& r) { return r.success; }));
        BOOST_TEST(e.in_doubt().empty());  // no connection: nothing sent
        BOOST_TEST(ids_of(e.unsent()) == ids_from(0, 10));
    }
}

BOOST_AUTO_TEST_CASE(a_call_stopped_before_it_was_sent_leaves_its_items_unsent) {
    // The deadline passes while the first answer is awaited: the second call is never sent.
    transport->push(200, operations_json(100));
    transport->on_send = [this](const beezup::http_request&) { clock->advance(2s); };
    auto c = make();
    try {
        c.orders().change_batch(beezup::change_types::accept, batch_of(150), until(clock->now() + 1s));
        BOOST_FAIL("no batch_interrupted");
    } catch (const beezup::batch_interrupted& e) {
        BOOST_TEST(e.results().size() == 100u);
        BOOST_TEST(e.in_doubt().empty());  // a timeout, but before anything left
        BOOST_TEST(ids_of(e.unsent()) == ids_from(100, 150));
    }
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_batch_whose_only_answers_were_429_throws_the_error_itself) {
    transport->push(200, operations_json(100, [](std::size_t) { return 429; }));
    transport->push(beezup::transport_failure::connect);
    auto c = make();
    BOOST_CHECK_THROW(c.orders().change_batch(beezup::change_types::accept, batch_of(100)), beezup::transport_error);
}

BOOST_AUTO_TEST_CASE(merchant_info_batches_of_other_software_not_sent_yet_are_unsent) {
    std::vector<std::pair<beezup::order_key, beezup::merchant_info>> items;
    for (int i = 0; i < 4; ++i)
        items.push_back({{"Cdiscount", 7, "o-" + std::to_string(i)}, {"M-" + std::to_string(i), i < 2 ? "A" : "B", "1"}});
    transport->push(200, operations_json(2));  // software A
    transport->push(beezup::transport_failure::connection);  // software B: the answer is lost
    items.push_back({{"Cdiscount", 7, "o-4"}, {"M-4", "C", "1"}});  // software C: never sent
    auto c = make();
    try {
        c.orders().set_merchant_info_batch(items);
        BOOST_FAIL("no batch_interrupted");
    } catch (const beezup::batch_interrupted& e) {
        BOOST_TEST(e.results().size() == 2u);
        BOOST_TEST(ids_of(e.in_doubt()) == ids_from(2, 4));
        BOOST_TEST(ids_of(e.unsent()) == std::vector<std::string>{"o-4"});
    }
}

BOOST_AUTO_TEST_SUITE_END()
