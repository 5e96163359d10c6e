// The cpprest transport and the whole client against real sockets on 127.0.0.1.

#include "loopback.hpp"
#include "common/gzip.hpp"
#include "pipeline/decompress.hpp"

#include <beezup/client.hpp>

#include <cpprest/http_listener.h>

#include <boost/asio/ssl.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

using namespace std::chrono_literals;
using beezup::testing::free_loopback_port;
using beezup::testing::raw_server;
namespace http = web::http;

namespace {

beezup::client_options options_for(const std::string& base_url) {
    beezup::client_options o;
    o.base_url = base_url;
    o.api_key = "integration-key";
    o.rate_limit.enabled = false;
    o.retry.max_attempts = 1;
    return o;
}

beezup::transport_failure failure_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const beezup::transport_error& e) {
        return e.failure();
    }
    BOOST_FAIL("no transport_error");
    return beezup::transport_failure::protocol;
}

const std::string lov_body = R"({"items":[{"codeIdentifier":"DHL","intIdentifier":1}]})";

/// A cpprest listener answering every GET with `handler`.
struct listener {
    explicit listener(std::function<void(http::http_request)> handler, const std::string& scheme = "http",
                      web::http::experimental::listener::http_listener_config config = {}) {
        const int port = free_loopback_port();
        const std::string host = scheme == "https" ? "localhost" : "127.0.0.1";
        url = scheme + "://" + host + ":" + std::to_string(port);
        server = std::make_unique<web::http::experimental::listener::http_listener>(url, config);
        server->support(http::methods::GET, std::move(handler));
        server->open().wait();
    }
    ~listener() { server->close().wait(); }
    std::string url;
    std::unique_ptr<web::http::experimental::listener::http_listener> server;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(transport)

BOOST_AUTO_TEST_CASE(round_trip_with_gzip_and_keep_alive) {
    std::atomic<int> calls{0};
    std::string seen_key, seen_encoding;
    listener l([&](http::http_request request) {
        ++calls;
        seen_key = request.headers()["Ocp-Apim-Subscription-Key"];
        seen_encoding = request.headers()["Accept-Encoding"];
        http::http_response response(http::status_codes::OK);
        const auto zipped = beezup::common::gzip_compress(lov_body);
        response.set_body(std::vector<unsigned char>(zipped.begin(), zipped.end()));
        response.headers()["Content-Encoding"] = "gzip";
        response.headers()["Content-Type"] = "application/json";
        request.reply(response).wait();
    });
    beezup::client c(options_for(l.url));
    for (int i = 0; i < 3; ++i) {
        const auto lov = c.get_list_of_values("Carriers");
        BOOST_REQUIRE_EQUAL(lov.items.size(), 1u);
        BOOST_TEST(lov.items[0].code_identifier == "DHL");
    }
    BOOST_TEST(calls == 3);
    BOOST_TEST(seen_key == "integration-key");
    BOOST_TEST(seen_encoding == "gzip, deflate");
}

BOOST_AUTO_TEST_CASE(connections_are_reused) {
    raw_server server([](int fd) {
        // Serve requests on this connection until the client closes it.
        for (;;) {
            const auto head = beezup::testing::read_request_head(fd);
            if (head.empty()) return;
            beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                              std::to_string(lov_body.size()) + "\r\n\r\n" + lov_body);
        }
    });
    beezup::client c(options_for(server.url()));
    for (int i = 0; i < 20; ++i) c.get_list_of_values("Carriers");
    // cpprest hands a connection back to its pool just after the body is read, so a request
    // that follows at once may open a second one; without keep-alive there would be 20.
    BOOST_TEST(server.connections() <= 3);
}

BOOST_AUTO_TEST_CASE(silent_server_times_out) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        char b;
        ::recv(fd, &b, 1, 0);  // hold the connection open and say nothing
    });
    auto o = options_for(server.url());
    o.request_timeout = 300ms;
    beezup::client c(o);
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::timeout));
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((took >= 250ms && took < 5s));
}

BOOST_AUTO_TEST_CASE(operation_deadline_bounds_retries) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        char b;
        ::recv(fd, &b, 1, 0);
    });
    auto o = options_for(server.url());
    o.retry.max_attempts = 10;
    o.retry.base_delay = 10ms;
    o.request_timeout = 200ms;
    beezup::client c(o);
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X", "", beezup::lov_scope::user,
                                                     beezup::call_context::with_timeout(700ms)); }) ==
                beezup::transport_failure::timeout));
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((took < 2s));
    BOOST_TEST(server.connections() >= 2);  // it did retry, within the deadline
}

