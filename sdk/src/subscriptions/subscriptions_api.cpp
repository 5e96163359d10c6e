// The subscription API: one request per call, except create() and remove(), which settle a send
// whose answer was lost before sending again (see send_settling_doubt).

#include <beezup/subscriptions.hpp>

#include "../common/uuid.hpp"
#include "../json/subscription_json.hpp"
#include "../pipeline/link_header.hpp"
#include "../pipeline/pipeline.hpp"
#include "../pipeline/url_encoding.hpp"

#include <charconv>
#include <random>

namespace beezup {
namespace {

const std::string root = "/v2/user/marketplaces/orders/subscriptions/";

std::string path_of(const std::string& id, std::string_view action = {}) {
    // An empty id would name the list, "." and ".." another resource once the URL is normalised.
    if (id.empty() || id == "." || id == "..") throw invalid_request("'" + id + "' is not a subscription id");
    auto path = root + detail::percent_encode(id);
    if (!action.empty()) path.append("/").append(action);
    return path;
}

detail::api_request request(http_method method, std::string path, std::string body = {}) {
    detail::api_request r;
    r.method = method;
    r.path = std::move(path);
    r.body = std::move(body);
    return r;
}

call_context idempotent(call_context context, bool safe_to_repeat) {
    context.idempotent = safe_to_repeat;
    return context;
}

/// Sends a request that is not safe to repeat blindly: once, then, after a failure another try
/// may fix (no answer, 429, 5xx: the first may or may not have been applied), once more as
/// repeatable, within the deadline. A refusal of that resend is passed to `shows_first_applied`:
/// true when it is what the first send, applied after all, makes the server answer.
template <class Check>
void send_settling_doubt(detail::pipeline& http, const detail::api_request& r, const call_context& c,
                         const Check& shows_first_applied) {
    const bool may_resend = http.options().retry.max_attempts > 1;
    try {
        http.send(r, idempotent(c, false));
        return;
    } catch (const api_error& e) {
        if (!may_resend || !detail::is_retryable_status(e.status(), e.retry_after().has_value()) ||
            !http.wait_as_asked(e.retry_after(), http.backoff_delay(1), c))
            throw;
    } catch (const transport_error& e) {
        if (!may_resend || !detail::is_retryable_failure(e.failure()) || !http.sleep_within(http.backoff_delay(1), c))
            throw;
    }
    try {
        http.send(r, idempotent(c, true));
    } catch (const api_error& e) {
        if (!shows_first_applied(e)) throw;
    }
}

/// Keeps secrets a target URL carries (a token in its query) out of later logs and errors: BeezUP
/// echoes the URL in error messages and bodies.
void protect(detail::pipeline& http, const std::string& target_url) { http.redaction().add_url_secrets(target_url); }

std::optional<std::int64_t> total_count_of(const http_response& response) {
    const auto header = response.header("X-Total-Count");
    if (!header) return std::nullopt;
    std::int64_t count = -1;
    const auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), count);
    if (ec != std::errc() || end != header->data() + header->size() || count < 0)
        throw decode_error("header X-Total-Count", "expected a count, found \"" + header->substr(0, 40) + "\"");
    return count;
}

std::optional<int> next_page_of(const http_response& response) {
    const auto header = response.header("Link");
    const auto next = header ? detail::link_target(*header, "next") : std::nullopt;
    if (!next) return std::nullopt;
    const auto number = detail::query_parameter(*next, "pageNumber").value_or("");
    int page = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), page);
    if (ec != std::errc() || end != number.data() + number.size() || number.empty() || page < 1)
        throw decode_error("header Link", "rel=\"next\" names no page number (pageNumber=\"" + number.substr(0, 20) + "\")");
    return page;
}

}  // namespace

std::string new_subscription_id() {
    std::random_device device;
    auto draw = [&] { return (static_cast<std::uint64_t>(device()) << 32) | device(); };
    const auto high = draw();
    return common::format_uuid_v4(high, draw());
}

std::vector<subscription> subscriptions_api::list(const call_context& context) const {
    auto all = detail::json::decode_subscription_list(pipeline_->send(request(http_method::get, root), context).body);
    for (const auto& s : all) protect(*pipeline_, s.target_url);
    return all;
}

subscription subscriptions_api::get(const std::string& id, const call_context& context) const {
    auto s = detail::json::decode_subscription(pipeline_->send(request(http_method::get, path_of(id)), context).body);
    protect(*pipeline_, s.target_url);
    return s;
}

void subscriptions_api::create(const subscription_request& r, const call_context& context) const {
    for (const auto& [field, value] : {std::pair{"target_url", &r.target_url}, std::pair{"name", &r.name},
                                       std::pair{"application_name", &r.application_name},
                                       std::pair{"application_version", &r.application_version}})
        if (value->empty()) throw invalid_request(std::string("a subscription needs a ") + field);
    const auto c = pipeline_->bound(context);
    protect(*pipeline_, r.target_url);
    // The id is the client's, so a resend cannot make a second subscription: at worst it is
    // refused as taken (409) because the first send went through, which the subscription's
    // target URL confirms.
    send_settling_doubt(*pipeline_, request(http_method::post, path_of(r.id), detail::json::encode_create_subscription(r)),
                        c, [&](const api_error& e) { return e.status() == 409 && get(r.id, c).target_url == r.target_url; });
}

void subscriptions_api::activate(const std::string& id, const activation_window& window, const call_context& context) const {
    // Safe to repeat: a second activation checks the target again and replays the window again,
    // duplicates a consumer already tolerates (delivery is at least once).
    pipeline_->send(request(http_method::post, path_of(id, "activate"), detail::json::encode_activation(window)),
                    idempotent(context, true));
}

void subscriptions_api::deactivate(const std::string& id, const call_context& context) const {
    // Safe to repeat: the second finds the subscription inactive already.
    pipeline_->send(request(http_method::post, path_of(id, "deactivate")), idempotent(context, true));
}

void subscriptions_api::remove(const std::string& id, const call_context& context) const {
    // A resend after a lost answer finds nothing to delete (404) when the first went through.
    const auto c = pipeline_->bound(context);
    send_settling_doubt(*pipeline_, request(http_method::del, path_of(id)), c,
                        [](const api_error& e) { return e.status() == 404; });
}

push_report_page subscriptions_api::reporting(const std::string& id, int page_number, int page_size,
                                              const call_context& context) const {
    if (page_number < 1) throw invalid_request("reporting pages are numbered from 1");
    if (page_size < 1 || page_size > 100) throw invalid_request("a reporting page holds 1 to 100 rows");
    auto r = request(http_method::get, path_of(id, "reporting"));
    r.query = "pageNumber=" + std::to_string(page_number) + "&pageSize=" + std::to_string(page_size);
    const auto response = pipeline_->send(r, context);
    return {detail::json::decode_push_reports(response.body), total_count_of(response), next_page_of(response)};
}

void subscriptions_api::retry(const std::string& id, const call_context& context) const {
    // Sent once (unless the caller marks it idempotent): after a lost answer a resend's 409 could
    // not tell "retried and delivered" from "nothing to retry", so the caller sees the failure.
    pipeline_->send(request(http_method::post, path_of(id, "retry")), context);
}

}  // namespace beezup
