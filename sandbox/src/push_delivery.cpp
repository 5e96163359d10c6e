#include "push_delivery.hpp"

#include "common/uuid.hpp"

#include <cpprest/http_client.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <random>

namespace beezup::sandbox {

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), digest, &length))
        return {};
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(hex[digest[i] >> 4]);
        out.push_back(hex[digest[i] & 0xf]);
    }
    return out;
}

std::string push_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
    std::string signed_text = std::to_string(unix_seconds);
    signed_text += '.';
    signed_text += body;
    return "sha256=" + hmac_sha256_hex(secret, signed_text);
}

std::string random_uuid() {
    static std::mutex mutex;
    static std::mt19937_64 rng{[] {
        std::random_device device;
        return (static_cast<std::uint64_t>(device()) << 32) ^ device();
    }()};
    std::uint64_t a = 0, b = 0;
    {
        std::lock_guard lock(mutex);
        a = rng();
        b = rng();
    }
    return common::format_uuid_v4(a, b);
}

std::string format_timespan(std::chrono::nanoseconds d) {
    if (d.count() < 0) d = std::chrono::nanoseconds(0);
    const long long ticks = d.count() / 100;  // .NET ticks of 100 ns
    const long long seconds = ticks / 10'000'000, fraction = ticks % 10'000'000;
    const long long days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, secs = seconds % 60;
    char buffer[64];
    if (days > 0)
        std::snprintf(buffer, sizeof buffer, "%lld.%02lld:%02lld:%02lld.%07lld", days, hours, minutes, secs, fraction);
    else
        std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld.%07lld", hours, minutes, secs, fraction);
    return buffer;
}

std::map<std::string, std::string> signed_headers(const std::string& secret, const std::string& event_id,
                                                  const std::string& subscription_id, std::int64_t unix_seconds,
                                                  const std::string& body) {
    return {{"X-BeezUP-Event-Id", event_id},
            {"X-BeezUP-Subscription-Id", subscription_id},
            {"X-BeezUP-Timestamp", std::to_string(unix_seconds)},
            {"X-BeezUP-Signature", push_signature(secret, unix_seconds, body)}};
}

namespace {

// Where the request's continuation leaves its result; shared with it, since it may run after
// send_push gave up waiting.
struct pending_answer {
    std::mutex mutex;
    std::condition_variable changed;
    bool done = false, cancelled = false;
    std::optional<int> status;
    std::string error;
};

}  // namespace

bool is_loopback_url(const std::string& url) {
    try {
        const web::uri target(url);
        auto host = target.host();
        if (host == "localhost" || host == "[::1]" || host == "::1") return true;
        in_addr address{};
        return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
    } catch (const std::exception&) {
        return false;
    }
}

push_result send_push(const push_message& message, const push_settings& settings, std::chrono::milliseconds timeout,
                      pplx::cancellation_token_source cancel) {
    namespace http = web::http;
    const auto start = std::chrono::steady_clock::now();
    push_result result;
    if (!settings.any_target && !is_loopback_url(message.url)) {
        result.error = "the sandbox pushes to loopback targets only (start it with --push-targets any to lift this)";
        return result;
    }
    try {
        const web::uri target(message.url);
        if (target.scheme() != "http" && target.scheme() != "https") throw std::invalid_argument("not an http(s) URL");
        http::client::http_client_config config;
        config.set_timeout(std::chrono::duration_cast<std::chrono::microseconds>(timeout));
        http::client::http_client client(target.authority(), config);

        http::http_request request(http::methods::POST);
        request.set_request_uri(target.resource());
        request.headers().add("User-Agent", "BeezUP-Sandbox-Push/1.0");
        for (const auto& [name, value] : message.headers) request.headers().add(name, value);
        request.set_body(message.body, "application/json; charset=utf-8");

        auto answer = std::make_shared<pending_answer>();
        client.request(request, cancel.get_token()).then([answer](pplx::task<http::http_response> task) {
            std::lock_guard lock(answer->mutex);
            try {
                answer->status = task.get().status_code();
            } catch (const std::exception& e) {
                answer->error = e.what();
            } catch (...) {
                answer->error = "unknown failure";
            }
            answer->done = true;
            answer->changed.notify_all();
        });
        const auto token = cancel.get_token();
        const auto registration = token.register_callback([answer] {
            std::lock_guard lock(answer->mutex);
            answer->cancelled = true;
            answer->changed.notify_all();
        });
        std::unique_lock lock(answer->mutex);
        answer->changed.wait_until(lock, start + timeout, [&] { return answer->done || answer->cancelled; });
        if (answer->done) {
            result.http_status = answer->status;
            result.error = answer->error;
        } else {
            result.error = answer->cancelled ? "the push was cancelled (sandbox stopping)"
                                             : "no answer within " + std::to_string(timeout.count()) + " ms";
        }
        lock.unlock();
        token.deregister_callback(registration);
        if (!result.http_status) cancel.cancel();  // stop cpprest working on an abandoned request
    } catch (const std::exception& e) {
        result.error = std::string("cannot send to ") + message.url + ": " + e.what();
    }
    if (result.http_status && !result.delivered())
        result.error = "the target answered HTTP " + std::to_string(*result.http_status);
    result.duration = std::chrono::steady_clock::now() - start;
    return result;
}

}  // namespace beezup::sandbox
