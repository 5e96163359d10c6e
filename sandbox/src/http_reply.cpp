#include "http_reply.hpp"

#include "json_writer.hpp"

#include "common/gzip.hpp"

#include <cpprest/version.h>

namespace beezup::sandbox {
namespace {

// The cpprest built by scripts/setup.sh answers HEAD with the GET's headers (Content-Length
// included) and no body; an unpatched one would send the body, which the client then reads as
// the start of the next answer.
#ifdef CPPREST_LISTENER_HEAD_WITHOUT_BODY
constexpr bool head_answers_carry_body_length = true;
#else
constexpr bool head_answers_carry_body_length = false;
#endif

bool accepts_gzip(const web::http::http_request& request) {
    const auto& headers = request.headers();
    auto it = headers.find("Accept-Encoding");
    return it != headers.end() && it->second.find("gzip") != std::string::npos;
}

// Large bodies go compressed to clients that ask for it, as BeezUP's list/full does.
void set_body(const web::http::http_request& request, web::http::http_response& response, const std::string& body,
              const std::string& content_type) {
    if (body.size() < 1024 || !accepts_gzip(request)) {
        response.set_body(body, content_type);
        return;
    }
    const auto zipped = common::gzip_compress(body, 1);  // fastest: the sandbox answers many pages
    response.set_body(std::vector<unsigned char>(zipped.begin(), zipped.end()));
    response.headers().set_content_type(content_type);
    response.headers()["Content-Encoding"] = "gzip";
}

void add_headers(web::http::http_response& response, const outcome& result,
                 const std::function<void(web::http::http_headers&)>& extra_headers) {
    if (result.location) response.headers()["Location"] = *result.location;
    if (result.retry_after_seconds) response.headers()["Retry-After"] = std::to_string(*result.retry_after_seconds);
    if (extra_headers) extra_headers(response.headers());
}

void reply_headers_only(const web::http::http_request& request, web::http::http_response& response,
                        const outcome& result, const std::function<void(web::http::http_headers&)>& extra_headers) {
    add_headers(response, result, extra_headers);
    request.reply(response);
}

}  // namespace

std::string error_body(const std::string& code, const std::string& message) {
    json_writer w;
    w.begin_object().key("errors").begin_array().begin_object().member("code", code).member("message", message)
        .end_object().end_array().end_object();
    return w.take();
}

void reply(const web::http::http_request& request, const outcome& result,
           const std::function<void(web::http::http_headers&)>& extra_headers) {
    web::http::http_response response(static_cast<web::http::status_code>(result.status));
    if (!head_answers_carry_body_length && request.method() == web::http::methods::HEAD) {
        // This listener would send a HEAD answer's body: send none.
        reply_headers_only(request, response, result, extra_headers);
        return;
    }
    const bool failed = result.status >= 400;
    // An error with a body of its own (a batch's per-item errors) keeps it; others get BeezUP's.
    if (failed && result.body.empty())
        response.set_body(error_body(result.error_code, result.error_message), "application/json; charset=utf-8");
    else if (failed)
        response.set_body(result.body, result.content_type);
    else if (!result.body.empty())
        set_body(request, response, result.body, result.content_type);
    add_headers(response, result, extra_headers);
    request.reply(response);
}

}  // namespace beezup::sandbox
