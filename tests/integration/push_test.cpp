// The push loop end to end: the sandbox pushes every order change to push_server on loopback, the
// durable inbox keeps them, the dispatcher hands each version to the handler once, in order per
// order. And the promise under faults: a receiver process killed with SIGKILL in the middle of a
// load loses no push it acknowledged.

#include "child_process.hpp"
#include "shared_stores.hpp"
#include "loopback.hpp"
#include "push_sending.hpp"
#include "sandbox_fixture.hpp"

#include <beezup/http_threads.hpp>
#include <beezup/push_dispatcher.hpp>
#include <beezup/push_reconciliation.hpp>

#include "json/order_json.hpp"
#include <beezup/push_server.hpp>

#include <cpprest/http_client.h>

#include <boost/asio/ssl.hpp>
#include <boost/test/data/test_case.hpp>


#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
namespace http = web::http;
using namespace std::chrono_literals;

namespace {

constexpr const char* secret = "integration-push-secret";

std::string bjson_encode(const beezup::order& o) { return beezup::detail::json::encode_order(o); }

struct temp_dir {
    fs::path path = fs::temp_directory_path() / ("beezup-push-it-" + std::to_string(std::random_device{}()));
    temp_dir() { fs::create_directories(path); }
    ~temp_dir() { fs::remove_all(path); }
    std::string file(const char* name) const { return (path / name).string(); }
};

http::http_response call(const std::string& base, const http::method& method, const std::string& path, const std::string& body = "") {
    http::client::http_client client(base);
    http::http_request r(method);
    r.set_request_uri(path);
    r.headers().add("Ocp-Apim-Subscription-Key", "orders-key");
    if (!body.empty()) r.set_body(body, "application/json");
    return client.request(r).get();
}


// An inbox in a temporary folder and a receiver that checks the integration secret.
struct signed_receiver {
    temp_dir dir;
    std::shared_ptr<beezup::push_inbox> inbox = beezup::make_sqlite_push_inbox(dir.file("inbox.db"));
    std::shared_ptr<beezup::push_receiver> receiver = std::make_shared<beezup::push_receiver>(inbox, [] {
        beezup::push_receiver_options o;
        o.authenticators = {beezup::hmac_signature({secret})};
        return o;
    }());
};

}  // namespace

BOOST_AUTO_TEST_SUITE(push_loop)

BOOST_AUTO_TEST_CASE(every_change_of_the_sandbox_reaches_the_handler_once_and_in_order) {
    auto options = beezup::testing::sandbox_options(400);
    options.push_secret = secret;
    options.push_retry_base = 100ms;
    beezup::sandbox::server sandbox(options);
    beezup::client client(beezup::testing::client_options(sandbox));

    signed_receiver stack;
    const auto& inbox = stack.inbox;
    const auto& receiver = stack.receiver;
    beezup::push_server server(receiver);

    const std::string subscription = "3f0c8e4a-51d7-4c1b-9f3e-0a1b2c3d4e5f";
    const auto create = R"({"name":"it","targetUrl":")" + server.url() +
                        R"(","merchantApplicationName":"integration","merchantApplicationVersion":"1.0","merchantEmailAlert":"a@example.com"})";
    const auto subscriptions = "/v2/user/marketplaces/orders/subscriptions/" + subscription;
    BOOST_REQUIRE(call(sandbox.base_url(), http::methods::POST, subscriptions, create).status_code() == 202);
    BOOST_REQUIRE(call(sandbox.base_url(), http::methods::POST, subscriptions + "/activate").status_code() == 202);
    BOOST_TEST(receiver->stats().verifications == 1u);

    // Two changes on each of five orders: the merchant's reference set, then cleared. The sandbox
    // may push both versions, or only the latest when both wait in the same push.
    std::map<std::string, beezup::order_key> changed;
    for (const auto& o : client.orders().all(beezup::testing::last_days(30))) {
        if (changed.size() == 5) break;
        client.orders().set_merchant_info(o.key, {"CMD-" + std::to_string(changed.size()), "integration", "1.0"});
        sandbox.advance_clock(1s);
        client.orders().clear_merchant_info(o.key);
        changed.emplace(o.key.beezup_order_id, o.key);
    }
    BOOST_REQUIRE(changed.size() == 5u);
    std::map<std::string, std::string> current;  // order id -> its ETag now
    for (const auto& [id, key] : changed) current[id] = client.orders().etag(key);

    std::mutex mutex;
    std::map<std::string, std::vector<beezup::order>> handled;  // per order, in handling order
    std::multiset<std::string> keys;
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) {
        std::lock_guard lock(mutex);
        keys.insert(d.idempotency_key);
        handled[d.pushed.key.beezup_order_id].push_back(d.pushed);
    });
    const auto reached_now = [&] {
        for (const auto& [id, etag] : current)
            if (handled[id].empty() || handled[id].back().etag != etag) return false;
        return true;
    };
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
        dispatcher.dispatch_ready();
        std::lock_guard lock(mutex);
        if (reached_now()) break;
        std::this_thread::sleep_for(50ms);
    }
    std::lock_guard lock(mutex);
    BOOST_TEST(reached_now());  // every order's latest version reached the handler, last
    for (const auto& [id, orders] : handled)
        for (std::size_t i = 1; i < orders.size(); ++i)
            BOOST_TEST((orders[i - 1].last_modification_date <= orders[i].last_modification_date), id);  // in order
    for (const auto& k : keys) BOOST_TEST(keys.count(k) == 1u, k);  // exactly once per version
    BOOST_TEST(receiver->stats().refused == 0u);
    server.stop();
}

