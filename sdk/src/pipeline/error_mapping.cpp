#include "error_mapping.hpp"

#include "retry_after.hpp"

#include "../json/error_json.hpp"


namespace beezup::detail {
namespace {

constexpr std::size_t max_kept_body = 64 * 1024;

std::string path_of(const std::string& url) {
    // "https://host:port/path?query" -> "/path"
    auto start = url.find("://");
    start = url.find('/', start == std::string::npos ? 0 : start + 3);
    if (start == std::string::npos) return "/";
    return url.substr(start, url.find('?', start) - start);
}

}  // namespace

void throw_api_error(const http_request& request, const http_response& response,
                     std::chrono::system_clock::time_point now, const redactor& redact) {
    api_error::response_info info;
    info.status = response.status;
    info.details = json::decode_error_details(response.body);
    // A server may echo what it was sent: nothing in the details may carry a secret.
    for (auto& detail : info.details) {
        detail.code = redact.scrub(std::move(detail.code));
        detail.message = redact.scrub(std::move(detail.message));
        if (detail.doc_url) detail.doc_url = redact.scrub(std::move(*detail.doc_url));
        for (auto& [name, value] : detail.arguments) value = redact.scrub(std::move(value));
    }
    info.raw_body = redact.scrub(response.body);  // before cutting, or a secret cut in two would survive
    if (info.raw_body.size() > max_kept_body) info.raw_body.resize(max_kept_body);
    for (const char* name : {"Request-Id", "X-Request-Id", "X-Correlation-Id", "apim-request-id", "X-Ms-Request-Id"}) {
        if (auto id = response.header(name)) {
            info.request_id = redact.scrub(*id);
            break;
        }
    }
    if (auto retry = response.header("Retry-After")) info.retry_after = parse_retry_after(*retry, now);
    if (auto location = response.header("Location")) info.location = redact.scrub(*location);

    std::string message = std::string("BeezUP answered ") + std::to_string(response.status);
    if (!response.reason.empty()) message += " " + response.reason;
    message += std::string(" to ") + to_string(request.method) + " " + path_of(request.url);
    if (!info.details.empty()) {
        message += ":";
        for (std::size_t i = 0; i < info.details.size() && i < 3; ++i)
            message += " " + info.details[i].code + (info.details[i].message.empty() ? "" : " (" + info.details[i].message + ")");
        if (info.details.size() > 3) message += " and " + std::to_string(info.details.size() - 3) + " more";
    } else if (!response.body.empty()) {
        message += " with a body that is not a BeezUP error (" + std::to_string(response.body.size()) + " bytes)";
    }
    if (info.request_id) message += " [request id " + *info.request_id + "]";
    message = redact.scrub(std::move(message));

    const int s = response.status;
    if (s == 400) throw bad_request_error(message, std::move(info));
    if (s == 401) throw unauthorized_error(message, std::move(info));
    if (s == 403) throw forbidden_error(message, std::move(info));
    if (s == 404) throw not_found_error(message, std::move(info));
    if (s == 409) throw conflict_error(message, std::move(info));
    if (s == 412) throw precondition_failed_error(message, std::move(info));
    if (s == 429) throw too_many_requests_error(message, std::move(info));
    if (s >= 500 && s <= 599) throw server_error(message, std::move(info));
    throw api_error(message, std::move(info));
}

}  // namespace beezup::detail
