// Lost acknowledgements: a front that stores every push through the receiver but answers 503 to
// every other request, as if the 2xx had been lost on the way back. The sandbox retries those
// pushes (the same event again); the receiver takes each as a duplicate, and the handler still
// sees every order version once.

#include "sandbox_fixture.hpp"

#include <beezup/push_dispatcher.hpp>
#include <beezup/push_receiver.hpp>

#include "transport/open_listener.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

namespace fs = std::filesystem;
namespace http = web::http;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(push_duplicates)

BOOST_AUTO_TEST_CASE(retried_pushes_whose_answer_was_lost_reach_the_handler_once) {
    constexpr const char* secret = "duplicates-secret";
    auto options = beezup::testing::sandbox_options(400);
    options.push_secret = secret;
    options.push_retry_base = 100ms;
    options.push_max_retries = 8;
    beezup::sandbox::server sandbox(options);
    beezup::client client(beezup::testing::client_options(sandbox));

    const auto dir = fs::temp_directory_path() / ("beezup-push-dup-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    auto inbox = beezup::make_sqlite_push_inbox((dir / "inbox.db").string());
    beezup::push_receiver_options receiver_options;
    receiver_options.authenticators = {beezup::hmac_signature({secret})};
    beezup::push_receiver receiver(inbox, receiver_options);

    std::atomic<int> requests{0}, answered_503{0};
    auto front = beezup::detail::open_listener("http", "127.0.0.1", 0, {}, [&](http::http_request request) {
        const auto bytes = request.extract_vector().get();
        beezup::push_http_request r{request.method(), request.relative_uri().path(), request.relative_uri().query(), {},
                                    std::string(bytes.begin(), bytes.end()), request.remote_address()};
        for (const auto& [name, value] : request.headers()) r.headers[name] = value;
        const auto answer = receiver.handle(r);  // stored, durable
        const bool verification = r.headers.count("X-BeezUP-Verification") > 0;
        if (!verification && ++requests % 2 == 1) {
            ++answered_503;
            request.reply(http::status_codes::ServiceUnavailable);  // the acknowledgement is "lost"
            return;
        }
        request.reply(static_cast<http::status_code>(answer.status));
    });
    const auto base = front.base_url;

    beezup::subscription_request subscription;
    subscription.id = beezup::new_subscription_id();
    subscription.target_url = base + "/push";
    subscription.name = "duplicates";
    subscription.application_name = "integration";
    client.subscriptions().create(subscription);
    client.subscriptions().activate(subscription.id);

    std::map<std::string, beezup::order_key> changed;
    for (const auto& o : client.orders().all(beezup::testing::last_days(30))) {
        if (changed.size() == 4) break;
        client.orders().set_merchant_info(o.key, {"DUP-" + std::to_string(changed.size()), "integration", "1.0"});
        changed.emplace(o.key.beezup_order_id, o.key);
    }
    std::map<std::string, std::string> current;
    for (const auto& [id, key] : changed) current[id] = client.orders().etag(key);

    std::map<std::string, int> deliveries;  // idempotency key -> handler runs
    std::map<std::string, std::string> last;  // order id -> last ETag handed over
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) {
        ++deliveries[d.idempotency_key];
        last[d.pushed.key.beezup_order_id] = d.pushed.etag;
    });
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    bool complete = false;
    while (!complete && std::chrono::steady_clock::now() < deadline) {
        dispatcher.dispatch_ready();
        complete = true;
        for (const auto& [id, etag] : current) complete &= last[id] == etag;
        if (!complete) std::this_thread::sleep_for(50ms);
    }
    BOOST_TEST(complete);
    // Let the sandbox retry what got a 503 (the same events again), then dispatch once more.
    const auto settled = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < settled) {
        const auto s = client.subscriptions().get(subscription.id);
        if (s.health == beezup::consumer_healths::available && receiver.stats().accepted > static_cast<std::uint64_t>(answered_503))
            break;
        std::this_thread::sleep_for(50ms);
    }
    dispatcher.dispatch_ready();
    BOOST_TEST(answered_503 > 0);  // the sandbox did retry pushes the receiver had stored
    BOOST_TEST(receiver.stats().accepted >= 2u * static_cast<std::uint64_t>(answered_503));  // each stored twice, kept once
    for (const auto& [key, runs] : deliveries) BOOST_TEST(runs == 1, key);
    front.listener->close().wait();
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
