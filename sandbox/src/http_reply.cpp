#include "http_reply.hpp"

#include "json_writer.hpp"

namespace beezup::sandbox {

std::string error_body(const std::string& code, const std::string& message) {
    json_writer w;
    w.begin_object().key("errors").begin_array().begin_object().member("code", code).member("message", message)
        .end_object().end_array().end_object();
    return w.take();
}

void reply(const web::http::http_request& request, const outcome& result,
           const std::function<void(web::http::http_headers&)>& extra_headers) {
    web::http::http_response response(static_cast<web::http::status_code>(result.status));
    const bool failed = result.status >= 400;
    if (failed)
        response.set_body(error_body(result.error_code, result.error_message), "application/json; charset=utf-8");
    else if (!result.body.empty())
        response.set_body(result.body, result.content_type);
    if (result.location) response.headers()["Location"] = *result.location;
    if (result.retry_after_seconds) response.headers()["Retry-After"] = std::to_string(*result.retry_after_seconds);
    if (extra_headers) extra_headers(response.headers());
    request.reply(response);
}

}  // namespace beezup::sandbox
