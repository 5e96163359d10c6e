#include "fake_transport.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/rate_governor.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

using namespace std::chrono_literals;
using beezup::testing::fake_clock;
using beezup::testing::fake_transport;
using beezup::detail::rate_governor;

namespace {

beezup::rate_limit_options per_minute(double calls, double burst) {
    beezup::rate_limit_options o;
    o.calls_per_minute = calls;
    o.burst = burst;
    return o;
}

std::chrono::steady_clock::time_point far(const fake_clock& c) { return c.now() + 24h; }

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_governor_suite)

BOOST_AUTO_TEST_CASE(burst_then_one_call_per_interval) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(100, 3), beezup::detail::make_in_process_bucket_store(), clock);
    const auto start = clock->now();
    for (int i = 0; i < 3; ++i) g.acquire(far(*clock), {});
    BOOST_TEST((clock->now() == start));  // the burst is free
    g.acquire(far(*clock), {});
    BOOST_TEST(std::chrono::duration<double>(clock->now() - start).count() == 0.6, boost::test_tools::tolerance(1e-6));
    for (int i = 0; i < 100; ++i) g.acquire(far(*clock), {});
    // 104 calls: 3 free, then 101 at 0.6 s intervals.
    BOOST_TEST(std::chrono::duration<double>(clock->now() - start).count() == 60.6, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(idle_time_refills_up_to_burst_only) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(60, 2), beezup::detail::make_in_process_bucket_store(), clock);
    g.acquire(far(*clock), {});
    g.acquire(far(*clock), {});
    clock->advance(1h);
    const auto start = clock->now();
    g.acquire(far(*clock), {});
    g.acquire(far(*clock), {});
    BOOST_TEST((clock->now() == start));
    g.acquire(far(*clock), {});
    BOOST_TEST((clock->now() - start == 1s));
}

BOOST_AUTO_TEST_CASE(refuses_when_no_token_before_deadline) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(6, 1), beezup::detail::make_in_process_bucket_store(), clock);
    g.acquire(far(*clock), {});
    try {
        g.acquire(clock->now() + 5s, {});  // the next token comes in 10 s
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::timeout));
    }
    BOOST_TEST(clock->sleeps().empty());  // it did not sleep in vain
    g.acquire(clock->now() + 11s, {});     // and the refusal took no token
    BOOST_TEST((clock->sleeps().at(0) == 10s));
}

BOOST_AUTO_TEST_CASE(pause_blocks_every_caller) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(100, 10), beezup::detail::make_in_process_bucket_store(), clock);
    g.pause_for(30s);
    BOOST_TEST((g.current_wait() == 30s));
    g.acquire(far(*clock), {});
    BOOST_TEST((clock->sleeps().at(0) == 30s));
}

BOOST_AUTO_TEST_CASE(server_throttling_slows_the_pipeline) {
    auto clock = std::make_shared<fake_clock>();
    auto transport = std::make_shared<fake_transport>();
    beezup::client_options o;
    o.rate_limit = per_minute(100, 10);
    o.retry.max_attempts = 1;
    beezup::detail::pipeline p(o, transport, clock, [] { return 0.5; });
    transport->push(429, "", {{"Retry-After", "20"}});
    transport->push(200);
    beezup::detail::api_request r;
    r.path = "/x";
    BOOST_CHECK_THROW(p.send(r, {}), beezup::too_many_requests_error);
    const auto before = clock->now();
    p.send(r, {});  // a different call: it waits for the pause too
    BOOST_TEST((clock->now() - before == 20s));
}

BOOST_AUTO_TEST_CASE(cancellation_interrupts_the_wait) {
    beezup::rate_limit_options o = per_minute(1, 1);
    auto clock = std::make_shared<beezup::detail::system_clock>();
    rate_governor g(o, beezup::detail::make_in_process_bucket_store(), clock);
    g.acquire(std::chrono::steady_clock::now() + 1h, {});
    beezup::cancellation_source source;
    std::thread canceller([&] {
        std::this_thread::sleep_for(50ms);
        source.request_stop();
    });
    const auto start = std::chrono::steady_clock::now();
    try {
        g.acquire(std::chrono::steady_clock::now() + 1h, source.get_token());
        BOOST_FAIL("no exception");
    } catch (const beezup::transport_error& e) {
        BOOST_TEST((e.failure() == beezup::transport_failure::cancelled));
    }
    canceller.join();
    BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
}

