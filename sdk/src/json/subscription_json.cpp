#include "subscription_json.hpp"

#include "error_json_value.hpp"
#include "json_reader.hpp"
#include "utc_time.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace beezup::detail::json {
namespace {

namespace bj = boost::json;

constexpr std::string_view recover_begin = "recoverBeginPeriodOrderLastModificationUtcDate";
constexpr std::string_view recover_end = "recoverEndPeriodOrderLastModificationUtcDate";

std::optional<utc_time> optional_time(const node& n, std::string_view key) {
    auto m = n.member(key);
    if (!m) return std::nullopt;
    return parse_utc_time(m->string(), m->path());
}

utc_time required_time(const node& n, std::string_view key) {
    const auto m = n.required(key);
    return parse_utc_time(m.string(), m.path());
}

/// An errorResponseMessage member: its errors, none when absent.
std::vector<api_error_detail> errors_of(const node& n, std::string_view key) {
    const auto message = n.member(key);
    if (!message) return {};
    const auto errors = message->member("errors");
    return errors ? error_details_of(errors->value()) : std::vector<api_error_detail>{};
}

/// A .NET TimeSpan as BeezUP writes durations: [-][d.]hh:mm:ss[.fffffff].
std::chrono::nanoseconds timespan_of(const node& n) {
    const auto text = n.string();
    auto invalid = [&]() -> std::chrono::nanoseconds {
        n.fail("expected a TimeSpan ([d.]hh:mm:ss[.fffffff]), found \"" + text.substr(0, 40) + "\"");
    };
    auto number = [](std::string_view digits, std::int64_t& out) {
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
        return !digits.empty() && ec == std::errc() && end == digits.data() + digits.size() && digits.front() != '-';
    };
    std::string_view s = text;
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    const auto first = s.find(':');
    const auto second = first == std::string_view::npos ? first : s.find(':', first + 1);
    if (second == std::string_view::npos) return invalid();
    auto hours_text = s.substr(0, first);
    auto seconds_text = s.substr(second + 1);
    std::int64_t days = 0, hours = 0, minutes = 0, seconds = 0, fraction = 0;
    if (const auto dot = hours_text.find('.'); dot != std::string_view::npos) {
        if (!number(hours_text.substr(0, dot), days)) return invalid();
        hours_text = hours_text.substr(dot + 1);
    }
    std::chrono::nanoseconds fraction_ns{};
    if (const auto dot = seconds_text.find('.'); dot != std::string_view::npos) {
        const auto digits = seconds_text.substr(dot + 1);
        if (digits.size() > 9 || !number(digits, fraction)) return invalid();
        for (auto i = digits.size(); i < 9; ++i) fraction *= 10;
        fraction_ns = std::chrono::nanoseconds(fraction);
        seconds_text = seconds_text.substr(0, dot);
    }
    // Days are bounded by what nanoseconds hold (292 years).
    if (!number(hours_text, hours) || !number(s.substr(first + 1, second - first - 1), minutes) ||
        !number(seconds_text, seconds) || hours > 23 || minutes > 59 || seconds > 59 || days > 100'000)
        return invalid();
    const auto total = std::chrono::days(days) + std::chrono::hours(hours) + std::chrono::minutes(minutes) +
                       std::chrono::seconds(seconds) + fraction_ns;
    return negative ? -total : total;
}

subscription subscription_of(const node& n) {
    n.object();
    subscription s;
    s.id = n.required("id").string();
    s.target_url = n.required("targetUrl").string();
    s.status = subscription_status(n.required("status").string());
    s.name = n.required("name").string();
    s.application_name = n.required("merchantApplicationName").string();
    s.application_version = n.required("merchantApplicationVersion").string();
    s.alert_email = n.optional_string("merchantEmailAlert");
    if (auto health = n.optional_string("consumerHealthStatus")) s.health = consumer_health(std::move(*health));
    s.unavailable_since = optional_time(n, "consumerUnvailableSinceUtcDate");  // sic: the spec's spelling
    s.last_request_uri = n.optional_string("consumerLastRequestSentUri");
    s.last_error = errors_of(n, "lastErrorMessage");
    s.last_pushed_order_modification = optional_time(n, "lastOrderPushedModificationUtcDate");
    s.last_successful_push = optional_time(n, "lastSuccessfulOrderPushedUtcDate");
    s.last_retry = optional_time(n, "lastRetryUtcDate");
    s.next_retry = optional_time(n, "nextScheduledRetryUtcDate");
    s.retry_count = n.optional_int32("retryCount");
    s.max_retry_count = n.optional_int32("maxRetryCount");
    const auto begin = optional_time(n, recover_begin);
    const auto end = optional_time(n, recover_end);
    if (end && !begin) n.required(recover_end).fail("an end of the replay without its begin");
    if (begin && end && *begin >= *end) n.required(recover_end).fail("the replay ends before it begins");
    if (begin) s.replay = end ? activation_window::between(*begin, *end) : activation_window::since(*begin);
    if (auto links = n.member("links")) {
        // The spec lets links carry other members: only objects are links.
        for (const auto& entry : links->object()) {
            const auto link = links->member(entry.key());
            if (!link || !link->value().is_object()) continue;
            s.links[entry.key()] = api_link{link->required("href").string(), link->optional_string("method").value_or("")};
        }
    }
    return s;
}

push_report_row report_row_of(const node& n) {
    n.object();
    push_report_row r;
    r.subscription_id = n.required("subscriptionId").string();
    r.event_id = n.required("eventId").string();
    r.succeeded = n.required("succeed").boolean();
    r.http_status = n.optional_int32("httpStatus");
    r.duration = timespan_of(n.required("duration"));
    r.order_count = n.required("orderCount").int32();
    r.last_order_modification = required_time(n, "lastOrderModificationUtcDate");
    r.retry_count = n.optional_int32("retryCount");
    r.max_retry_count = n.optional_int32("maxRetryCount");
    r.next_retry = optional_time(n, "nextScheduledRetryUtcDate");
    r.request_uri = n.optional_string("requestUri");
    r.response_uri = n.optional_string("responseUri");
    r.errors = errors_of(n, "errorMessage");
    return r;
}

// A root array, each item read by `item`.
template <class Item>
auto decode_array(std::string_view body, const Item& item) {
    const auto document = parse(body);
    const node root(document, "$");
    std::vector<decltype(item(root))> out;
    out.reserve(root.array().size());
    for (std::size_t i = 0; i < root.array().size(); ++i) out.push_back(item(root.at(i)));
    return out;
}

}  // namespace

std::string encode_create_subscription(const subscription_request& request) {
    bj::object o{{"targetUrl", request.target_url},
                 {"name", request.name},
                 {"merchantApplicationName", request.application_name},
                 {"merchantApplicationVersion", request.application_version}};
    if (request.alert_email) o["merchantEmailAlert"] = *request.alert_email;
    return bj::serialize(o);
}

std::string encode_activation(const activation_window& window) {
    bj::object o;
    if (window.begin()) o[recover_begin] = format_utc_time(*window.begin());
    if (window.end()) o[recover_end] = format_utc_time(*window.end());
    return bj::serialize(o);
}

subscription decode_subscription(std::string_view body) {
    const auto document = parse(body);
    return subscription_of(node(document, "$"));
}

std::vector<subscription> decode_subscription_list(std::string_view body) { return decode_array(body, subscription_of); }

std::vector<push_report_row> decode_push_reports(std::string_view body) { return decode_array(body, report_row_of); }

}  // namespace beezup::detail::json
