#include "pipeline.hpp"

#include "decompress.hpp"
#include "error_mapping.hpp"
#include "retry_after.hpp"

#include <beezup/error.hpp>
#include <beezup/version.hpp>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace beezup::detail {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

bool safe_to_repeat(http_method method, const call_context& context) {
    return method == http_method::get || method == http_method::head || context.idempotent;
}

std::function<double()> default_random() {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    auto mutex = std::make_shared<std::mutex>();
    return [engine, mutex] {
        std::lock_guard lock(*mutex);
        return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
    };
}

std::string trim_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

long long ms(steady_clock::duration d) { return std::chrono::duration_cast<milliseconds>(d).count(); }

}  // namespace

bool is_retryable_status(int status, bool has_retry_after) {
    switch (status) {
    case 408: case 429: case 500: case 502: case 503: case 504: return true;
    case 409: return has_retry_after;  // BeezUP: "already processing" / harvest throttling
    default: return false;
    }
}

bool is_retryable_failure(transport_failure failure) {
    // A protocol failure (oversized body, unknown encoding, corrupt data) would fail the same way again.
    return failure == transport_failure::connect || failure == transport_failure::timeout ||
           failure == transport_failure::connection;
}

pipeline::pipeline(client_options options, std::shared_ptr<http_transport> transport, std::shared_ptr<clock> time,
                   std::function<double()> random)
    : options_(std::move(options)), transport_(std::move(transport)), clock_(std::move(time)),
      random_(random ? std::move(random) : default_random()) {
    if (!transport_) throw error("client: no HTTP transport");
    if (options_.base_url.rfind("http://", 0) != 0 && options_.base_url.rfind("https://", 0) != 0)
        throw error("client_options::base_url must start with http:// or https://");
    if (options_.retry.max_attempts < 1) throw error("retry_options::max_attempts must be at least 1");
    if (options_.request_timeout.count() <= 0 || options_.operation_timeout.count() <= 0 ||
        options_.connect_timeout.count() <= 0)
        throw error("client_options timeouts must be positive");
    constexpr auto longest = std::chrono::hours(24 * 7);  // keeps deadline arithmetic far from overflow
    if (options_.request_timeout > longest || options_.operation_timeout > longest ||
        options_.connect_timeout > longest || options_.retry.max_delay > longest || options_.retry.max_retry_after > longest)
        throw error("client_options timeouts and retry delays must not exceed 7 days");
    options_.base_url = trim_trailing_slash(options_.base_url);
    redactor_.add_secret(options_.api_key);
    if (options_.rate_limit.enabled) {
        const auto& limit = options_.rate_limit;
        if (!limit.shared_lock_file.empty() && !limit.shared_store_url.empty())
            throw error("rate_limit_options: shared_lock_file and shared_store_url exclude each other");
        auto store = !limit.shared_store_url.empty()
                         ? make_redis_bucket_store(limit.shared_store_url, options_.api_key,
                                                   [this](const std::string& line) { log(log_level::warning, line); })
                     : !limit.shared_lock_file.empty() ? make_lock_file_bucket_store(limit.shared_lock_file)
                                                       : make_in_process_bucket_store();
        governor_ = std::make_unique<rate_governor>(options_.rate_limit, std::move(store), clock_);
    }
    user_agent_ = std::string("beezup-sdk-cpp/") + version_string;
    if (!options_.user_agent_suffix.empty()) user_agent_ += " " + options_.user_agent_suffix;
}

bool pipeline::logs(log_level level) const noexcept { return options_.logger && level >= options_.min_log_level; }

void pipeline::log(log_level level, const std::string& message) const {
    if (!logs(level)) return;
    options_.logger(level, redactor_.scrub(message));
}

call_context pipeline::bound(const call_context& context) const {
    auto out = context;
    if (!out.deadline) out.deadline = clock_->now() + options_.operation_timeout;
    return out;
}

bool pipeline::sleep_within(steady_clock::duration delay, const call_context& context) {
    if (context.cancellation.stop_requested()) throw transport_error(transport_failure::cancelled, "cancelled");
    const auto until = clock_->now() + delay;
    if (context.deadline && until > *context.deadline) return false;
    if (!clock_->sleep_until(until, context.cancellation))
        throw transport_error(transport_failure::cancelled, "cancelled while waiting");
    return true;
}

void pipeline::pause(steady_clock::duration delay, const call_context& context, const char* what) {
    if (!sleep_within(delay, context))
        throw transport_error(transport_failure::timeout, std::string("the deadline would pass while waiting for ") + what);
}

bool pipeline::wait_as_asked(std::optional<std::chrono::seconds> retry_after, milliseconds fallback,
                             const call_context& context) {
    if (retry_after && *retry_after > options_.retry.max_retry_after) return false;
    const milliseconds asked = retry_after ? milliseconds(*retry_after) : fallback;
    return sleep_within(std::max(asked, options_.retry.base_delay), context);
}

milliseconds pipeline::backoff_delay(int retry) {
    // Full jitter: uniform in [0, min(cap, base * 2^(retry-1))].
    const double base = static_cast<double>(options_.retry.base_delay.count());
    const double cap = static_cast<double>(options_.retry.max_delay.count());
    const double ceiling = std::min(cap, base * std::pow(2.0, std::min(retry - 1, 30)));
    return milliseconds(static_cast<long long>(std::floor(ceiling * std::clamp(random_(), 0.0, 1.0))));
}

