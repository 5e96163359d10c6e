#include "fake_transport.hpp"
#include "common/gzip.hpp"
#include "pipeline/decompress.hpp"
#include "pipeline/pipeline.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <set>

namespace beezup {
// For Boost.Test to print data-driven cases.
inline std::ostream& operator<<(std::ostream& os, transport_failure f) { return os << to_string(f); }
}  // namespace beezup

using namespace std::chrono_literals;
using beezup::testing::fake_clock;
using beezup::testing::fake_transport;
namespace bdata = boost::unit_test::data;

namespace {

struct fixture {
    std::shared_ptr<fake_transport> transport = std::make_shared<fake_transport>();
    std::shared_ptr<fake_clock> clock = std::make_shared<fake_clock>();
    beezup::client_options options = [] {
        beezup::client_options o;
        o.base_url = "https://api.example.test/";
        o.api_key = "KEY-7f3a9c-SECRET";
        o.rate_limit.enabled = false;
        return o;
    }();
    double jitter = 0.5;

    std::unique_ptr<beezup::detail::pipeline> make() {
        return std::make_unique<beezup::detail::pipeline>(options, transport, clock, [this] { return jitter; });
    }
    static beezup::detail::api_request get(std::string path = "/v2/user/lov/X") {
        beezup::detail::api_request r;
        r.path = std::move(path);
        return r;
    }
    static beezup::detail::api_request post(std::string path = "/orders/v3/harvest") {
        beezup::detail::api_request r;
        r.method = beezup::http_method::post;
        r.path = std::move(path);
        r.body = "{}";
        return r;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(pipeline, fixture)

BOOST_AUTO_TEST_CASE(sends_key_user_agent_and_encodings) {
    transport->push(200, "{}");
    auto p = make();
    auto response = p->send(get(), {});
    BOOST_TEST(response.status == 200);
    const auto sent = transport->requests().at(0);
    BOOST_TEST(sent.url == "https://api.example.test/v2/user/lov/X");
    BOOST_TEST(sent.headers.at("ocp-apim-subscription-key") == "KEY-7f3a9c-SECRET");
    BOOST_TEST(sent.headers.at("User-Agent").rfind("beezup-sdk-cpp/0.1.0", 0) == 0u);
    BOOST_TEST(sent.headers.at("Accept-Encoding") == "gzip, deflate");
    BOOST_TEST(sent.timeout == options.request_timeout);
}

// Statuses retried for a GET, and the number of attempts that makes with 4 allowed.
BOOST_DATA_TEST_CASE_F(fixture, retry_decision_per_status,
                       bdata::make({400, 401, 403, 404, 408, 409, 412, 429, 500, 501, 502, 503, 504}) ^
                           bdata::make({1, 1, 1, 1, 4, 1, 1, 4, 4, 1, 4, 4, 4}),
                       status, expected_attempts) {
    transport->otherwise(beezup::http_response{status, "", {}, ""});
    auto p = make();
    BOOST_CHECK_THROW(p->send(get(), {}), beezup::api_error);
    BOOST_TEST(transport->count() == static_cast<std::size_t>(expected_attempts));
}

BOOST_AUTO_TEST_CASE(conflict_with_retry_after_is_retried) {
    transport->push(409, "", {{"Retry-After", "2"}});
    transport->push(202);
    auto p = make();
    BOOST_TEST(p->send(get(), {}).status == 202);
    BOOST_TEST(transport->count() == 2u);
    BOOST_TEST((clock->sleeps().at(0) == 2s));
}

BOOST_AUTO_TEST_CASE(post_is_not_retried_unless_idempotent) {
    transport->otherwise(beezup::http_response{503, "", {}, ""});
    auto p = make();
    BOOST_CHECK_THROW(p->send(post(), {}), beezup::server_error);
    BOOST_TEST(transport->count() == 1u);

    beezup::call_context idempotent;
    idempotent.idempotent = true;
    BOOST_CHECK_THROW(p->send(post(), idempotent), beezup::server_error);
    BOOST_TEST(transport->count() == 5u);
}

BOOST_AUTO_TEST_CASE(post_not_retried_after_transport_failure) {
    transport->otherwise(beezup::transport_failure::connection);
    auto p = make();
    BOOST_CHECK_THROW(p->send(post(), {}), beezup::transport_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_DATA_TEST_CASE_F(fixture, transport_failures_retried_or_not,
                       bdata::make({beezup::transport_failure::connect, beezup::transport_failure::timeout,
                                    beezup::transport_failure::connection, beezup::transport_failure::protocol,
                                    beezup::transport_failure::tls, beezup::transport_failure::cancelled}) ^
                           bdata::make({4, 4, 4, 1, 1, 1}),
                       failure, expected_attempts) {
    transport->otherwise(failure);
    auto p = make();
    try {
        p->send(get(), {});
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == failure));
    }
    BOOST_TEST(transport->count() == static_cast<std::size_t>(expected_attempts));
}

BOOST_AUTO_TEST_CASE(recovers_after_transient_failures) {
    transport->push(beezup::transport_failure::connection);
    transport->push(502);
    transport->push(200, R"({"ok":true})");
    auto p = make();
    BOOST_TEST(p->send(get(), {}).body == R"({"ok":true})");
    BOOST_TEST(transport->count() == 3u);
}

BOOST_AUTO_TEST_CASE(exponential_backoff_with_full_jitter) {
    options.retry.base_delay = 500ms;
    options.retry.max_delay = 3s;
    jitter = 0.999999;
    auto p = make();
    BOOST_TEST(p->backoff_delay(1).count() == 499);
    BOOST_TEST(p->backoff_delay(2).count() == 999);
    BOOST_TEST(p->backoff_delay(3).count() == 1999);
    BOOST_TEST(p->backoff_delay(4).count() == 2999);  // capped
    BOOST_TEST(p->backoff_delay(40).count() == 2999);
    jitter = 0.0;
    BOOST_TEST(p->backoff_delay(3).count() == 0);
    jitter = 0.25;
    BOOST_TEST(p->backoff_delay(3).count() == 500);
}

BOOST_AUTO_TEST_CASE(jitter_stays_within_bounds_with_real_randomness) {
    auto p = std::make_unique<beezup::detail::pipeline>(options, transport, clock);
    std::set<long long> seen;
    for (int i = 0; i < 2000; ++i) {
        const auto d = p->backoff_delay(3).count();
        BOOST_REQUIRE(d >= 0 && d <= 2000);
        seen.insert(d);
    }
    BOOST_TEST(seen.size() > 100u);  // actually random, not a constant
}

BOOST_AUTO_TEST_CASE(sleeps_follow_backoff_then_retry_after_both_forms) {
    jitter = 0.5;
    transport->push(500);
    transport->push(429, "", {{"Retry-After", "7"}});
    transport->push(503, "", {{"Retry-After", "Thu, 26 Nov 2026 12:00:40 GMT"}});
    transport->push(200);
    auto p = make();
    BOOST_TEST(p->send(get(), {}).status == 200);
    const auto sleeps = clock->sleeps();
    BOOST_REQUIRE_EQUAL(sleeps.size(), 3u);
    BOOST_TEST((sleeps[0] == 250ms));  // 0.5 * 500 ms
    BOOST_TEST((sleeps[1] == 7s));
    // The wall clock is 12:00:07.25 after the first two sleeps: 32.75 s rounded up.
    BOOST_TEST((sleeps[2] == 33s));
}

BOOST_AUTO_TEST_CASE(garbage_retry_after_falls_back_to_backoff) {
    jitter = 0.5;
    transport->push(503, "", {{"Retry-After", "whenever"}});
    transport->push(200);
    auto p = make();
    p->send(get(), {});
    BOOST_TEST((clock->sleeps().at(0) == 250ms));
}

BOOST_AUTO_TEST_CASE(retry_after_longer_than_allowed_ends_retries) {
    options.retry.max_retry_after = 60s;
    transport->otherwise(beezup::http_response{429, "", {{"Retry-After", "3600"}}, ""});
    auto p = make();
    try {
        p->send(get(), {});
        BOOST_FAIL("no exception");
    } catch (const beezup::too_many_requests_error& e) {
        BOOST_TEST(e.retry_after().value().count() == 3600);
    }
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(never_sleeps_past_the_deadline) {
    transport->otherwise(beezup::http_response{503, "", {{"Retry-After", "10"}}, ""});
    auto p = make();
    beezup::call_context context;
    context.deadline = clock->now() + 25s;
    BOOST_CHECK_THROW(p->send(get(), context), beezup::server_error);
    BOOST_TEST(transport->count() == 3u);  // at 0 s, 10 s, 20 s; a fourth would start at 30 s
    BOOST_TEST((clock->now() - (context.deadline.value() - 25s) == 20s));
}

BOOST_AUTO_TEST_CASE(attempt_timeout_is_capped_by_the_deadline) {
    transport->push(200);
    auto p = make();
    beezup::call_context context;
    context.deadline = clock->now() + 1500ms;
    p->send(get(), context);
    BOOST_TEST(transport->requests().at(0).timeout.count() == 1500);
}

BOOST_AUTO_TEST_CASE(expired_deadline_sends_nothing) {
    auto p = make();
    beezup::call_context context;
    context.deadline = clock->now() - 1ms;
    try {
        p->send(get(), context);
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::timeout));
    }
    BOOST_TEST(transport->count() == 0u);
}

BOOST_AUTO_TEST_CASE(cancelled_call_sends_nothing) {
    auto p = make();
    beezup::cancellation_source source;
    source.request_stop();
    beezup::call_context context;
    context.cancellation = source.get_token();
    BOOST_CHECK_THROW(p->send(get(), context), beezup::transport_error);
    BOOST_TEST(transport->count() == 0u);
}

BOOST_AUTO_TEST_CASE(gzip_and_deflate_bodies_are_decoded) {
    const std::string json = R"({"items":[{"codeIdentifier":"A","intIdentifier":1}]})";
    transport->push(200, beezup::common::gzip_compress(json), {{"Content-Encoding", "gzip"}});
    auto p = make();
    auto response = p->send(get(), {});
    BOOST_TEST(response.body == json);
    BOOST_TEST(!response.header("Content-Encoding").has_value());
}

BOOST_AUTO_TEST_CASE(large_and_multi_member_gzip_bodies_are_decoded_whole) {
    std::string large;
    for (int i = 0; large.size() < 300000; ++i) large += R"({"beezUPOrderId":")" + std::to_string(i * 7919) + R"(","n":)" + std::to_string(i) + "},";
    const std::string second = "and the second member";
    transport->push(200, beezup::common::gzip_compress(large), {{"Content-Encoding", "gzip"}});
    transport->push(200, beezup::common::gzip_compress(large) + beezup::common::gzip_compress(second), {{"Content-Encoding", "gzip"}});
    auto p = make();
    BOOST_TEST(p->send(get(), {}).body == large);
    BOOST_TEST(p->send(get(), {}).body == large + second);  // RFC 1952: members concatenate
}

BOOST_AUTO_TEST_CASE(a_gzip_trailer_that_lies_about_the_size_or_data_after_the_stream_is_a_protocol_error) {
    options.retry.max_attempts = 1;
    options.max_response_body_bytes = 100000;
    auto p = make();
    const auto with_size = [](std::string packed, std::uint32_t size) {
        for (int i = 0; i < 4; ++i) packed[packed.size() - 4 + i] = static_cast<char>((size >> (8 * i)) & 0xff);
        return packed;
    };
    const auto packed = beezup::common::gzip_compress(std::string(50000, 'c'));
    const std::pair<std::string, std::string> bodies[] = {
        {with_size(packed, 10), "gzip"}, {with_size(packed, 60000), "gzip"}, {with_size(packed, 4000000), "gzip"},
        {packed + "junk", "gzip"}, {beezup::common::raw_deflate_compress("abc") + "\n", "deflate"}};
    for (const auto& [body, encoding] : bodies) {
        transport->push(200, body, {{"Content-Encoding", encoding}});
        try {
            p->send(get(), {});
            BOOST_FAIL("no exception");
        } catch (const beezup::transport_error& e) {
            BOOST_TEST((e.failure() == beezup::transport_failure::protocol));
        }
    }
}

BOOST_AUTO_TEST_CASE(corrupt_or_bomb_gzip_is_a_protocol_error) {
    options.max_response_body_bytes = 1000;
    options.retry.max_attempts = 1;
    auto p = make();
    transport->push(200, "not gzip at all", {{"Content-Encoding", "gzip"}});
    BOOST_CHECK_THROW(p->send(get(), {}), beezup::transport_error);
    transport->push(200, beezup::common::gzip_compress(std::string(100000, 'a')), {{"Content-Encoding", "gzip"}});
    try {
        p->send(get(), {});
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::protocol));
        BOOST_TEST(std::string(e.what()).find("limit") != std::string::npos);
    }
    auto truncated = beezup::common::gzip_compress(std::string(5000, 'b'));
    truncated.resize(truncated.size() / 2);
    transport->push(200, truncated, {{"Content-Encoding", "gzip"}});
    try {
        p->send(get(), {});
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::connection));  // a cut transfer: worth a retry
    }
    transport->push(200, "x", {{"Content-Encoding", "br-unknown"}});
    BOOST_CHECK_THROW(p->send(get(), {}), beezup::transport_error);
}

