#pragma once
// Every API call goes through here: auth header -> user agent -> rate governor -> retry ->
// logging -> transport, then decompression and error mapping.

#include "clock.hpp"
#include "rate_governor.hpp"
#include "redactor.hpp"

#include <beezup/call_context.hpp>
#include <beezup/client_options.hpp>
#include <beezup/error.hpp>
#include <beezup/http_transport.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace beezup::detail {

/// A request relative to the client's base URL.
struct api_request {
    http_method method = http_method::get;
    std::string path;         ///< "/v2/user/lov/X", already percent-encoded
    std::string query;        ///< "a=1&b=2" without '?', already encoded; may be empty
    http_headers headers;
    std::string body;         ///< JSON; Content-Type is set when non-empty
    /// An absolute URL on another host (a download link): used instead of base URL + path, and
    /// the API key is not sent there.
    std::string foreign_url;
};

class pipeline {
public:
    /// `random` draws the jitter fraction in [0, 1); tests pass a fixed one.
    pipeline(client_options options, std::shared_ptr<http_transport> transport,
             std::shared_ptr<clock> time = std::make_shared<system_clock>(),
             std::function<double()> random = {});

    /// Sends the request with retries. Returns 2xx and 304 responses (body decoded); throws
    /// api_error subclasses for other statuses, transport_error when no response came.
    http_response send(const api_request& request, const call_context& context);

    /// The context with its deadline fixed: the caller's, or now + operation_timeout. A public
    /// call resolves its context once, so that everything it does (requests, waits) shares one
    /// deadline.
    call_context bound(const call_context& context) const;
    /// Sleeps `delay` on the pipeline's clock. Returns false at once, without sleeping, when the
    /// delay would end past the context's deadline; throws transport_error(cancelled) when the
    /// context is cancelled before or during the sleep.
    bool sleep_within(std::chrono::steady_clock::duration delay, const call_context& context);
    /// The same, throwing transport_error(timeout) instead of returning false: a poll that cannot
    /// wait for `what` any longer.
    void pause(std::chrono::steady_clock::duration delay, const call_context& context, const char* what);
    /// Waits as a server asked with Retry-After (`fallback` when it gave none, at least
    /// retry_options::base_delay). Returns false at once when the wait is longer than
    /// retry_options::max_retry_after or would pass the deadline: the caller gives up then.
    bool wait_as_asked(std::optional<std::chrono::seconds> retry_after, std::chrono::milliseconds fallback,
                       const call_context& context);
    detail::clock& time() noexcept { return *clock_; }

    const client_options& options() const noexcept { return options_; }
    redactor& redaction() noexcept { return redactor_; }
    rate_governor* governor() noexcept { return governor_.get(); }

    /// Delay before retry number `retry` (1-based) when the server gave no Retry-After.
    std::chrono::milliseconds backoff_delay(int retry);

    /// Number of attempts sent to the transport, for tests and benchmarks.
    std::uint64_t attempts_sent() const noexcept { return attempts_sent_.load(); }

private:
    http_request build(const api_request& request) const;
    bool logs(log_level level) const noexcept;
    void log(log_level level, const std::string& message) const;
    http_response attempt(http_request& request, std::chrono::steady_clock::time_point deadline,
                          const call_context& context, int number);

    client_options options_;
    std::shared_ptr<http_transport> transport_;
    std::shared_ptr<clock> clock_;
    std::function<double()> random_;
    std::unique_ptr<rate_governor> governor_;
    redactor redactor_;
    std::string user_agent_;
    std::atomic<std::uint64_t> attempts_sent_{0};
};

/// True for the statuses worth another try when the request is safe to repeat.
bool is_retryable_status(int status, bool has_retry_after);
/// True for the transport failures worth another try.
bool is_retryable_failure(transport_failure failure);

}  // namespace beezup::detail
