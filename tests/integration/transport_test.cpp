// The HTTP transport and the whole client against real sockets on 127.0.0.1.

#include "loopback.hpp"
#include "common/gzip.hpp"
#include "pipeline/decompress.hpp"

#include <beezup/client.hpp>

#include <cpprest/http_listener.h>

#include <boost/asio/ssl.hpp>
#include <boost/test/unit_test.hpp>

#include <poll.h>

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

/// Cancels a call 100 ms after it starts; it must end as cancelled, promptly.
void expect_cancellation_ends_the_call(beezup::client& c) {
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
    BOOST_TEST((std::chrono::steady_clock::now() - start < 3s));
}

const std::string lov_body = R"({"items":[{"codeIdentifier":"DHL","intIdentifier":1}]})";

/// Connects to 127.0.0.1:`port`; -1 when nobody listens.
int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

/// Copies bytes both ways between `a` and `b` until either side closes.
void relay(int a, int b) {
    pollfd ends[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    char buffer[16384];
    for (;;) {
        if (::poll(ends, 2, 5000) <= 0) return;
        for (int i = 0; i < 2; ++i) {
            if (!(ends[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const auto n = ::recv(ends[i].fd, buffer, sizeof buffer, 0);
            if (n <= 0) return;
            beezup::testing::send_all(ends[1 - i].fd, std::string(buffer, static_cast<std::size_t>(n)));
        }
    }
}

/// A listening socket that never accepts, with its queue full: connecting to it hangs, as with
/// a host that drops packets.
struct unanswering_host {
    unanswering_host() {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listener, 0);
        socklen_t len = sizeof addr;
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
        port = ntohs(addr.sin_port);
        // Fill the accept queue; later SYNs are dropped. Non-blocking, so that none of these hangs.
        for (int i = 0; i < 4; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
            fillers.push_back(fd);
        }
        std::this_thread::sleep_for(50ms);
    }
    ~unanswering_host() {
        for (int fd : fillers) ::close(fd);
        ::close(listener);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    int listener = -1;
    int port = 0;
    std::vector<int> fillers;
};

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
    expect_cancellation_ends_the_call(c);
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

BOOST_AUTO_TEST_CASE(head_responses_have_no_body_and_the_connection_stays_in_step) {
    std::atomic<int> heads{0};
    raw_server server([&](int fd) {
        for (;;) {
            const auto head = beezup::testing::read_request_head(fd);
            if (head.empty()) return;
            ++heads;
            // The length of the body a GET would get, and no body: a reader that waited for it
            // would hang, one that took the next answer for it would read the wrong ETag.
            beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nETag: \"v" + std::to_string(heads.load()) +
                                              "\"\r\nContent-Length: 5000\r\n\r\n");
        }
    });
    beezup::client c(options_for(server.url()));
    const beezup::order_key key{"Amazon", 1, "order-1"};
    BOOST_TEST(c.orders().etag(key) == "\"v1\"");
    BOOST_TEST(c.orders().etag(key) == "\"v2\"");
    BOOST_TEST(server.connections() == 1);
}

BOOST_AUTO_TEST_CASE(a_kept_alive_connection_the_server_closed_while_idle_is_not_used) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                          std::to_string(lov_body.size()) + "\r\n\r\n" + lov_body);
        // Keep-alive was promised, yet the server drops the connection once idle.
        std::this_thread::sleep_for(20ms);
    });
    beezup::client c(options_for(server.url()));  // one attempt: a stale connection would fail
    BOOST_TEST(c.get_list_of_values("Carriers").items.size() == 1u);
    std::this_thread::sleep_for(200ms);
    BOOST_TEST(c.get_list_of_values("Carriers").items.size() == 1u);
    BOOST_TEST(server.connections() == 2);
}

BOOST_AUTO_TEST_CASE(a_connection_not_established_in_time_is_a_connect_failure) {
    unanswering_host host;
    auto o = options_for(host.url());
    o.connect_timeout = 300ms;
    beezup::client c(o);
    const auto start = std::chrono::steady_clock::now();
    // connect, not timeout: nothing was sent, so even a change may be sent again.
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::connect));
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST((took >= 250ms && took < 3s));
}

BOOST_AUTO_TEST_CASE(cancellation_stops_a_connection_being_established) {
    unanswering_host host;
    beezup::client c(options_for(host.url()));
    expect_cancellation_ends_the_call(c);
}

BOOST_AUTO_TEST_CASE(a_body_that_stops_halfway_times_out) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        beezup::testing::send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"items\":[");
        char b;
        ::recv(fd, &b, 1, 0);
    });
    auto o = options_for(server.url());
    o.request_timeout = 300ms;
    beezup::client c(o);
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::timeout));
    BOOST_TEST((std::chrono::steady_clock::now() - start < 3s));
}

