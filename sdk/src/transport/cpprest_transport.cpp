#include "cpprest_transport.hpp"

#include <beezup/error.hpp>

#include <cpprest/http_client.h>

#include <boost/asio/ssl.hpp>

#include <future>
#include <map>
#include <mutex>

namespace beezup::detail {
namespace {

namespace http = web::http;

http::method to_cpprest(http_method method) {
    switch (method) {
    case http_method::get: return http::methods::GET;
    case http_method::head: return http::methods::HEAD;
    case http_method::post: return http::methods::POST;
    case http_method::put: return http::methods::PUT;
    case http_method::patch: return http::methods::PATCH;
    case http_method::del: return http::methods::DEL;
    }
    return http::methods::GET;
}

// cpprest reports failures as http_exception with a std::error_code, or a message only.
transport_failure classify(const std::exception& e) {
    std::string what = e.what();
    if (const auto* he = dynamic_cast<const http::http_exception*>(&e)) {
        const auto code = he->error_code();
        if (code == std::errc::timed_out) return transport_failure::timeout;
        if (code == std::errc::connection_refused || code == std::errc::host_unreachable ||
            code == std::errc::network_unreachable || code == std::errc::address_not_available)
            return transport_failure::connect;
        if (code == std::errc::operation_canceled) return transport_failure::cancelled;
    }
    for (const char* needle : {"certificate", "handshake", "SSL", "ssl", "TLS"})
        if (what.find(needle) != std::string::npos) return transport_failure::tls;
    for (const char* needle : {"resolv", "connect", "Connection refused", "Host not found"})
        if (what.find(needle) != std::string::npos && what.find("reset") == std::string::npos &&
            what.find("read") == std::string::npos)
            return transport_failure::connect;
    return transport_failure::connection;
}

std::string authority_of(const std::string& url) {
    const auto scheme_end = url.find("://");
    const auto path = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
    return url.substr(0, path);
}

// Reads the body chunk by chunk so that an oversized one is abandoned at the limit.
pplx::task<void> read_body(concurrency::streams::istream in, std::shared_ptr<std::string> out, std::size_t limit) {
    auto chunk = std::make_shared<concurrency::streams::container_buffer<std::string>>();
    return in.read(*chunk, 64 * 1024).then([in, out, limit, chunk](std::size_t n) {
        if (n == 0) return pplx::task_from_result();
        out->append(chunk->collection().data(), std::min(n, chunk->collection().size()));
        if (out->size() > limit)
            throw transport_error(transport_failure::protocol,
                                  "the response body exceeds the limit of " + std::to_string(limit) + " bytes");
        return read_body(in, out, limit);
    });
}

class cpprest_transport final : public http_transport {
public:
    explicit cpprest_transport(const client_options& options) : options_(options) {}

    http_response send(const http_request& request, const cancellation_token& cancellation) override {
        auto& client = client_for(request);
        http::http_request req(to_cpprest(request.method));
        const auto authority = authority_of(request.url);
        req.set_request_uri(utility::conversions::to_string_t(request.url.substr(authority.size())));
        for (const auto& [name, value] : request.headers) req.headers().add(name, value);
        if (!request.body.empty() || request.method == http_method::post || request.method == http_method::put) {
            const auto type = request.headers.find("Content-Type");
            req.set_body(request.body, type == request.headers.end() ? "application/octet-stream" : type->second);
        }

        pplx::cancellation_token_source cts;
        auto registration = cancellation.on_cancel([cts] { cts.cancel(); });
        auto result = std::make_shared<http_response>();
        auto body = std::make_shared<std::string>();
        const auto limit = options_.max_response_body_bytes;
        auto task = client.request(req, cts.get_token()).then([result, body, limit](http::http_response response) {
            result->status = response.status_code();
            result->reason = response.reason_phrase();
            for (const auto& [name, value] : response.headers()) result->headers[name] = value;
            const auto length = response.headers().content_length();
            if (length != static_cast<utility::size64_t>(-1) && length > limit)
                throw transport_error(transport_failure::protocol, "the response body announces " + std::to_string(length) +
                                                                       " bytes, over the limit of " + std::to_string(limit));
            return read_body(response.body(), body, limit);
        });

        std::promise<void> done;
        auto finished = done.get_future();
        task.then([&done](pplx::task<void> t) {
            try {
                t.get();
                done.set_value();
            } catch (...) {
                done.set_exception(std::current_exception());
            }
        });
        if (finished.wait_for(request.timeout) != std::future_status::ready) {
            cts.cancel();
            finished.wait();  // cpprest completes promptly once cancelled; `done` must outlive it
            throw transport_error(transport_failure::timeout, "no complete response to " + describe(request) + " within " +
                                                                  std::to_string(request.timeout.count()) + " ms");
        }
        try {
            finished.get();
        } catch (const transport_error&) {
            throw;
        } catch (const pplx::task_canceled&) {
            throw transport_error(transport_failure::cancelled, "cancelled: " + describe(request));
        } catch (const std::exception& e) {
            auto failure = cancellation.is_cancelled() ? transport_failure::cancelled : classify(e);
            throw transport_error(failure, std::string(to_string(failure)) + " failure on " + describe(request) + ": " + e.what());
        }
        result->body = std::move(*body);
        return std::move(*result);
    }

private:
    static std::string describe(const http_request& request) {
        // The path only: query strings may carry data the caller did not mean to log.
        const auto authority = authority_of(request.url);
        const auto path = request.url.substr(authority.size());
        return std::string(to_string(request.method)) + " " + authority + path.substr(0, path.find('?'));
    }

    web::http::client::http_client& client_for(const http_request& request) {
        const auto authority = authority_of(request.url);
        std::lock_guard lock(mutex_);
        auto it = clients_.find(authority);
        if (it != clients_.end()) return *it->second;

        web::http::client::http_client_config config;
        // cpprest's timer restarts on every read and write: it bounds silences, not the whole
        // attempt, which send() bounds itself.
        config.set_timeout(std::chrono::duration_cast<std::chrono::microseconds>(options_.request_timeout));
        config.set_validate_certificates(options_.tls.verify_peer);
        if (!options_.tls.ca_file.empty()) {
            const auto ca_file = options_.tls.ca_file;
            config.set_ssl_context_callback([ca_file](boost::asio::ssl::context& context) {
                context.set_default_verify_paths();
                context.load_verify_file(ca_file);
            });
        }
        if (!options_.proxy_url.empty()) config.set_proxy(web::web_proxy(utility::conversions::to_string_t(options_.proxy_url)));
        config.set_request_compressed_response(false);  // the pipeline decodes, under its size limit
        auto client = std::make_unique<web::http::client::http_client>(utility::conversions::to_string_t(authority), config);
        return *clients_.emplace(authority, std::move(client)).first->second;
    }

    client_options options_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<web::http::client::http_client>> clients_;
};

}  // namespace

std::shared_ptr<http_transport> make_cpprest_transport(const client_options& options) {
    return std::make_shared<cpprest_transport>(options);
}

}  // namespace beezup::detail
