#pragma once
// The wire side of push subscriptions (docs/push.md): settings, the signature, the envelope, and
// one HTTP POST to a subscriber with a deadline. No state; subscriptions_api keeps that.

#include <pplx/pplxtasks.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beezup::sandbox {

/// Timings and secret of push delivery; tests shorten the delays.
struct push_settings {
    std::string secret = "sandbox-push-secret";            ///< HMAC-SHA256 key of X-BeezUP-Signature
    std::chrono::milliseconds retry_base{5000};            ///< delay before the first retry; doubles each retry
    int max_retry_count = 8;                               ///< retries of a failed push before deactivation
    std::chrono::milliseconds request_timeout{10000};      ///< time a consumer has to answer a push
    std::chrono::milliseconds verification_timeout{5000};  ///< time it has to answer the activation check
    std::size_t max_orders_per_push = 100;                 ///< batch size
    std::chrono::milliseconds retry_cap{600000};           ///< longest delay between two attempts
    bool any_target = false;  ///< false: pushes go to loopback targets only (a fuzzer's subscriptions stay on the machine)
};

/// Whether `url` names this machine by a loopback literal (127.0.0.0/8, [::1]) or "localhost".
/// No name is resolved: a lookup would itself leave the machine.
bool is_loopback_url(const std::string& url);

/// Lower-case hex HMAC-SHA256 of `data` with `key` (OpenSSL).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
/// The X-BeezUP-Signature value: "sha256=" + hex HMAC of "<timestamp>.<body>".
std::string push_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);
/// A random RFC 4122 version 4 UUID, lower case.
std::string random_uuid();
/// A .NET TimeSpan in its constant format: "hh:mm:ss.fffffff" ("d.hh:mm:ss.fffffff" from a day).
std::string format_timespan(std::chrono::nanoseconds d);

/// One request to a subscriber.
struct push_message {
    std::string url;
    std::map<std::string, std::string> headers;  // besides Content-Type
    std::string body;
};

/// What the subscriber did with it.
struct push_result {
    std::optional<int> http_status;  // none: no status line (connection error, timeout, cancelled)
    std::string error;               // why it failed, for lastErrorMessage; empty on success
    std::chrono::nanoseconds duration{0};
    bool delivered() const { return http_status && *http_status >= 200 && *http_status < 300; }
};

/// The signed headers of a push or verification sent now: X-BeezUP-Event-Id, -Subscription-Id,
/// -Timestamp and -Signature. `unix_seconds` is the attempt's time.
std::map<std::string, std::string> signed_headers(const std::string& secret, const std::string& event_id,
                                                  const std::string& subscription_id, std::int64_t unix_seconds,
                                                  const std::string& body);

/// POSTs `message` (application/json) and waits for the status line, at most `timeout`. Cancelling
/// `cancel` (another thread) ends the wait at once. Unless `settings.any_target`, a target off the
/// machine is not called and the push fails. Never throws.
push_result send_push(const push_message& message, const push_settings& settings, std::chrono::milliseconds timeout,
                      pplx::cancellation_token_source cancel = {});

}  // namespace beezup::sandbox
