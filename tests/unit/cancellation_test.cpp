#include <beezup/cancellation.hpp>

#include "pipeline/clock.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(cancellation)

BOOST_AUTO_TEST_CASE(callbacks_run_once_and_unregister) {
    beezup::cancellation_source source;
    auto token = source.token();
    int fired = 0, unregistered = 0;
    auto keep = token.on_cancel([&] { ++fired; });
    { auto dropped = token.on_cancel([&] { ++unregistered; }); }
    BOOST_TEST(!token.is_cancelled());
    source.cancel();
    source.cancel();
    BOOST_TEST(token.is_cancelled());
    BOOST_TEST(fired == 1);
    BOOST_TEST(unregistered == 0);
    int late = 0;
    token.on_cancel([&] { ++late; });
    BOOST_TEST(late == 1);  // registering after the fact runs at once
    BOOST_TEST(!beezup::cancellation_token{}.is_cancelled());
}

BOOST_AUTO_TEST_CASE(sleep_wakes_on_cancel) {
    beezup::detail::system_clock clock;
    beezup::cancellation_source source;
    std::thread t([&] {
        std::this_thread::sleep_for(30ms);
        source.cancel();
    });
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(!clock.sleep_until(start + 1h, source.token()));
    t.join();
    BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
    BOOST_TEST(clock.sleep_until(std::chrono::steady_clock::now() + 1ms, {}));
}

BOOST_AUTO_TEST_SUITE_END()
