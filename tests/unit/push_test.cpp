// The push receiver's core: authenticity checks, limits, the envelope, the durable inbox (order
// per order, de-duplication, stale versions, leases, dead letters) and the dispatcher.

#include <beezup/order_sync.hpp>
#include <beezup/push_dispatcher.hpp>
#include <beezup/push_receiver.hpp>

#include <boost/test/unit_test.hpp>

#include "push_signing.hpp"
#include "shared_stores.hpp"

#include <boost/test/data/test_case.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <random>
#include <set>
#include <thread>

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));


std::string order_json(const std::string& id, const std::string& etag, const std::string& modified = "2026-11-20T10:00:00Z") {
    return R"({"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":")" + id +
           R"(","marketplaceBusinessCode":"AMAZON_FR","order_MarketplaceOrderId":"M-1","order_Status_BeezUPOrderStatus":"New",)"
           R"("order_PurchaseUtcDate":"2026-11-20T09:00:00Z","order_LastModificationUtcDate":")" + modified +
           R"(","order_MarketplaceLastModificationUtcDate":"2026-11-20T09:00:00Z","processing":false,"etag":")" + etag +
           R"(","orderItems":[],"transitionLinks":[]})";
}

std::string envelope(const std::string& event_id, const std::vector<std::string>& orders) {
    std::string body = R"({"eventId":")" + event_id + R"(","subscriptionId":"s-1","sentUtcDate":"2026-11-20T10:00:00Z","orders":[)";
    for (std::size_t i = 0; i < orders.size(); ++i) body += (i ? "," : "") + orders[i];
    return body + "]}";
}

// A push as the sandbox signs it (docs/push.md).
beezup::push_http_request signed_push(const std::string& body, const std::string& secret = "s3cret",
                                      std::chrono::system_clock::time_point at = now) {
    beezup::push_http_request r;
    r.method = "POST";
    r.path = "/beezup/push";
    r.body = body;
    r.remote_address = "127.0.0.1";
    const auto ts = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
    r.headers["Content-Type"] = "application/json; charset=utf-8";
    r.headers["X-BeezUP-Timestamp"] = ts;
    r.headers["X-BeezUP-Signature"] = "sha256=" + beezup::testing::hex_hmac_sha256(secret, ts + "." + body);
    return r;
}

struct temp_dir {
    fs::path path = fs::temp_directory_path() / ("beezup-push-" + std::to_string(std::random_device{}()));
    temp_dir() { fs::create_directories(path); }
    ~temp_dir() { fs::remove_all(path); }
    std::string file(const char* name) const { return (path / name).string(); }
};

struct receiver_fixture {
    temp_dir dir;
    std::shared_ptr<beezup::push_inbox> inbox = beezup::make_sqlite_push_inbox(dir.file("inbox.db"));
    std::vector<std::string> log;
    beezup::push_receiver receiver{inbox, [this] {
                                       beezup::push_receiver_options o;
                                       o.authenticators = {beezup::hmac_signature({"s3cret", "n3xt"})};
                                       o.now = [] { return now; };
                                       o.max_body_bytes = 64 * 1024;
                                       o.logger = [this](beezup::log_level, std::string_view line) { log.emplace_back(line); };
                                       return o;
                                   }()};
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_stores)

