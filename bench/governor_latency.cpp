// What the rate governor adds to a call: the time to take a token when one is available, with the
// bucket in the process, in a lock file, and in Redis (one Lua script per call, on loopback).
//
//   bench_governor_latency [calls=5000]
//   scripts/with_stores.sh sh -c 'BEEZUP_BENCH_REDIS_URL=$BEEZUP_TEST_REDIS_URL build/release/bench/bench_governor_latency'

#include "pipeline/clock.hpp"
#include "pipeline/rate_bucket_store.hpp"
#include "pipeline/rate_governor.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

void measure(const char* name, std::unique_ptr<beezup::detail::rate_bucket_store> store, int calls) {
    beezup::rate_limit_options limit;
    limit.calls_per_minute = 1e9;  // never waits: what is measured is the bucket's own cost
    limit.burst = 1e9;
    beezup::detail::rate_governor governor(limit, std::move(store), std::make_shared<beezup::detail::system_clock>());
    std::vector<double> micros;
    micros.reserve(static_cast<std::size_t>(calls));
    for (int i = 0; i < calls; ++i) {
        const auto start = std::chrono::steady_clock::now();
        governor.acquire(start + std::chrono::seconds(10), {});
        micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(micros.begin(), micros.end());
    std::printf("  %-28s p50 %8.1f us   p99 %8.1f us\n", name, micros[micros.size() / 2], micros[micros.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
    const int calls = argc > 1 ? std::atoi(argv[1]) : 5000;
    std::printf("rate governor: time to take an available token, %d calls\n", calls);
    measure("in the process", beezup::detail::make_in_process_bucket_store(), calls);
    const auto file = std::filesystem::temp_directory_path() / ("beezup-governor-bench-" + std::to_string(::getpid()));
    measure("lock file (one machine)", beezup::detail::make_lock_file_bucket_store(file.string()), calls);
    std::filesystem::remove(file);
    if (const char* url = std::getenv("BEEZUP_BENCH_REDIS_URL"))
        measure("Redis (a fleet)", beezup::detail::make_redis_bucket_store(url, "bench-key", [](const std::string& line) {
                    std::fprintf(stderr, "%s\n", line.c_str());
                }), calls);
    else
        std::printf("  (BEEZUP_BENCH_REDIS_URL unset: no Redis figure; scripts/with_stores.sh provides a server)\n");
    return 0;
}