http_request pipeline::build(const api_request& request) const {
    http_request out;
    out.method = request.method;
    out.url = request.foreign_url.empty() ? options_.base_url + request.path + (request.query.empty() ? "" : "?" + request.query)
                                          : request.foreign_url;
    out.headers = request.headers;
    if (!options_.api_key.empty() && request.foreign_url.empty()) out.headers["Ocp-Apim-Subscription-Key"] = options_.api_key;
    out.headers["User-Agent"] = user_agent_;
    out.headers.emplace("Accept", "application/json");
    if (options_.accept_compressed) out.headers.emplace("Accept-Encoding", "gzip, deflate");
    if (!request.body.empty()) out.headers.emplace("Content-Type", "application/json; charset=utf-8");
    out.body = request.body;
    out.connect_timeout = options_.connect_timeout;
    return out;
}

http_response pipeline::attempt(http_request& request, steady_clock::time_point deadline, const call_context& context,
                                int number) {
    const auto start = clock_->now();
    if (start >= deadline) throw transport_error(transport_failure::timeout, "the operation's deadline has passed");
    request.timeout = std::min<milliseconds>(options_.request_timeout,
                                             std::chrono::ceil<milliseconds>(deadline - start));
    if (logs(log_level::trace)) {
        std::string headers;
        for (const auto& [name, value] : request.headers) headers += "\n  " + name + ": " + redactor_.header_value(name, value);
        log(log_level::trace, std::string("request ") + to_string(request.method) + " " + redactor_.url(request.url) +
                                  headers + (request.body.empty() ? "" : "\n  " + redactor_.body(request.body)));
    }
    ++attempts_sent_;
    auto response = transport_->send(request, context.cancellation);
    const auto encoding = response.header("Content-Encoding");
    // HEAD, 204 and 304 carry the header of the body they would have had, and no body.
    if (!response.body.empty())
        response.body = decode_content(encoding.value_or(""), std::move(response.body), options_.max_response_body_bytes);
    if (encoding) response.headers.erase("Content-Encoding");
    if (logs(log_level::debug))
        log(log_level::debug, std::string(to_string(request.method)) + " " + redactor_.url(request.url) + " -> " +
                                  std::to_string(response.status) + " (" + std::to_string(ms(clock_->now() - start)) +
                                  " ms, attempt " + std::to_string(number) + ")");
    if (logs(log_level::trace) && !response.body.empty())
        log(log_level::trace, "response body " + redactor_.body(response.body));
    return response;
}

http_response pipeline::send(const api_request& api_req, const call_context& context) {
    const auto deadline = context.deadline.value_or(clock_->now() + options_.operation_timeout);
    const bool repeatable = safe_to_repeat(api_req.method, context);
    auto request = build(api_req);
    request.idempotent = repeatable;
    // Built only when a message needs it: this is the hot path.
    auto what = [&] { return std::string(to_string(request.method)) + " " + redactor_.url(request.url); };

    for (int number = 1;; ++number) {
        if (context.cancellation.stop_requested())
            throw transport_error(transport_failure::cancelled, "cancelled before " + what());
        const bool last = number >= options_.retry.max_attempts || !repeatable;
        steady_clock::duration delay{};
        std::string reason;
        // Waiting for the quota is not a failure: it happens outside the retry decision.
        if (governor_) governor_->acquire(deadline, context.cancellation);
        try {
            auto response = attempt(request, deadline, context, number);
            if ((response.status >= 200 && response.status < 300) || response.status == 304) return response;

            auto retry_after_header = response.header("Retry-After");
            std::optional<std::chrono::seconds> retry_after;
            if (retry_after_header) retry_after = parse_retry_after(*retry_after_header, clock_->wall_now());
            const bool too_long = retry_after && *retry_after > options_.retry.max_retry_after;
            // The server asks everyone to slow down: tell the governor, whatever happens to this call,
            // but never for longer than we would wait ourselves (a shared bucket outlives this call).
            if (retry_after && (response.status == 429 || response.status == 503 || response.status == 409) && governor_)
                governor_->pause_for(std::min<steady_clock::duration>(*retry_after, options_.retry.max_retry_after));
            else if (response.status == 429 && governor_)
                governor_->pause_for(backoff_delay(number));

            if (last || too_long || !is_retryable_status(response.status, retry_after.has_value()))
                throw_api_error(request, response, clock_->wall_now(), redactor_);
            delay = retry_after ? steady_clock::duration(*retry_after) : steady_clock::duration(backoff_delay(number));
            if (clock_->now() + delay >= deadline) throw_api_error(request, response, clock_->wall_now(), redactor_);
            reason = std::to_string(response.status);
        } catch (const transport_error& e) {
            if (last || !is_retryable_failure(e.failure())) throw;
            delay = backoff_delay(number);
            if (clock_->now() + delay >= deadline) throw;
            reason = std::string(to_string(e.failure())) + " failure";
        }
        if (logs(log_level::warning))
            log(log_level::warning, "retrying " + what() + " after " + reason + " in " + std::to_string(ms(delay)) +
                                    " ms (attempt " + std::to_string(number + 1) + " of " +
                                    std::to_string(options_.retry.max_attempts) + ")");
        if (!clock_->sleep_until(clock_->now() + delay, context.cancellation))
            throw transport_error(transport_failure::cancelled, "cancelled while waiting to retry " + what());
    }
}

}  // namespace beezup::detail