// Workers of one process (or processes) that open the same new file at once: switching it to WAL
// and creating the tables must wait for each other, not fail with "database is locked".
BOOST_AUTO_TEST_CASE(stores_opened_together_on_a_new_file_all_open) {
    for (int round = 0; round < 20; ++round) {
        temp_dir dir;
        std::atomic<int> failures{0};
        std::vector<std::thread> openers;
        for (int i = 0; i < 8; ++i)
            openers.emplace_back([&, i] {
                try {
                    if (i % 2 == 0) {
                        beezup::make_checkpoint_store(dir.file("checkpoints.db"))->load("shop-" + std::to_string(i));
                    } else {
                        beezup::make_push_inbox(dir.file("inbox.db"));
                    }
                } catch (const std::exception& e) {
                    ++failures;
                    BOOST_TEST_MESSAGE("opening failed: " << e.what());
                }
            });
        for (auto& t : openers) t.join();
        BOOST_TEST(failures.load() == 0);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(push_authenticity)

BOOST_AUTO_TEST_CASE(hmac_signatures_with_rotation_and_a_tolerance_window) {
    const auto check = beezup::hmac_signature({"old", "new"}, 300s);
    const std::string body = "{}";
    BOOST_TEST(!check->refusal(signed_push(body, "old"), now));
    BOOST_TEST(!check->refusal(signed_push(body, "new"), now));  // both secrets during the overlap
    BOOST_TEST(check->refusal(signed_push(body, "other"), now).value() == "signature mismatch");
    BOOST_TEST(check->refusal(signed_push(body, "old", now - 301s), now).has_value());  // replayed later
    BOOST_TEST(check->refusal(signed_push(body, "old", now + 301s), now).has_value());
    // Found by fuzz_push: a timestamp far from now, correctly signed, must be refused, not overflow.
    auto far = signed_push(body, "old");
    far.headers["X-BeezUP-Timestamp"] = "888888888888888888";
    far.headers["X-BeezUP-Signature"] = "sha256=" + beezup::testing::hex_hmac_sha256("old", "888888888888888888." + body);
    BOOST_TEST(check->refusal(far, now).value() == "X-BeezUP-Timestamp outside the tolerance window");
    BOOST_CHECK_THROW(beezup::hmac_signature({"s"}, std::chrono::hours(25)), beezup::error);
    auto tampered = signed_push(body, "old");
    tampered.body = "{ }";
    BOOST_TEST(check->refusal(tampered, now).has_value());
    auto unsigned_request = signed_push(body);
    unsigned_request.headers.erase("X-BeezUP-Signature");
    BOOST_TEST(check->refusal(unsigned_request, now).has_value());
    BOOST_CHECK_THROW(beezup::hmac_signature({}), beezup::error);
    BOOST_CHECK_THROW(beezup::hmac_signature({""}), beezup::error);
}

BOOST_AUTO_TEST_CASE(tokens_in_the_path_or_the_query) {
    beezup::push_http_request r;
    r.path = "/beezup/push/t%2Fok";
    BOOST_TEST(!beezup::token_in_path("t/ok")->refusal(r, now));
    BOOST_TEST(beezup::token_in_path("tok")->refusal(r, now).has_value());
    r.query = "a=1&token=abc%3D";
    BOOST_TEST(!beezup::token_in_query("token", "abc=")->refusal(r, now));
    BOOST_TEST(beezup::token_in_query("token", "abc")->refusal(r, now).has_value());
    BOOST_TEST(beezup::token_in_query("key", "abc=")->refusal(r, now).has_value());
}

BOOST_AUTO_TEST_CASE(basic_credentials) {
    beezup::push_http_request r;
    r.headers["Authorization"] = "Basic dXNlcjpwYXNz";  // user:pass
    BOOST_TEST(!beezup::basic_credentials("user", "pass")->refusal(r, now));
    BOOST_TEST(beezup::basic_credentials("user", "other")->refusal(r, now).has_value());
    r.headers["Authorization"] = "Basic dXNlcjpwYXN";  // not base64
    BOOST_TEST(beezup::basic_credentials("user", "pass")->refusal(r, now).has_value());
    r.headers.erase("Authorization");
    BOOST_TEST(beezup::basic_credentials("user", "pass")->refusal(r, now).has_value());
    BOOST_CHECK_THROW(beezup::basic_credentials("user", ""), beezup::error);
}

BOOST_AUTO_TEST_CASE(ip_allow_lists) {
    const auto check = beezup::ip_allow_list({"203.0.113.0/24", "2001:db8::/32", "127.0.0.1"});
    beezup::push_http_request r;
    for (const char* allowed : {"203.0.113.7", "2001:db8:1::5", "127.0.0.1", "::ffff:203.0.113.9"}) {
        r.remote_address = allowed;
        BOOST_TEST(!check->refusal(r, now), allowed);
    }
    for (const char* refused : {"203.0.114.1", "2001:db9::1", "127.0.0.2", "", "nonsense"}) {
        r.remote_address = refused;
        BOOST_TEST(check->refusal(r, now).has_value(), refused);
    }
    BOOST_CHECK_THROW(beezup::ip_allow_list({"10.0.0.0/33"}), beezup::error);
    BOOST_CHECK_THROW(beezup::ip_allow_list({"10.0.0"}), beezup::error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(push_receiver)

BOOST_FIXTURE_TEST_CASE(a_signed_push_is_stored_then_acknowledged, receiver_fixture) {
    const auto response = receiver.handle(signed_push(envelope("e-1", {order_json("o-1", "v1"), order_json("o-2", "v1")})));
    BOOST_TEST(response.status == 200);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 2u);
    // The same event again (BeezUP retries what it did not see acknowledged): 200, nothing more.
    BOOST_TEST(receiver.handle(signed_push(envelope("e-1", {order_json("o-1", "v1")}))).status == 200);
    // Another event carrying a version already stored: not stored twice.
    BOOST_TEST(receiver.handle(signed_push(envelope("e-2", {order_json("o-1", "v1")}))).status == 200);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 2u);
    BOOST_TEST(receiver.stats().accepted == 3u);
}

BOOST_FIXTURE_TEST_CASE(forged_and_malformed_requests_are_refused_and_nothing_is_stored, receiver_fixture) {
    const auto body = envelope("e-1", {order_json("o-1", "v1")});
    struct refused_case {
        const char* what;
        beezup::push_http_request request;
        int status;
    };
    std::vector<refused_case> cases;
    cases.push_back({"wrong secret", signed_push(body, "guess"), 401});
    cases.push_back({"replayed", signed_push(body, "s3cret", now - 10min), 401});
    auto tampered = signed_push(body);
    tampered.body[tampered.body.size() - 3] = ' ';
    cases.push_back({"tampered", tampered, 401});
    auto trace = signed_push(body);
    trace.method = "TRACE";
    cases.push_back({"TRACE", trace, 405});
    auto get = signed_push(body);
    get.method = "GET";
    cases.push_back({"GET", get, 405});
    auto text = signed_push(body);
    text.headers["Content-Type"] = "text/plain";
    cases.push_back({"wrong type", text, 415});
    cases.push_back({"oversized", signed_push(envelope("e-9", std::vector<std::string>(200, order_json("o-1", "v1")))), 413});
    auto announced = signed_push(body);
    announced.headers["Content-Length"] = std::to_string(1 << 30);
    cases.push_back({"announced oversized", announced, 413});
    cases.push_back({"not JSON", signed_push("{\"orders\":[", "s3cret"), 400});
    cases.push_back({"no orders", signed_push(R"({"eventId":"e"})"), 400});
    cases.push_back({"bad order", signed_push(envelope("e-3", {R"({"beezUPOrderId":5})"})), 400});
    for (const auto& c : cases) {
        const auto response = receiver.handle(c.request);
        BOOST_TEST(response.status == c.status, c.what);
        // Nothing echoed, no reason given away.
        BOOST_TEST(response.body.find("s3cret") == std::string::npos, c.what);
        BOOST_TEST(response.body.find("signature") == std::string::npos, c.what);
        BOOST_TEST(response.body.find("o-1") == std::string::npos, c.what);
    }
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 0u);
    BOOST_TEST(receiver.stats().refused == cases.size());
    for (const auto& line : log) BOOST_TEST(line.find("s3cret") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(amounts_stay_exact_through_the_inbox, receiver_fixture) {
    auto order = order_json("o-5", "v1");
    order.insert(order.find("\"orderItems\""), R"("order_TotalPrice":1234567890.12345678,)");
    BOOST_TEST(receiver.handle(signed_push(envelope("e-5", {order}))).status == 200);
    std::optional<beezup::decimal> total;
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) { total = d.pushed.total_price; });
    BOOST_TEST(dispatcher.dispatch_ready() == 1u);
    BOOST_REQUIRE(total);
    BOOST_TEST(total->to_string() == "1234567890.12345678");
}

BOOST_FIXTURE_TEST_CASE(the_activation_check_gets_a_fast_200, receiver_fixture) {
    auto check = signed_push(R"({"verification":true,"eventId":"v-1","subscriptionId":"s-1","sentUtcDate":"2026-11-20T10:00:00Z"})");
    check.headers["X-BeezUP-Verification"] = "true";
    BOOST_TEST(receiver.handle(check).status == 200);
    BOOST_TEST(receiver.stats().verifications == 1u);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 0u);
}