BOOST_AUTO_TEST_CASE(reconciliation_reads_the_failures_and_fills_the_gap_by_pulling) {
    auto options = beezup::testing::sandbox_options(400);
    options.push_secret = secret;
    options.push_retry_base = 2s;
    options.push_max_retries = 2;
    options.push_timeout = 500ms;
    beezup::sandbox::server sandbox(options);
    beezup::client client(beezup::testing::client_options(sandbox));

    signed_receiver stack;
    const auto& inbox = stack.inbox;
    const auto& receiver = stack.receiver;
    auto server = std::make_unique<beezup::push_server>(receiver);

    beezup::subscription_request request;
    request.id = beezup::new_subscription_id();
    request.target_url = server->url();
    request.name = "reconciled";
    request.application_name = "integration";
    const auto subscriptions = client.subscriptions();
    subscriptions.create(request);
    subscriptions.activate(request.id);
    server.reset();  // the target goes down

    std::map<std::string, beezup::order_key> changed;
    for (const auto& o : client.orders().all(beezup::testing::last_days(30))) {
        if (changed.size() == 3) break;
        client.orders().set_merchant_info(o.key, {"GAP-" + std::to_string(changed.size()), "integration", "1.0"});
        changed.emplace(o.key.beezup_order_id, o.key);
    }
    const auto wait_for = [&](auto predicate) {
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < deadline) {
            if (predicate(subscriptions.get(request.id))) return true;
            std::this_thread::sleep_for(50ms);
        }
        return false;
    };
    BOOST_REQUIRE(wait_for([](const beezup::subscription& s) { return s.health == beezup::consumer_healths::degraded; }));
    // Lists end two seconds before now, in whole seconds (BeezUP refuses an end in the future):
    // let the changes age past that.
    std::this_thread::sleep_for(3500ms);

    std::vector<std::string> warnings;
    beezup::reconciliation_options reconcile_options;
    reconcile_options.logger = [&](beezup::log_level level, std::string_view line) {
        if (level == beezup::log_level::warning) warnings.emplace_back(line);
    };
    beezup::push_reconciler reconciler(client, inbox, request.id, reconcile_options);
    const auto degraded = reconciler.run();
    BOOST_TEST(degraded.near_deactivation);  // 2 retries at most
    BOOST_TEST(!warnings.empty());
    BOOST_TEST(degraded.gap_filled);
    BOOST_TEST(degraded.stored >= changed.size());

    // The retries fail too: BeezUP deactivates the subscription; its reporting says why.
    BOOST_REQUIRE(wait_for([](const beezup::subscription& s) { return s.status == beezup::subscription_statuses::inactive; }));
    const auto report = subscriptions.reporting(request.id);
    BOOST_TEST(!report.rows.empty());
    BOOST_TEST(std::none_of(report.rows.begin(), report.rows.end(), [](const auto& row) { return row.succeeded; }));
    const auto inactive = reconciler.run();
    BOOST_TEST(inactive.gap_filled);
    BOOST_TEST(inactive.stored == 0u);  // nothing new since the first pull: no version stored twice
    std::map<std::string, std::string> handed;  // order id -> last ETag handed over
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) { handed[d.pushed.key.beezup_order_id] = d.pushed.etag; });
    dispatcher.dispatch_ready();
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 0u);
    BOOST_TEST(inbox->dead_letters().empty());
    for (const auto& [id, key] : changed) BOOST_TEST(handed[id] == client.orders().etag(key), id);

    // The HTTP thread pool is running by now: its size can no longer change.
    BOOST_CHECK_THROW(beezup::set_http_threads(2), beezup::error);
    BOOST_CHECK_THROW(beezup::set_http_threads(0), beezup::error);
}

