// A process that calls the API as fast as its rate governor lets it, for the fleet tests: the
// governor's bucket is in Redis (REDIS_URL), shared with every process that uses API_KEY.
// Prints "calling" once started, then "calls N failures M" after SECONDS, and exits 0 when no
// call failed.
//
//   governed_caller_child REDIS_URL BASE_URL API_KEY SECONDS CALLS_PER_MINUTE BURST

#include <beezup/beezup.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 7) {
        std::cerr << "usage: governed_caller_child REDIS_URL BASE_URL API_KEY SECONDS CALLS_PER_MINUTE BURST\n";
        return 2;
    }
    beezup::client_options options;
    options.rate_limit.shared_store_url = argv[1];
    options.base_url = argv[2];
    options.api_key = argv[3];
    options.rate_limit.calls_per_minute = std::stod(argv[5]);
    options.rate_limit.burst = std::stod(argv[6]);
    options.retry.max_attempts = 1;
    options.logger = [](beezup::log_level, std::string_view line) { std::cerr << line << "\n"; };
    options.min_log_level = beezup::log_level::warning;
    beezup::client client(options);
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::hours(24);
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(std::stoi(argv[4]));
    std::cout << "calling" << std::endl;
    int calls = 0, failures = 0;
    while (std::chrono::steady_clock::now() < end) {
        try {
            client.orders().list_headers_page(filter, 1, 25, beezup::call_context::with_timeout(end - std::chrono::steady_clock::now()));
            ++calls;
        } catch (const beezup::transport_error& e) {
            // The governor refusing a call that could not start before the run's end is not a failure.
            if (e.failure() != beezup::transport_failure::timeout) ++failures;
        } catch (const std::exception& e) {
            std::cerr << e.what() << "\n";
            ++failures;
        }
    }
    std::cout << "calls " << calls << " failures " << failures << std::endl;
    return failures == 0 ? 0 : 1;
}
