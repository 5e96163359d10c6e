// list/full pages of 100 orders per second served by the sandbox (rate limit off), with and
// without gzip, and pages per CPU-second of this whole process (client included, so the
// sandbox alone does better).
//
//   bench_sandbox_list_pages [pages=400] [orders=5000]

#include <beezup/sandbox/server.hpp>

#include <cpprest/http_client.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace http = web::http;

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::string iso(std::chrono::system_clock::time_point t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    const int pages = argc > 1 ? std::atoi(argv[1]) : 400;
    beezup::sandbox::server_options options;
    options.orders = argc > 2 ? static_cast<std::size_t>(std::atoll(argv[2])) : 5000;
    options.rate_limit_per_minute = 0;
    options.api_key = "bench";
    beezup::sandbox::server sandbox(options);

    const auto end = sandbox.now() - std::chrono::seconds(1);
    // The first four pages of the last 30 days in turn (5,000 orders a year fill about four).
    auto body = [&](int page) {
        return R"({"beginPeriodUtcDate":")" + iso(end - std::chrono::days(30)) + R"(","endPeriodUtcDate":")" + iso(end) +
               R"(","pageNumber":)" + std::to_string(1 + page % 4) + R"(,"pageSize":100,"dateSearchType":"Purchase"})";
    };
    http::client::http_client client(sandbox.base_url());
    std::printf("sandbox list/full, %zu orders, pages of 100, 1 client thread\n", options.orders);
    for (const bool gzip : {false, true}) {
        std::size_t bytes = 0;
        const auto cpu_start = cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < pages; ++i) {
            http::http_request request(http::methods::POST);
            request.set_request_uri("/orders/v3/list/full");
            request.headers().add("Ocp-Apim-Subscription-Key", "bench");
            if (gzip) request.headers().add("Accept-Encoding", "gzip");
            request.set_body(body(i), "application/json");
            auto response = client.request(request).get();
            if (response.status_code() != 200) {
                std::fprintf(stderr, "unexpected status %d\n", response.status_code());
                return 1;
            }
            bytes += response.extract_vector().get().size();
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const double cpu = cpu_seconds() - cpu_start;
        std::printf("  %-8s %7.0f pages/s  %7.0f pages per CPU-second  %6.0f KB/page  (target >= 200 pages/s)\n",
                    gzip ? "gzip" : "identity", pages / wall, pages / cpu, bytes / 1024.0 / pages);
    }
    return 0;
}