BOOST_AUTO_TEST_CASE(verifying_by_rereading_hands_over_what_beezup_holds) {
    beezup::sandbox::server sandbox(beezup::testing::sandbox_options(400));
    beezup::client client(beezup::testing::client_options(sandbox));
    const auto real = *client.orders().all(beezup::testing::last_days(30)).begin();

    temp_dir dir;
    auto inbox = beezup::make_sqlite_push_inbox(dir.file("inbox.db"));
    // A push that lies about an order (an old ETag, another buyer), and one about an order
    // BeezUP does not know: with verify_with, neither is trusted.
    auto forged = real;
    forged.etag = "\"forged\"";
    forged.buyer_name = "Mallory";
    auto unknown = real;
    unknown.key.beezup_order_id = "00000000-0000-4000-8000-000000000001";
    for (const auto* o : {&forged, &unknown}) {
        beezup::push_event e;
        e.event_id = o->key.beezup_order_id + "/" + o->etag;
        e.orders.push_back({o->key, o->etag, o->last_modification_date, bjson_encode(*o)});
        inbox->append(e);
    }
    std::vector<beezup::order> handed;
    beezup::push_dispatcher_options options;
    options.verify_with = client.orders();
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) { handed.push_back(d.pushed); }, options);
    dispatcher.dispatch_ready();
    BOOST_REQUIRE_EQUAL(handed.size(), 1u);
    BOOST_TEST(handed[0].etag == real.etag);  // BeezUP's version, not the pushed one
    BOOST_TEST((handed[0].buyer_name == real.buyer_name));
    const auto dead = inbox->dead_letters();
    BOOST_REQUIRE_EQUAL(dead.size(), 1u);
    BOOST_TEST(dead[0].order.key.beezup_order_id == unknown.key.beezup_order_id);
}

BOOST_AUTO_TEST_CASE(push_server_over_tls_and_its_graceful_stop) {
    temp_dir dir;
    auto inbox = beezup::make_sqlite_push_inbox(dir.file("inbox.db"));
    beezup::push_receiver_options receiver_options;
    receiver_options.accept_unauthenticated = true;  // TLS alone here
    auto receiver = std::make_shared<beezup::push_receiver>(inbox, receiver_options);
    beezup::push_server_options options;
    options.tls_certificate_file = BEEZUP_TEST_CERT;
    options.tls_private_key_file = BEEZUP_TEST_KEY;
    beezup::push_server server(receiver, options);
    BOOST_TEST(server.url().rfind("https://127.0.0.1:", 0) == 0);

    http::client::http_client_config config;
    config.set_ssl_context_callback([](boost::asio::ssl::context& ctx) { ctx.load_verify_file(BEEZUP_TEST_CERT); });
    http::client::http_client client(server.url().substr(0, server.url().find("/beezup")), config);
    http::http_request r(http::methods::POST);
    r.set_request_uri("/beezup/push");
    r.set_body(R"({"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":"o-tls","marketplaceBusinessCode":"A",)"
               R"("order_MarketplaceOrderId":"M","order_Status_BeezUPOrderStatus":"New","order_PurchaseUtcDate":"2026-11-20T09:00:00Z",)"
               R"("order_LastModificationUtcDate":"2026-11-20T10:00:00Z","order_MarketplaceLastModificationUtcDate":"2026-11-20T09:00:00Z",)"
               R"("processing":false,"etag":"v1"})",
               "application/json");
    BOOST_TEST(client.request(r).get().status_code() == 200);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 1u);

    server.stop();
    server.stop();  // idempotent
    BOOST_CHECK_THROW(client.request(http::http_request(http::methods::GET)).get(), std::exception);
}

