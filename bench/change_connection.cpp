// What a connection of its own costs a request that is not idempotent (a change): the SDK's
// transport sends the same POST on pooled keep-alive connections and on fresh ones, against a
// loopback listener, and prints the time per request of each.
//
//   bench_change_connection [requests=2000]

#include "transport/default_transport.hpp"

#include <cpprest/http_listener.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

double microseconds_per_request(beezup::http_transport& transport, const std::string& url, bool idempotent, int requests) {
    beezup::http_request request;
    request.method = beezup::http_method::post;
    request.url = url;
    request.body = R"({"order_Shipping_CarrierName":"DHL","order_Shipping_ShipperTrackingNumber":"JD0002233445566"})";
    request.headers["Content-Type"] = "application/json";
    request.idempotent = idempotent;
    transport.send(request, {});  // warm-up: the pool holds a connection
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i)
        if (transport.send(request, {}).status != 202) std::abort();
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / requests;
}

}  // namespace

int main(int argc, char** argv) {
    const int requests = argc > 1 ? std::atoi(argv[1]) : 2000;
    // cpprest's listener cannot pick a free port itself: a fixed one, or BENCH_PORT.
    const std::string port = std::getenv("BENCH_PORT") ? std::getenv("BENCH_PORT") : "38417";
    const std::string base = "http://127.0.0.1:" + port;
    web::http::experimental::listener::http_listener server(base);
    server.support(web::http::methods::POST, [](web::http::http_request r) { r.reply(202); });
    server.open().wait();

    beezup::client_options options;
    auto transport = beezup::detail::make_default_transport(options);
    const auto pooled = microseconds_per_request(*transport, base + "/orders/v3/Amazon/1/o/ShipOrder", true, requests);
    const auto fresh = microseconds_per_request(*transport, base + "/orders/v3/Amazon/1/o/ShipOrder", false, requests);
    std::printf("POST on a pooled keep-alive connection: %8.1f us per request\n", pooled);
    std::printf("POST on a connection of its own:        %8.1f us per request (+%.1f us, x%.2f)\n", fresh, fresh - pooled,
                fresh / pooled);
    std::printf("(loopback, plain HTTP: over the Internet a new connection adds the TCP and TLS handshakes,\n"
                " about 2-3 round trips, to each change; changes are a small share of the calls)\n");
    server.close().wait();
    return 0;
}