BOOST_AUTO_TEST_CASE(lock_file_bucket_is_shared_between_instances) {
    const auto path = std::filesystem::temp_directory_path() / ("beezup-rate-" + std::to_string(::getpid()));
    std::filesystem::remove(path);
    auto clock = std::make_shared<fake_clock>();
    // Two governors over the same file stand for two processes.
    rate_governor a(per_minute(60, 2), beezup::detail::make_lock_file_bucket_store(path.string()), clock);
    rate_governor b(per_minute(60, 2), beezup::detail::make_lock_file_bucket_store(path.string()), clock);
    const auto start = clock->now();
    a.acquire(far(*clock), {});
    b.acquire(far(*clock), {});
    BOOST_TEST((clock->now() == start));
    a.acquire(far(*clock), {});  // the shared bucket is empty: wait 1 s
    BOOST_TEST(std::chrono::duration<double>(clock->now() - start).count() == 1.0, boost::test_tools::tolerance(1e-3));
    b.pause_for(5s);
    BOOST_TEST(std::chrono::duration<double>(a.current_wait()).count() == 5.0, boost::test_tools::tolerance(1e-3));
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(damaged_lock_file_starts_a_fresh_bucket) {
    const auto path = std::filesystem::temp_directory_path() / ("beezup-rate-bad-" + std::to_string(::getpid()));
    {
        std::ofstream out(path);
        out << "1e300 nan 1e300\n";
    }
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(60, 2), beezup::detail::make_lock_file_bucket_store(path.string()), clock);
    g.acquire(far(*clock), {});
    g.acquire(far(*clock), {});
    BOOST_TEST(clock->sleeps().empty());
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(cancelled_wait_gives_its_token_back) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(60, 1), beezup::detail::make_in_process_bucket_store(), clock);
    g.acquire(far(*clock), {});
    const auto before = g.current_wait();
    beezup::cancellation_source source;
    source.request_stop();
    BOOST_CHECK_THROW(g.acquire(far(*clock), source.get_token()), beezup::transport_error);
    BOOST_TEST((g.current_wait() == before));  // the queue did not grow
}

BOOST_AUTO_TEST_CASE(threads_share_one_bucket) {
    auto clock = std::make_shared<fake_clock>();
    rate_governor g(per_minute(600, 5), beezup::detail::make_in_process_bucket_store(), clock);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) g.acquire(far(*clock), {});
        });
    for (auto& t : threads) t.join();
    // 100 calls at 10/s after a burst of 5: each call reserved its own slot, so the last
    // reservation started 9.5 s after the first.
    BOOST_TEST(std::chrono::duration<double>(g.current_wait()).count() > 0.0);
    const auto sleeps = clock->sleeps();
    const auto longest = *std::max_element(sleeps.begin(), sleeps.end());
    BOOST_TEST(std::chrono::duration<double>(longest).count() <= 9.5 + 1e-6);
}

BOOST_AUTO_TEST_CASE(bad_settings_are_rejected) {
    auto clock = std::make_shared<fake_clock>();
    BOOST_CHECK_THROW(rate_governor(per_minute(0, 1), beezup::detail::make_in_process_bucket_store(), clock), beezup::error);
    BOOST_CHECK_THROW(rate_governor(per_minute(10, 0.5), beezup::detail::make_in_process_bucket_store(), clock), beezup::error);
    BOOST_CHECK_THROW(beezup::detail::make_lock_file_bucket_store("/nonexistent-dir/x"), beezup::error);
}

BOOST_AUTO_TEST_SUITE_END()
