#pragma once
/// @file
/// A standalone HTTP(S) server for a push_receiver, on the SDK's HTTP stack. To mount the receiver
/// in your own server instead, call push_receiver::handle from it.

#include <beezup/push_receiver.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace beezup {

struct push_server_options {
    std::string address = "127.0.0.1";  ///< "0.0.0.0" to listen on every interface
    int port = 0;                       ///< 0: a free port, see push_server::url()
    /// Where pushes are received: this path and the paths under it (for a token in the path).
    /// Other paths answer 404.
    std::string path = "/beezup/push";
    /// GET here answers 200 with the receiver's counters (no secret, no order data).
    std::string health_path = "/healthz";
    /// Both set: HTTPS with this PEM certificate (chain) and private key.
    std::string tls_certificate_file, tls_private_key_file;
    /// stop() waits this long for requests in flight to finish.
    std::chrono::seconds drain_timeout{10};
};

/// Listens from construction until stop() or destruction. Thread-safe.
class push_server {
public:
    /// Throws beezup::error when it cannot listen (address in use, bad certificate...).
    push_server(std::shared_ptr<push_receiver> receiver, push_server_options options = {});
    ~push_server();
    push_server(const push_server&) = delete;
    push_server& operator=(const push_server&) = delete;

    /// The URL pushes are received at: "http://127.0.0.1:PORT/beezup/push".
    const std::string& url() const noexcept;
    /// Stops accepting (new requests get 503), waits for the requests in flight (at most
    /// drain_timeout), then closes. Idempotent.
    void stop();

private:
    struct impl;
    std::shared_ptr<impl> impl_;  // shared with the replies still on their way
};

}  // namespace beezup