BOOST_DATA_TEST_CASE(a_single_order_body_gets_an_event_id_from_its_version, boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    auto inbox = beezup::make_push_inbox(store.location());
    beezup::push_receiver_options o;
    o.accept_unauthenticated = true;
    beezup::push_receiver receiver(inbox, o);
    beezup::push_http_request r;
    r.method = "POST";
    r.headers["Content-Type"] = "application/json";
    r.body = order_json("o-7", "v3");
    BOOST_TEST(receiver.handle(r).status == 200);
    const auto entry = inbox->claim(now, 60s);
    BOOST_REQUIRE(entry);
    BOOST_TEST(entry->event_id == "o-7/v3");
    BOOST_TEST(entry->idempotency_key() == "Amazon/1001/o-7/v3");
}

BOOST_AUTO_TEST_CASE(a_receiver_without_authenticity_check_is_refused) {
    temp_dir dir;
    BOOST_CHECK_THROW(beezup::push_receiver(beezup::make_sqlite_push_inbox(dir.file("inbox.db")), {}), beezup::error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(push_inbox)

BOOST_DATA_TEST_CASE(versions_of_one_order_are_claimed_in_order_and_others_in_parallel, boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    auto inbox = beezup::make_push_inbox(store.location());
    auto event = [](const std::string& id, const std::string& order, const std::string& etag, const std::string& modified) {
        beezup::push_event e;
        e.event_id = id;
        e.orders.push_back({{"Amazon", 1001, order}, etag, {}, order_json(order, etag, modified)});
        e.orders.back().last_modification = std::chrono::system_clock::time_point(
            std::chrono::seconds(std::stoll(modified)));
        return e;
    };
    BOOST_TEST(inbox->append(event("e1", "a", "v1", "100")).stored == 1u);
    BOOST_TEST(inbox->append(event("e2", "a", "v2", "200")).stored == 1u);
    BOOST_TEST(inbox->append(event("e3", "b", "v1", "100")).stored == 1u);
    const auto stale = inbox->append(event("e4", "a", "v0", "50"));
    BOOST_TEST(stale.stale == 1u);
    BOOST_TEST(stale.stored == 0u);
    BOOST_TEST(inbox->append(event("e4", "a", "v9", "900")).duplicate_event);

    const auto first = inbox->claim(now, 60s);
    BOOST_REQUIRE(first);
    BOOST_TEST(first->order.etag == "v1");
    BOOST_TEST(first->order.key.beezup_order_id == "a");
    // a/v2 waits for a/v1; b/v1 does not.
    const auto second = inbox->claim(now, 60s);
    BOOST_REQUIRE(second);
    BOOST_TEST(second->order.key.beezup_order_id == "b");
    BOOST_TEST(!inbox->claim(now, 60s));
    BOOST_TEST(inbox->complete(*first));
    const auto third = inbox->claim(now, 60s);
    BOOST_REQUIRE(third);
    BOOST_TEST(third->order.etag == "v2");
    // A claim not completed within its lease comes back (its dispatcher died).
    BOOST_TEST(!inbox->claim(now + 30s, 60s));
    const auto again = inbox->claim(now + 61s, 60s);
    BOOST_REQUIRE(again);
    BOOST_TEST(again->sequence == third->sequence);
    // The first dispatcher comes back late: the entry is no longer its to complete or fail.
    BOOST_TEST(!inbox->complete(*third));
    BOOST_TEST(!inbox->fail(*third, "late", now, true));
    BOOST_TEST(inbox->complete(*again));
    BOOST_TEST((*inbox->last_modification() == std::chrono::system_clock::time_point(200s)));
    BOOST_TEST(inbox->count(beezup::inbox_state::stale) == 1u);
}

BOOST_DATA_TEST_CASE(a_dead_letter_older_than_a_newer_version_is_not_replayed, boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    auto inbox = beezup::make_push_inbox(store.location());
    auto version = [](const std::string& etag, int modified) {
        beezup::push_event e;
        e.event_id = "e-" + etag;
        e.orders.push_back({{"Amazon", 1001, "o-9"}, etag, std::chrono::system_clock::time_point(std::chrono::seconds(modified)), "{}"});
        return e;
    };
    inbox->append(version("v1", 100));
    const auto claimed = inbox->claim(now, 60s);
    BOOST_REQUIRE(claimed);
    BOOST_TEST(inbox->fail(*claimed, "poison", now, true));
    inbox->append(version("v2", 200));  // delivered meanwhile
    BOOST_TEST(!inbox->replay(claimed->sequence));  // v1 after v2 would go back in time
    BOOST_TEST(inbox->dead_letters().empty());
    BOOST_TEST(inbox->count(beezup::inbox_state::stale) == 1u);
}

BOOST_AUTO_TEST_CASE(a_store_url_s_password_never_reaches_an_error) {
    const std::string secret = "50%off-S3CRET";
    // Malformed (libpq would quote it), a closed port, and a URL given where a file is expected.
    for (const auto& location : {"postgresql://shop:" + secret + "@[::1/beezup", "postgresql://shop:" + secret + "@127.0.0.1:1/beezup",
                                 "postgres://shop:" + secret + "@127.0.0.1:1/beezup?connect_timeout=2"}) {
        for (const auto& open : std::vector<std::function<void()>>{
                 [&] { beezup::make_push_inbox(location); },
                 [&] { beezup::make_checkpoint_store(location); },
                 [&] { beezup::make_sqlite_push_inbox(location); },
             }) {
            try {
                open();
                BOOST_FAIL("opened " << location);
            } catch (const beezup::error& e) {
                BOOST_TEST(std::string(e.what()).find("S3CRET") == std::string::npos, e.what());
                BOOST_TEST(std::string(e.what()).find("off") == std::string::npos, e.what());
            }
        }
    }
}

BOOST_DATA_TEST_CASE(what_was_appended_survives_reopening, boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    {
        auto inbox = beezup::make_push_inbox(store.location());
        std::vector<std::thread> senders;
        for (int t = 0; t < 8; ++t)
            senders.emplace_back([&, t] {
                for (int i = 0; i < 25; ++i) {
                    beezup::push_event e;
                    e.event_id = std::to_string(t) + "-" + std::to_string(i);
                    e.orders.push_back({{"Amazon", 1001, e.event_id}, "v1", {}, "{}"});
                    inbox->append(e);
                }
            });
        for (auto& s : senders) s.join();
    }
    auto reopened = beezup::make_push_inbox(store.location());
    BOOST_TEST(reopened->count(beezup::inbox_state::pending) == 200u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(push_dispatch)

BOOST_DATA_TEST_CASE(handlers_get_each_version_once_in_order_and_failures_end_in_dead_letters, boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    auto inbox = beezup::make_push_inbox(store.location());
    for (int i = 1; i <= 3; ++i) {
        beezup::push_event e;
        e.event_id = "e" + std::to_string(i);
        const auto etag = "v" + std::to_string(i);
        e.orders.push_back({{"Amazon", 1001, "o-1"}, etag, std::chrono::system_clock::time_point(std::chrono::seconds(i)),
                            order_json("o-1", etag)});
        inbox->append(e);
    }
    beezup::push_event poison;
    poison.event_id = "p";
    poison.orders.push_back({{"Amazon", 1001, "o-2"}, "bad", {}, order_json("o-2", "bad")});
    inbox->append(poison);

    std::vector<std::string> seen;
    beezup::push_dispatcher_options options;
    options.max_attempts = 3;
    options.base_delay = 0ms;
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) {
        if (d.pushed.etag == "bad") throw std::runtime_error("cannot handle this one");
        seen.push_back(d.idempotency_key);
    }, options);
    dispatcher.dispatch_ready();
    BOOST_TEST(seen == (std::vector<std::string>{"Amazon/1001/o-1/v1", "Amazon/1001/o-1/v2", "Amazon/1001/o-1/v3"}),
               boost::test_tools::per_element());
    const auto dead = inbox->dead_letters();
    BOOST_REQUIRE(dead.size() == 1u);
    BOOST_TEST(dead[0].attempts == 3);
    BOOST_TEST(dead[0].last_error == "cannot handle this one");

    // Replayed once the handler is fixed: delivered.
    BOOST_TEST(inbox->replay(dead[0].sequence));
    BOOST_TEST(!inbox->replay(dead[0].sequence));
    beezup::push_dispatcher fixed(inbox, [&](const beezup::push_delivery& d) { seen.push_back(d.idempotency_key); }, options);
    BOOST_TEST(fixed.dispatch_ready() == 1u);
    BOOST_TEST(seen.back() == "Amazon/1001/o-2/bad");
    BOOST_TEST(inbox->dead_letters().empty());
}

BOOST_AUTO_TEST_SUITE_END()