BOOST_AUTO_TEST_CASE(push_server_refuses_what_the_receiver_refuses_and_reports_health) {
    signed_receiver stack;
    const auto& inbox = stack.inbox;
    const auto& receiver = stack.receiver;
    beezup::push_server server(receiver);
    const auto base = server.url().substr(0, server.url().find("/beezup"));

    http::client::http_client client(base);
    auto send = [&](const http::method& m, const std::string& path, const std::string& body, const std::string& type) {
        http::http_request r(m);
        r.set_request_uri(path);
        r.headers().add("X-Probe", "echo-me");
        if (!body.empty()) r.set_body(body, type);
        return client.request(r).get();
    };
    const auto trace = send(http::methods::TRCE, "/beezup/push", "", "");
    BOOST_TEST(trace.status_code() == 405);
    BOOST_TEST(trace.extract_string().get().find("echo-me") == std::string::npos);
    BOOST_TEST(send(http::methods::OPTIONS, "/beezup/push", "", "").status_code() == 405);
    BOOST_TEST(send(http::methods::POST, "/beezup/push", "{}", "application/json").status_code() == 401);
    BOOST_TEST(send(http::methods::POST, "/beezup/push", "x", "text/plain").status_code() == 415);
    BOOST_TEST(send(http::methods::POST, "/elsewhere", "{}", "application/json").status_code() == 404);
    const auto health = send(http::methods::GET, "/healthz", "", "");
    BOOST_TEST(health.status_code() == 200);
    BOOST_TEST(health.extract_string().get().find("\"refused\":4") != std::string::npos);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 0u);
}

// A raw HTTP exchange: sends `request` on a new loopback connection, then reads until the server
// closes or 5 s pass. `closed` tells which.
struct raw_exchange {
    std::string answer;
    bool closed = false;
};

raw_exchange exchange_raw(int port, const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    beezup::testing::send_all(fd, request);
    raw_exchange out;
    char buffer[4096];
    for (;;) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) out.closed = true;
        if (n <= 0) break;
        out.answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
}

BOOST_AUTO_TEST_CASE(push_server_refuses_an_oversized_body_without_reading_it) {
    // The listener never waits for (nor buffers) a body over the cap: the 413 leaves while the
    // peer has sent nothing of it, and the connection closes. Unauthenticated peers reach this.
    temp_dir dir;
    auto inbox = beezup::make_sqlite_push_inbox(dir.file("inbox.db"));
    beezup::push_receiver_options receiver_options;
    receiver_options.accept_unauthenticated = true;
    receiver_options.max_body_bytes = 64 * 1024;
    auto receiver = std::make_shared<beezup::push_receiver>(inbox, receiver_options);
    beezup::push_server server(receiver);
    const auto port = std::stoi(server.url().substr(server.url().rfind(':') + 1));
    const std::string head = "POST /beezup/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

    const auto announced = exchange_raw(port, head + "Content-Length: 1000000000\r\n\r\n");
    BOOST_TEST(announced.answer.rfind("HTTP/1.1 413", 0) == 0, announced.answer);
    BOOST_TEST(announced.closed);

    // Chunked: 48 KiB are read, then a chunk announcing 1 MiB more is refused before its data.
    const std::string chunk(48 * 1024, ' ');
    const auto chunked = exchange_raw(port, head + "Transfer-Encoding: chunked\r\n\r\nc000\r\n" + chunk + "\r\n100000\r\n");
    BOOST_TEST(chunked.answer.rfind("HTTP/1.1 413", 0) == 0, chunked.answer);
    BOOST_TEST(chunked.closed);

    const auto huge_chunk = exchange_raw(port, head + "Transfer-Encoding: chunked\r\n\r\nffffffff\r\n");
    BOOST_TEST(huge_chunk.answer.rfind("HTTP/1.1 413", 0) == 0, huge_chunk.answer);
    const auto garbled = exchange_raw(port, head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n");
    BOOST_TEST(garbled.answer.rfind("HTTP/1.1 400", 0) == 0, garbled.answer);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 0u);

    // A chunked push under the cap is read and stored.
    const std::string push =
        R"({"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":"o-chunked","marketplaceBusinessCode":"A",)"
        R"("order_MarketplaceOrderId":"M","order_Status_BeezUPOrderStatus":"New","order_PurchaseUtcDate":"2026-11-20T09:00:00Z",)"
        R"("order_LastModificationUtcDate":"2026-11-20T10:00:00Z","order_MarketplaceLastModificationUtcDate":"2026-11-20T09:00:00Z",)"
        R"("processing":false,"etag":"v1"})";
    std::ostringstream size;
    size << std::hex << push.size();
    const auto accepted = exchange_raw(
        port, head + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + size.str() + "\r\n" + push + "\r\n0\r\n\r\n");
    BOOST_TEST(accepted.answer.rfind("HTTP/1.1 200", 0) == 0, accepted.answer);
    BOOST_TEST(inbox->count(beezup::inbox_state::pending) == 1u);
    server.stop();
}

