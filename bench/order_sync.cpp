// Figures for pulling orders:
//  1. API calls of a full sync of N orders over D days, next to the ideal (one call per started
//     page of 100 in each 30-day window);
//  2. resident memory growth while iterating 1,000,000 orders (pages served from memory);
//  3. a sync under the sandbox's 100 calls/minute limit, next to the time that limit allows.
//
//   bench_order_sync [orders=5000] [iterate=1000000] [limited_orders=3000]

#include <beezup/beezup.hpp>
#include <beezup/sandbox/server.hpp>

#include "transport/default_transport.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace {

long resident_kib() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4;
}

beezup::order_filter last_days(int days) {
    beezup::order_filter f;
    f.begin = std::chrono::system_clock::now() - std::chrono::days(days);
    return f;
}

std::size_t ideal_calls(beezup::client& c, beezup::order_filter filter) {
    std::size_t ideal = 0;
    const auto end = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::seconds(2);
    for (auto begin = std::chrono::floor<std::chrono::seconds>(filter.begin); begin < end; begin += std::chrono::days(30)) {
        filter.begin = begin;
        filter.end = std::min<beezup::utc_time>(begin + std::chrono::days(30), end);
        const auto total = c.orders().list_headers_page(filter, 1, 100).paging.total_entry_count;
        ideal += static_cast<std::size_t>(std::max<std::int64_t>(1, (total + 99) / 100));
    }
    return ideal;
}

/// Serves list/full pages of 100 orders from memory, every page with new order ids.
class page_server final : public beezup::http_transport {
public:
    page_server(std::string page, std::int64_t pages) : template_(std::move(page)), pages_(pages) {}
    beezup::http_response send(const beezup::http_request& request, const beezup::cancellation_token&) override {
        const auto at = request.body.find("\"pageNumber\":");
        const long number = std::atol(request.body.c_str() + at + 13);
        std::string body = template_;
        const std::string marker = "PAGE-NUMBER";
        const auto tag = std::to_string(number) + std::string(11 - std::to_string(number).size(), 'x');
        for (auto pos = body.find(marker); pos != std::string::npos; pos = body.find(marker, pos)) body.replace(pos, marker.size(), tag);
        const std::string count = "\"pageCount\":";
        if (auto p = body.find(count); p != std::string::npos) {
            const auto digits = body.find_first_not_of("0123456789", p + count.size());
            body.replace(p + count.size(), digits - p - count.size(), std::to_string(pages_));
        }
        return {200, "OK", {{"Content-Type", "application/json"}}, std::move(body)};
    }

private:
    std::string template_;
    std::int64_t pages_;
};

/// An in-process sandbox and a client of it.
struct sandbox_and_client {
    sandbox_and_client(std::size_t orders, double rate_limit_per_minute, bool client_rate_limit)
        : sandbox([&] {
              beezup::sandbox::server_options so;
              so.orders = orders;
              so.api_key = "bench";
              so.rate_limit_per_minute = rate_limit_per_minute;
              return so;
          }()),
          options([&] {
              beezup::client_options co;
              co.base_url = sandbox.base_url();
              co.api_key = "bench";
              co.rate_limit.enabled = client_rate_limit;  // default governor: 100 calls/minute, burst 10
              return co;
          }()),
          client(options) {}
    beezup::sandbox::server sandbox;
    beezup::client_options options;
    beezup::client client;
};

}  // namespace

int main(int argc, char** argv) {
    const std::size_t orders = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 5000;
    const std::size_t iterate = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
    const std::size_t limited_orders = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 3000;

    // 1. Calls of a full sync against the ideal.
    {
        sandbox_and_client env(orders, 0, false);
        auto& client = env.client;
        auto range = client.orders().all(last_days(365));
        std::size_t n = 0;
        const auto start = std::chrono::steady_clock::now();
        for (const auto& o : range) n += o.items.empty() ? 0 : 1;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("full sync of %zu orders over 365 days: %zu calls, ideal %zu (%.2f s, %.0f orders/s end to end)\n", n,
                    range.calls(), ideal_calls(client, last_days(365)), seconds, n / seconds);

    }

    // 2. Memory while iterating many orders.
    {
        sandbox_and_client env(4000, 0, false);
        auto co = env.options;
        co.accept_compressed = false;  // the captured page is served again as it is
        // Fetch one raw page of 100 and make its ids page-specific.
        std::string page_body;
        {
            struct capture final : beezup::http_transport {
                std::shared_ptr<beezup::http_transport> inner;
                std::string* body;
                beezup::http_response send(const beezup::http_request& r, const beezup::cancellation_token& t) override {
                    auto response = inner->send(r, t);
                    *body = response.body;
                    return response;
                }
            };
            auto t = std::make_shared<capture>();
            t->inner = beezup::detail::make_default_transport(co);
            t->body = &page_body;
            beezup::client c(co, t);
            c.orders().list_page(last_days(30), 1, 100);
        }
        // Ids are uuids: give each page its own by rewriting their first 11 characters.
        std::string marked;
        for (std::size_t pos = 0;;) {
            const auto key = page_body.find("\"beezUPOrderId\":\"", pos);
            if (key == std::string::npos) {
                marked += page_body.substr(pos);
                break;
            }
            const auto value = key + 17;
            marked += page_body.substr(pos, value - pos) + "PAGE-NUMBER";
            pos = value + 11;
        }
        const auto pages = static_cast<std::int64_t>((iterate + 99) / 100);
        beezup::client_options local = co;
        local.base_url = "http://memory.invalid";
        beezup::client client(local, std::make_shared<page_server>(marked, pages));
        beezup::order_filter f;
        f.begin = std::chrono::system_clock::now() - std::chrono::days(29);
        auto range = client.orders().all(f);
        const long before = resident_kib();
        long peak = before;
        std::size_t n = 0;
        const auto start = std::chrono::steady_clock::now();
        for (const auto& o : range) {
            (void)o;
            if (++n % 10'000 == 0) peak = std::max(peak, resident_kib());
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("iterating %zu orders: resident memory growth %.1f MB (target < 50 MB), %.0f orders/s decoded\n", n,
                    (peak - before) / 1024.0, n / seconds);
    }

    // 3. Under the 100 calls/minute limit.
    {
        sandbox_and_client env(limited_orders, 100, true);
        auto& client = env.client;
        auto range = client.orders().all(last_days(365));
        const auto start = std::chrono::steady_clock::now();
        std::size_t n = 0;
        for (const auto& o : range) n += o.key.beezup_order_id.empty() ? 0 : 1;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto calls = range.calls();
        const double allowed = calls > 10 ? (calls - 10) * 0.6 : 0.0;  // burst of 10, then one call per 0.6 s
        std::printf("sync of %zu orders at 100 calls/minute: %zu calls in %.1f s; the limit allows %.1f s (%+.1f %%, target <= +5 %%)\n",
                    n, calls, seconds, allowed, allowed > 0 ? 100.0 * (seconds - allowed) / allowed : 0.0);
    }
    return 0;
}