BOOST_AUTO_TEST_CASE(dropped_connection_is_a_transport_error) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        // Close without answering.
    });
    beezup::client c(options_for(server.url()));
    const auto failure = failure_of([&] { c.get_list_of_values("X"); });
    BOOST_TEST((failure == beezup::transport_failure::connection || failure == beezup::transport_failure::protocol));
}

BOOST_AUTO_TEST_CASE(truncated_body_is_a_transport_error) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"items\":[");
    });
    beezup::client c(options_for(server.url()));
    BOOST_CHECK_THROW(c.get_list_of_values("X"), beezup::transport_error);
}

BOOST_AUTO_TEST_CASE(refused_connection_is_a_connect_error) {
    const int port = free_loopback_port();  // nobody listens there
    beezup::client c(options_for("http://127.0.0.1:" + std::to_string(port)));
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::connect));
}

BOOST_AUTO_TEST_CASE(oversized_body_is_refused) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        const std::string big(200000, ' ');
        beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 10; ++i) {
            char size[32];
            std::snprintf(size, sizeof size, "%zx\r\n", big.size());
            beezup::testing::send_all(fd, size + big + "\r\n");
        }
        beezup::testing::send_all(fd, "0\r\n\r\n");
    });
    auto o = options_for(server.url());
    o.max_response_body_bytes = 100000;
    beezup::client c(o);
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::protocol));
}

BOOST_AUTO_TEST_CASE(cancellation_stops_a_request_in_flight) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        char b;
        ::recv(fd, &b, 1, 0);
    });
    beezup::client c(options_for(server.url()));
    beezup::cancellation_source source;
    std::thread canceller([&] {
        std::this_thread::sleep_for(100ms);
        source.request_stop();
    });
    beezup::call_context context;
    context.cancellation = source.get_token();
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X", "", beezup::lov_scope::user, context); }) ==
                beezup::transport_failure::cancelled));
    canceller.join();
    BOOST_TEST((std::chrono::steady_clock::now() - start < 5s));
}

BOOST_AUTO_TEST_CASE(requests_go_through_the_configured_proxy) {
    std::string request_line;
    raw_server proxy([&](int fd) {
        const auto head = beezup::testing::read_request_head(fd);
        request_line = head.substr(0, head.find("\r\n"));
        beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                          std::to_string(lov_body.size()) + "\r\nConnection: close\r\n\r\n" + lov_body);
    });
    auto o = options_for("http://api.beezup.invalid");
    o.proxy_url = proxy.url();
    beezup::client c(o);
    BOOST_TEST(c.get_list_of_values("Carriers").items.size() == 1u);
    // A proxied request names the absolute URL of the origin.
    BOOST_TEST(request_line == "GET http://api.beezup.invalid/v2/user/lov/Carriers HTTP/1.1");
}

BOOST_AUTO_TEST_CASE(self_signed_certificate_rejected_unless_trusted) {
    web::http::experimental::listener::http_listener_config config;
    config.set_ssl_context_callback([](boost::asio::ssl::context& context) {
        context.use_certificate_chain_file(BEEZUP_TEST_CERT);
        context.use_private_key_file(BEEZUP_TEST_KEY, boost::asio::ssl::context::pem);
    });
    listener l(
        [](http::http_request request) {
            http::http_response response(http::status_codes::OK);
            response.set_body(lov_body, "application/json");
            request.reply(response).wait();
        },
        "https", config);

    {
        beezup::client strict(options_for(l.url));
        BOOST_TEST((failure_of([&] { strict.get_list_of_values("X"); }) == beezup::transport_failure::tls));
    }
    {
        auto o = options_for(l.url);
        o.tls.ca_file = BEEZUP_TEST_CERT;
        beezup::client trusting(o);
        BOOST_TEST(trusting.get_list_of_values("X").items.size() == 1u);
    }
    {
        // The CA is trusted but the host name does not match the certificate.
        auto o = options_for(l.url);
        o.tls.ca_file = BEEZUP_TEST_CERT;
        o.base_url = "https://127.0.0.2:" + l.url.substr(l.url.rfind(':') + 1);
        beezup::client wrong_host(o);
        BOOST_CHECK_THROW(wrong_host.get_list_of_values("X"), beezup::transport_error);
    }
}

BOOST_AUTO_TEST_SUITE_END()