BOOST_AUTO_TEST_CASE(oversized_body_is_not_fetched_again) {
    options.max_response_body_bytes = 1000;
    transport->otherwise(beezup::http_response{200, "", {{"Content-Encoding", "gzip"}},
                                               beezup::common::gzip_compress(std::string(100000, 'a'))});
    auto p = make();
    BOOST_CHECK_THROW(p->send(get(), {}), beezup::transport_error);
    BOOST_TEST(transport->count() == 1u);
}

BOOST_AUTO_TEST_CASE(bodiless_answers_with_content_encoding_are_fine) {
    transport->push(304, "", {{"Content-Encoding", "gzip"}, {"ETag", "\"e\""}});
    auto p = make();
    BOOST_TEST(p->send(get(), {}).status == 304);
}

BOOST_AUTO_TEST_CASE(absurd_retry_after_neither_overflows_nor_blocks_the_bucket) {
    options.rate_limit.enabled = true;
    options.retry.max_retry_after = 60s;
    transport->push(429, "", {{"Retry-After", "99999999999999999"}});  // beyond int64 nanoseconds
    transport->push(503, "", {{"Retry-After", "Fri, 01 Jan 9999 00:00:00 GMT"}});
    transport->push(200);
    auto p = make();
    BOOST_CHECK_THROW(p->send(get(), {}), beezup::too_many_requests_error);
    BOOST_TEST(transport->count() == 1u);
    // The pause the server asked for is capped at what the client would wait itself.
    BOOST_TEST((p->governor()->current_wait() <= 60s));
    BOOST_TEST(p->send(get(), {}).status == 200);  // the year-9999 date is ignored: a backoff retry
    BOOST_TEST(transport->count() == 3u);
}

BOOST_AUTO_TEST_CASE(invalid_options_are_rejected) {
    options.base_url = "ftp://x";
    BOOST_CHECK_THROW(make(), beezup::error);
    options.base_url = "https://x";
    options.retry.max_attempts = 0;
    BOOST_CHECK_THROW(make(), beezup::error);
    options.retry.max_attempts = 1;
    options.operation_timeout = std::chrono::milliseconds::max();
    BOOST_CHECK_THROW(make(), beezup::error);
}

BOOST_AUTO_TEST_SUITE_END()
