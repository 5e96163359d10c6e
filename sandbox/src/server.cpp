#include <beezup/sandbox/server.hpp>

#include "lov_catalog.hpp"

#include <cpprest/http_listener.h>

#include <boost/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>

namespace beezup::sandbox {
namespace {

namespace http = web::http;
using listener_type = web::http::experimental::listener::http_listener;

int pick_free_port(const std::string& host) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("sandbox: cannot find a free port on " + host);
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string error_body(const std::string& code, const std::string& message) {
    return boost::json::serialize(boost::json::object{
        {"errors", boost::json::array{boost::json::object{{"code", code}, {"message", message}}}}});
}

void reply_json(const http::http_request& request, http::status_code status, const std::string& body,
                const std::function<void(http::http_headers&)>& extra = {}) {
    http::http_response response(status);
    if (!body.empty()) response.set_body(body, "application/json; charset=utf-8");
    if (extra) extra(response.headers());
    request.reply(response);
}

void reply_error(const http::http_request& request, http::status_code status, const std::string& code,
                 const std::string& message, const std::function<void(http::http_headers&)>& extra = {}) {
    reply_json(request, status, error_body(code, message), extra);
}

// The language BeezUP would answer in: the first of Accept-Language we know, else English.
std::string pick_language(const http::http_request& request) {
    const auto& headers = request.headers();
    auto it = headers.find("Accept-Language");
    if (it != headers.end() && it->second.rfind("fr", 0) == 0) return "fr";
    return "en";
}

}  // namespace

struct server::impl {
    server_options options;
    std::string base_url;
    std::unique_ptr<listener_type> listener;
    std::atomic<std::uint64_t> received{0};

    std::mutex rate_mutex;
    std::chrono::steady_clock::time_point window_start = std::chrono::steady_clock::now();
    int calls_in_window = 0;

    /// Seconds until the caller may call again, or 0 if this call is within the limit.
    int rate_limit_wait() {
        if (options.rate_limit_per_minute <= 0) return 0;
        std::lock_guard lock(rate_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - window_start >= std::chrono::minutes(1)) {
            window_start = now;
            calls_in_window = 0;
        }
        if (calls_in_window >= options.rate_limit_per_minute) {
            const auto left = std::chrono::ceil<std::chrono::seconds>(window_start + std::chrono::minutes(1) - now);
            return static_cast<int>(std::max<long long>(1, left.count()));
        }
        ++calls_in_window;
        return 0;
    }

    void handle(http::http_request request) {
        ++received;
        try {
            route(request);
        } catch (const std::exception& e) {
            reply_error(request, http::status_codes::InternalError, "InternalError", e.what());
        }
    }

    void route(const http::http_request& request) {
        const auto path = request.relative_uri().path();
        const bool is_public = path.rfind("/v2/public/", 0) == 0;
        if (!is_public) {
            const auto& headers = request.headers();
            auto key = headers.find("Ocp-Apim-Subscription-Key");
            if (key == headers.end() || (!options.api_key.empty() && key->second != options.api_key)) {
                reply_error(request, http::status_codes::Unauthorized, "InvalidSubscriptionKey",
                            "Access denied due to missing or invalid subscription key.");
                return;
            }
        }
        if (const int wait = rate_limit_wait()) {
            reply_error(request, http::status_codes::TooManyRequests, "RateLimitExceeded",
                        "Rate limit is exceeded. Try again in " + std::to_string(wait) + " seconds.",
                        [wait](http::http_headers& h) { h["Retry-After"] = std::to_string(wait); });
            return;
        }
        const auto length = request.headers().content_length();
        if (length != static_cast<utility::size64_t>(-1) && length > options.max_request_body_bytes) {
            reply_error(request, http::status_codes::RequestEntityTooLarge, "RequestTooLarge",
                        "The request body exceeds " + std::to_string(options.max_request_body_bytes) + " bytes.");
            return;
        }

        for (const char* prefix : {"/v2/user/lov/", "/v2/public/lov/"}) {
            if (path.rfind(prefix, 0) != 0) continue;
            if (request.method() != http::methods::GET) {
                reply_error(request, http::status_codes::MethodNotAllowed, "MethodNotAllowed",
                            "The method " + request.method() + " is not allowed on " + path);
                return;
            }
            const auto name = web::uri::decode(path.substr(std::string(prefix).size()));
            if (name.empty())
                serve_lov_index(request, prefix);
            else
                serve_lov(request, name, prefix);
            return;
        }
        reply_error(request, http::status_codes::NotFound, "ResourceNotFound", "No resource at " + path);
    }

    void serve_lov_index(const http::http_request& request, const std::string& prefix) {
        boost::json::object lists;
        for (const auto& name : list_names()) lists[name] = boost::json::object{{"href", prefix + name}};
        boost::json::object body{{"links", boost::json::object{{"self", boost::json::object{{"href", prefix}}},
                                                              {"lists", lists}}}};
        reply_json(request, http::status_codes::OK, boost::json::serialize(body));
    }

    void serve_lov(const http::http_request& request, const std::string& name, const std::string& prefix) {
        const auto* entries = find_list(name);
        if (!entries) {
            reply_error(request, http::status_codes::NotFound, "ListOfValuesNotFound",
                        "The list of values '" + name + "' does not exist.");
            return;
        }
        const auto language = pick_language(request);
        const auto etag = "\"lov-" + std::to_string(std::hash<std::string>{}(name + "/" + language)) + "\"";
        auto set_headers = [&](http::http_headers& h) {
            h["ETag"] = etag;
            h["Content-Language"] = language;
            h["Cache-Control"] = "private, max-age=3600";
        };
        const auto& headers = request.headers();
        if (auto inm = headers.find("If-None-Match"); inm != headers.end() && inm->second == etag) {
            reply_json(request, http::status_codes::NotModified, "", set_headers);
            return;
        }
        boost::json::array items;
        int position = 1;
        for (const auto& entry : *entries)
            items.push_back(boost::json::object{{"codeIdentifier", entry.code},
                                                {"intIdentifier", entry.int_id},
                                                {"position", position++},
                                                {"translationText", language == "fr" ? entry.label_fr : entry.label_en}});
        boost::json::object body{{"items", items},
                                 {"links", boost::json::object{{"self", boost::json::object{{"href", prefix + name}}}}}};
        reply_json(request, http::status_codes::OK, boost::json::serialize(body), set_headers);
    }
};

server::server(server_options options) : impl_(std::make_unique<impl>()) {
    impl_->options = std::move(options);
    const bool ephemeral = impl_->options.port == 0;
    for (int attempt = 0;; ++attempt) {
        const int port = ephemeral ? pick_free_port(impl_->options.host) : impl_->options.port;
        impl_->base_url = "http://" + impl_->options.host + ":" + std::to_string(port);
        impl_->listener = std::make_unique<listener_type>(impl_->base_url);
        impl_->listener->support([this](http::http_request request) { impl_->handle(std::move(request)); });
        try {
            impl_->listener->open().wait();
            return;
        } catch (const std::exception& e) {
            // Another process may have taken the ephemeral port between our probe and the bind.
            if (!ephemeral || attempt >= 5)
                throw std::runtime_error("sandbox: cannot listen on " + impl_->base_url + ": " + e.what());
        }
    }
}

server::~server() {
    try {
        impl_->listener->close().wait();
    } catch (...) {
        // Closing a listener whose clients vanished may throw; nothing is left to clean up.
    }
}

const std::string& server::base_url() const noexcept { return impl_->base_url; }

std::uint64_t server::requests_received() const noexcept { return impl_->received.load(); }

}  // namespace beezup::sandbox
