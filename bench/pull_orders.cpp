// Pulls every order of the last DAYS days through the C++ SDK and prints the orders read and the
// CPU time this process used: the C++ figure of bench/python_pull_orders.py.
//
//   bench_pull_orders BASE_URL API_KEY DAYS [gzip|identity]   -> "orders 20000 cpu_seconds 0.41"

#include <beezup/beezup.hpp>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr, "usage: %s BASE_URL API_KEY DAYS [gzip|identity]\n", argv[0]);
        return 2;
    }
    beezup::client_options options;
    options.base_url = argv[1];
    options.api_key = argv[2];
    options.rate_limit.enabled = false;
    options.accept_compressed = argc < 5 || std::string(argv[4]) != "identity";
    beezup::client client(options);
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(std::stoi(argv[3]));
    const double before = cpu_seconds();
    std::size_t orders = 0;
    for (const auto& o : client.orders().all(filter)) orders += o.key.beezup_order_id.empty() ? 0 : 1;
    std::printf("orders %zu cpu_seconds %.3f\n", orders, cpu_seconds() - before);
    return 0;
}