BOOST_AUTO_TEST_SUITE_END()

// ------------------------------------------------------------------------------------------------
// SIGKILL: senders count the pushes the receiver acknowledged; the receiver process is killed
// with SIGKILL in the middle of the load and restarted on the same inbox; at the end every
// acknowledged event is in the inbox.

namespace {

/// A receiver process on `inbox` (a SQLite path or a PostgreSQL URL).
struct child_receiver : beezup::testing::child_process {
    child_receiver(const std::string& inbox, int port)
        : child_process(BEEZUP_PUSH_RECEIVER_CHILD, {inbox, std::to_string(port), secret}, "listening "), url(first_line()) {}
    std::string url;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(push_durability)

BOOST_DATA_TEST_CASE(a_receiver_killed_with_sigkill_loses_no_acknowledged_push,
                     boost::unit_test::data::make(beezup::testing::every_store_kind), kind) {
    const beezup::testing::store_location store(kind, "inbox");
    const auto inbox_path = store.location();
    const int port = beezup::testing::free_loopback_port();
    BOOST_REQUIRE(port > 0);
    auto receiver = std::make_unique<child_receiver>(inbox_path, port);
    const auto url = receiver->url;

    std::mutex mutex;
    std::set<std::string> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> sent{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < 8; ++t)
        senders.emplace_back([&, t] {
            for (int i = 0; !stop; ++i) {
                const auto id = "o-" + std::to_string(t) + "-" + std::to_string(i);
                const auto event = "ev-" + id;
                try {
                    ++sent;
                    if (beezup::testing::post_signed_push(url, secret, beezup::testing::one_order_push(event, id, "v1"), 2s)) {
                        std::lock_guard lock(mutex);
                        acknowledged.insert(event);
                    }
                } catch (const std::exception&) {
                    std::this_thread::sleep_for(20ms);  // the receiver is down: try the next one
                }
            }
        });
    // Let some pushes land, kill the receiver in the middle of the load, restart it, and again.
    for (int round = 0; round < 2; ++round) {
        std::this_thread::sleep_for(1500ms);
        receiver->kill_hard();
        std::this_thread::sleep_for(200ms);
        receiver = std::make_unique<child_receiver>(inbox_path, port);
    }
    std::this_thread::sleep_for(1000ms);
    stop = true;
    for (auto& s : senders) s.join();
    receiver->kill_hard();

    auto inbox = beezup::make_push_inbox(inbox_path);
    std::set<std::string> stored;
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) { stored.insert(d.event_id); });
    dispatcher.dispatch_ready();
    BOOST_TEST_MESSAGE(sent << " pushes sent, " << acknowledged.size() << " acknowledged, " << stored.size() << " stored");
    BOOST_TEST(acknowledged.size() > 100u);
    std::size_t lost = 0;
    for (const auto& event : acknowledged) lost += stored.count(event) == 0;
    BOOST_TEST(lost == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
