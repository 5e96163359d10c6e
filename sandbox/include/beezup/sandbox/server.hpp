#pragma once
/// @file
/// The sandbox: a local BeezUP simulator served over HTTP on loopback, usable in-process from
/// tests or through the beezup-sandbox executable.

#include <cstdint>
#include <memory>
#include <string>

namespace beezup::sandbox {

struct server_options {
    std::string host = "127.0.0.1";
    int port = 0;                     ///< 0: an ephemeral port, see server::base_url()
    std::string api_key;              ///< empty: any key is accepted, but one must be sent
    double rate_limit_per_minute = 100; ///< 0 disables the limit; over it: 429 + Retry-After
    std::size_t max_request_body_bytes = 1024 * 1024;
};

/// A running sandbox. Starts listening in the constructor, stops in the destructor.
/// Thread-safe.
class server {
public:
    explicit server(server_options options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// "http://127.0.0.1:PORT"
    const std::string& base_url() const noexcept;
    /// Requests received so far (including rejected ones).
    std::uint64_t requests_received() const noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace beezup::sandbox
