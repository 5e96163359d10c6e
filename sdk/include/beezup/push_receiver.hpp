#pragma once
/// @file
/// The push receiver's core, independent of any HTTP server: a request goes in, a response comes
/// out. It acknowledges a push (2xx) only once the push is in the durable inbox, so an
/// acknowledged push is never lost; BeezUP retries anything else.

#include <beezup/logging.hpp>
#include <beezup/push_authenticity.hpp>
#include <beezup/push_inbox.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace beezup {

struct push_http_response {
    int status = 200;
    http_headers headers;
    std::string body;
};

struct push_receiver_options {
    /// Checks a push must pass, all of them. At least one is required: a receiver that accepts
    /// anyone's pushes must say so with `accept_unauthenticated`.
    std::vector<push_authenticator_ptr> authenticators;
    bool accept_unauthenticated = false;
    /// Larger bodies, received or announced by Content-Length, are refused (413) before anything
    /// else is read.
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    /// Where refusals and failures are logged (without secrets); none by default.
    log_handler logger;
    log_level min_log_level = log_level::info;
    /// The receiver's clock, for signature timestamps (tests set it).
    std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
};

/// Counters of what the receiver did, for health endpoints and tests.
struct push_receiver_stats {
    std::uint64_t accepted = 0;       ///< pushes acknowledged (stored or duplicate)
    std::uint64_t verifications = 0;  ///< activation checks answered
    std::uint64_t refused = 0;        ///< 4xx answers
    std::uint64_t failed = 0;         ///< 5xx answers (the inbox failed)
};

/// Thread-safe: handle() may run on any number of threads at once (their appends share commits).
class push_receiver {
public:
    /// Throws beezup::error when the options are unsafe (no authenticator) or the inbox is null.
    push_receiver(std::shared_ptr<push_inbox> inbox, push_receiver_options options);
    ~push_receiver();
    push_receiver(const push_receiver&) = delete;
    push_receiver& operator=(const push_receiver&) = delete;

    /// Answers one request:
    /// - 405 (Allow: POST) for another method; nothing is ever echoed;
    /// - 413 for a body over max_body_bytes, 415 for a type other than JSON;
    /// - 401 when an authenticity check refuses it (the reason is logged, not sent back);
    /// - 200 at once for the verification request BeezUP sends at activation;
    /// - 400 for a malformed push;
    /// - 200 once the push is durable in the inbox (also for a duplicate), 503 if the inbox failed.
    push_http_response handle(const push_http_request& request);
    /// The same, calling `respond` once the answer is known (maybe on the inbox's thread), so that
    /// a server with asynchronous replies need not hold a thread while the push is written.
    void handle_async(const push_http_request& request, std::function<void(push_http_response)> respond);

    push_receiver_stats stats() const;
    std::size_t max_body_bytes() const noexcept;
    const std::shared_ptr<push_inbox>& inbox() const noexcept;

private:
    struct impl;
    std::shared_ptr<push_inbox> inbox_;
    std::shared_ptr<impl> impl_;  // shared with appends the inbox has not answered yet
};

}  // namespace beezup
