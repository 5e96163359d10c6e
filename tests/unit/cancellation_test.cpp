#include <beezup/cancellation.hpp>

#include "pipeline/clock.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(cancellation)

BOOST_AUTO_TEST_CASE(sleep_wakes_on_cancel) {
    beezup::detail::system_clock clock;
    beezup::cancellation_source source;
    std::thread t([&] {
        std::this_thread::sleep_for(30ms);
        source.request_stop();
    });
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(!clock.sleep_until(start + 1h, source.get_token()));
    t.join();
    BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
    BOOST_TEST(clock.sleep_until(std::chrono::steady_clock::now() + 1ms, {}));  // a default token never fires
}

BOOST_AUTO_TEST_CASE(a_sleep_already_cancelled_returns_at_once) {
    beezup::detail::system_clock clock;
    beezup::cancellation_source source;
    source.request_stop();
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(!clock.sleep_until(start + 1h, source.get_token()));
    BOOST_TEST((std::chrono::steady_clock::now() - start < 1s));
}

BOOST_AUTO_TEST_SUITE_END()
