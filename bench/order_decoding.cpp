// Full orders decoded per second on one core, for pages of 100 orders served by the in-process
// sandbox (list/full): our decoder (SAX, straight into the models) against a bare Boost.JSON DOM
// parse of the same bytes (default allocator and monotonic_resource), and basic_parser with an
// empty handler (the floor of any SAX decoder). DESIGN decision 11; target >= 50,000 orders/s.
//
//   bench_order_decoding [seconds per measure=2] [sandbox orders=20000]
//   bench_order_decoding --file page.json [seconds]   (a saved list/full page instead)
//   BENCH_ONLY_OURS=1 bench_order_decoding ...         (our decoder only, for perf record)

#include "json/order_json.hpp"

#include <beezup/sandbox/server.hpp>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <cpprest/http_client.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace http = web::http;
namespace bj = boost::json;

namespace {

std::string iso(std::chrono::system_clock::time_point t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    char b[32];
    std::snprintf(b, sizeof b, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
    return b;
}

// Pages of 100 full orders from an in-process sandbox.
std::vector<std::string> sandbox_pages(std::size_t orders) {
    beezup::sandbox::server_options options;
    options.orders = orders;
    options.rate_limit_per_minute = 0;
    options.api_key = "bench";
    beezup::sandbox::server sandbox(options);
    http::client::http_client client(sandbox.base_url());
    const auto end = sandbox.now() - std::chrono::minutes(1);
    std::vector<std::string> pages;
    for (int number = 1; number <= 50; ++number) {
        const std::string body = R"({"beginPeriodUtcDate":")" + iso(end - std::chrono::days(30)) +
                                 R"(","endPeriodUtcDate":")" + iso(end) + R"(","pageNumber":)" +
                                 std::to_string(number) + R"(,"pageSize":100,"dateSearchType":"Purchase"})";
        http::http_request request(http::methods::POST);
        request.set_request_uri("/orders/v3/list/full");
        request.headers().add("Ocp-Apim-Subscription-Key", "bench");
        request.set_body(body, "application/json");
        auto response = client.request(request).get();
        if (response.status_code() != 200) {
            std::fprintf(stderr, "unexpected status %d\n", response.status_code());
            std::exit(1);
        }
        const auto bytes = response.extract_vector().get();
        std::string page(bytes.begin(), bytes.end());
        if (beezup::detail::json::decode_order_list_full(page).orders.size() != 100) break;  // the last, partial page
        pages.push_back(std::move(page));
    }
    return pages;
}

// basic_parser's floor: a handler that does nothing.
struct null_handler {
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);
    bool on_document_begin(bj::error_code&) { return true; }
    bool on_document_end(bj::error_code&) { return true; }
    bool on_object_begin(bj::error_code&) { return true; }
    bool on_object_end(std::size_t, bj::error_code&) { return true; }
    bool on_array_begin(bj::error_code&) { return true; }
    bool on_array_end(std::size_t, bj::error_code&) { return true; }
    bool on_key_part(bj::string_view, std::size_t, bj::error_code&) { return true; }
    bool on_key(bj::string_view, std::size_t, bj::error_code&) { return true; }
    bool on_string_part(bj::string_view, std::size_t, bj::error_code&) { return true; }
    bool on_string(bj::string_view, std::size_t, bj::error_code&) { return true; }
    bool on_number_part(bj::string_view, bj::error_code&) { return true; }
    bool on_int64(std::int64_t, bj::string_view, bj::error_code&) { return true; }
    bool on_uint64(std::uint64_t, bj::string_view, bj::error_code&) { return true; }
    bool on_double(double, bj::string_view, bj::error_code&) { return true; }
    bool on_bool(bool, bj::error_code&) { return true; }
    bool on_null(bj::error_code&) { return true; }
    bool on_comment_part(bj::string_view, bj::error_code&) { return true; }
    bool on_comment(bj::string_view, bj::error_code&) { return true; }
};

volatile std::size_t sink = 0;  // keeps results alive

// Orders per second of `decode` (which returns the orders it decoded) over the pages, for about
// `seconds`; the best of three runs.
double measure(const std::vector<std::string>& pages, double seconds, const std::function<std::size_t(const std::string&)>& decode) {
    double best = 0;
    for (int run = 0; run < 3; ++run) {
        std::size_t orders = 0;
        const auto start = std::chrono::steady_clock::now();
        double elapsed = 0;
        do {
            for (const auto& page : pages) orders += decode(page);
            elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        } while (elapsed < seconds / 3);
        best = std::max(best, orders / elapsed);
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> pages;
    double seconds = 2;
    std::size_t orders_per_page = 100;
    if (argc > 2 && std::string(argv[1]) == "--file") {
        std::ifstream in(argv[2], std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        pages.push_back(s.str());
        orders_per_page = beezup::detail::json::decode_order_list_full(pages[0]).orders.size();
        if (argc > 3) seconds = std::atof(argv[3]);
    } else {
        if (argc > 1) seconds = std::atof(argv[1]);
        pages = sandbox_pages(argc > 2 ? static_cast<std::size_t>(std::atoll(argv[2])) : 20000);
    }
    if (pages.empty() || orders_per_page == 0) {
        std::fprintf(stderr, "no page of orders to decode\n");
        return 1;
    }
    std::size_t bytes = 0;
    for (const auto& p : pages) bytes += p.size();
    std::printf("list/full decoding, %zu distinct pages of %zu orders, %.1f KB per order, 1 thread\n", pages.size(),
                orders_per_page, bytes / 1024.0 / pages.size() / orders_per_page);

    const double ours = measure(pages, seconds, [](const std::string& page) {
        const auto decoded = beezup::detail::json::decode_order_list_full(page);
        sink = sink + decoded.orders.size();
        return decoded.orders.size();
    });
    if (std::getenv("BENCH_ONLY_OURS")) {
        std::printf("  beezup decode_order_list_full (SAX -> models)  %8.0f orders/s\n", ours);
        return 0;
    }
    const double dom = measure(pages, seconds, [&](const std::string& page) {
        const auto value = bj::parse(page);
        sink = sink + value.as_object().size();
        return orders_per_page;
    });
    const double dom_monotonic = measure(pages, seconds, [&](const std::string& page) {
        bj::monotonic_resource resource;
        const auto value = bj::parse(page, &resource);
        sink = sink + value.as_object().size();
        return orders_per_page;
    });
    const double null_sax = measure(pages, seconds, [&](const std::string& page) {
        bj::basic_parser<null_handler> parser{bj::parse_options{}};
        bj::error_code ec;
        parser.write_some(false, page.data(), page.size(), ec);
        if (ec) std::abort();
        return orders_per_page;
    });

    std::printf("  %-44s %9.0f orders/s  (target >= 50,000)\n", "beezup decode_order_list_full (SAX -> models)", ours);
    std::printf("  %-44s %9.0f orders/s\n", "boost::json::parse (DOM only)", dom);
    std::printf("  %-44s %9.0f orders/s\n", "boost::json::parse + monotonic_resource", dom_monotonic);
    std::printf("  %-44s %9.0f orders/s\n", "basic_parser, empty handler", null_sax);
    std::printf("  ratio ours / parse: %.2f   ours / parse+monotonic: %.2f   ours / empty SAX: %.2f\n", ours / dom,
                ours / dom_monotonic, ours / null_sax);
    return 0;
}