BOOST_AUTO_TEST_CASE(interim_answers_before_the_final_one_are_skipped) {
    raw_server server([](int fd) {
        beezup::testing::read_request_head(fd);
        beezup::testing::send_all(fd, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                                      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                                          std::to_string(lov_body.size()) + "\r\n\r\n" + lov_body);
    });
    beezup::client c(options_for(server.url()));
    BOOST_TEST(c.get_list_of_values("Carriers").items.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_header_with_a_line_break_is_refused_before_connecting_and_not_quoted) {
    raw_server server([](int fd) { beezup::testing::read_request_head(fd); });
    auto o = options_for(server.url());
    o.api_key = "key\r\nX-Injected: yes";
    beezup::client c(o);
    try {
        c.get_list_of_values("Carriers");
        BOOST_FAIL("no exception");
    } catch (const beezup::error& e) {
        BOOST_TEST(std::string(e.what()).find("line break") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("Injected") == std::string::npos);
    }
    BOOST_TEST(server.connections() == 0);
}

BOOST_AUTO_TEST_CASE(a_tls_handshake_cut_short_is_a_connect_failure) {
    raw_server server([](int fd) {
        char hello[512];
        ::recv(fd, hello, sizeof hello, 0);  // the ClientHello, then hang up
    });
    auto o = options_for("https://127.0.0.1:" + std::to_string(server.port()));
    beezup::client c(o);
    // Nothing was sent: connect, which even a change may retry (tls is kept for certificates).
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::connect));
}

BOOST_AUTO_TEST_CASE(malformed_urls_and_proxies_are_refused_before_connecting) {
    for (const auto* url : {"http://127.0.0.1:99999", "http://127.0.0.1:80x", "http://[::1", "http://[::1]x:80",
                            "http://user:secret@127.0.0.1:1"}) {
        beezup::client c(options_for(url));
        BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::protocol), url);
    }
    auto o = options_for("https://api.beezup.invalid");
    o.proxy_url = "https://proxy.invalid:3128";  // only http:// proxies
    BOOST_CHECK_THROW(beezup::client{o}, beezup::error);
    o.proxy_url = "http://proxy.invalid:port";
    BOOST_CHECK_THROW(beezup::client{o}, beezup::error);
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

BOOST_AUTO_TEST_CASE(https_through_a_proxy_goes_through_a_connect_tunnel_with_the_proxy_credentials) {
    web::http::experimental::listener::http_listener_config config;
    config.set_ssl_context_callback([](boost::asio::ssl::context& context) {
        context.use_certificate_chain_file(BEEZUP_TEST_CERT);
        context.use_private_key_file(BEEZUP_TEST_KEY, boost::asio::ssl::context::pem);
    });
    listener origin(
        [](http::http_request request) {
            http::http_response response(http::status_codes::OK);
            response.set_body(lov_body, "application/json");
            request.reply(response).wait();
        },
        "https", config);
    const int origin_port = std::stoi(origin.url.substr(origin.url.rfind(':') + 1));
    std::mutex seen_mutex;
    std::string connect_head;
    raw_server proxy([&](int fd) {
        const auto head = beezup::testing::read_request_head(fd);
        {
            std::lock_guard lock(seen_mutex);
            connect_head = head;
        }
        const int upstream = connect_to(origin_port);
        beezup::testing::send_all(fd, "HTTP/1.1 200 Connection established\r\n\r\n");
        relay(fd, upstream);
        ::close(upstream);
    });

    auto o = options_for(origin.url);
    o.proxy_url = "http://user:p%40ss@127.0.0.1:" + std::to_string(proxy.port());
    o.tls.ca_file = BEEZUP_TEST_CERT;
    beezup::client c(o);
    BOOST_TEST(c.get_list_of_values("Carriers").items.size() == 1u);
    std::lock_guard lock(seen_mutex);
    BOOST_TEST(connect_head.rfind("CONNECT localhost:" + std::to_string(origin_port) + " HTTP/1.1\r\n", 0) == 0u);
    BOOST_TEST(connect_head.find("Proxy-Authorization: Basic dXNlcjpwQHNz\r\n") != std::string::npos);  // user:p@ss
    BOOST_TEST(connect_head.find("Ocp-Apim-Subscription-Key") == std::string::npos);  // the key stays in the tunnel
}

BOOST_AUTO_TEST_CASE(a_proxy_that_refuses_the_tunnel_is_a_connect_failure) {
    raw_server proxy([](int fd) {
        beezup::testing::read_request_head(fd);
        beezup::testing::send_all(fd, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
    });
    auto o = options_for("https://api.beezup.invalid");
    o.proxy_url = proxy.url();
    beezup::client c(o);
    BOOST_TEST((failure_of([&] { c.get_list_of_values("X"); }) == beezup::transport_failure::connect));
}

BOOST_AUTO_TEST_SUITE_END()
