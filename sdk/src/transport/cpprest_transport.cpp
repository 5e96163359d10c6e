#include "default_transport.hpp"

#include <beezup/error.hpp>

#include <cpprest/http_client.h>

#include <boost/asio/ssl.hpp>

#include <algorithm>
#include <condition_variable>
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

// Cancels attempts that run past their time. One thread serves every request of a transport.
class watchdog {
    struct watched {
        pplx::cancellation_token_source cts;
        bool fired = false;
    };

public:
    using time_point = std::chrono::steady_clock::time_point;

    ~watchdog() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

    /// Keeps `cts` under watch while alive.
    class armed {
    public:
        armed(watchdog& w, time_point deadline, pplx::cancellation_token_source cts) : watchdog_(w) {
            std::lock_guard lock(w.mutex_);
            if (!w.thread_.joinable()) w.thread_ = std::thread([&w] { w.run(); });
            entry_ = w.pending_.emplace(deadline, watched{std::move(cts)});
            if (entry_ == w.pending_.begin()) w.wake_.notify_all();
        }
        ~armed() {
            std::lock_guard lock(watchdog_.mutex_);
            watchdog_.pending_.erase(entry_);
        }
        armed(const armed&) = delete;
        armed& operator=(const armed&) = delete;

    private:
        watchdog& watchdog_;
        std::multimap<time_point, watched>::iterator entry_;
    };

private:
    void run() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            // Entries already fired stay until their owner returns; the next one to fire is the
            // first that has not.
            auto next = std::find_if(pending_.begin(), pending_.end(), [](const auto& e) { return !e.second.fired; });
            if (next == pending_.end()) {
                wake_.wait(lock);
            } else if (const auto deadline = next->first; std::chrono::steady_clock::now() < deadline) {
                // A copy: the entry may be erased while we wait.
                wake_.wait_until(lock, deadline);
            } else {
                next->second.cts.cancel();
                next->second.fired = true;
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<time_point, watched> pending_;
    std::thread thread_;
    bool stopping_ = false;
};

class cpprest_transport final : public http_transport {
public:
    explicit cpprest_transport(const client_options& options) : options_(options) {}

    http_response send(const http_request& request, const cancellation_token& cancellation) override {
        // cpprest resends a request by itself when a pooled connection closes before the status
        // line (http_client_asio.cpp, handle_failed_read_status_line), but never on a connection
        // it has just opened. A request that is not idempotent therefore goes on a client of its
        // own, whose only connection is new (ADR 0007).
        std::unique_ptr<web::http::client::http_client> own_client;
        if (!request.idempotent) own_client = make_client(authority_of(request.url));
        auto& client = own_client ? *own_client : pooled_client_for(request);
        http::http_request req(to_cpprest(request.method));
        const auto authority = authority_of(request.url);
        req.set_request_uri(utility::conversions::to_string_t(request.url.substr(authority.size())));
        for (const auto& [name, value] : request.headers) req.headers().add(name, value);
        if (!request.body.empty() || request.method == http_method::post || request.method == http_method::put) {
            const auto type = request.headers.find("Content-Type");
            req.set_body(request.body, type == request.headers.end() ? "application/octet-stream" : type->second);
        }

        pplx::cancellation_token_source cts;
        const std::stop_callback registration(cancellation, [cts] { cts.cancel(); });
        const auto deadline = std::chrono::steady_clock::now() + request.timeout;
        watchdog::armed timer(watchdog_, deadline, cts);
        const auto limit = options_.max_response_body_bytes;
        http_response result;
        try {
            // Waiting on the tasks here, rather than chaining continuations, saves a thread hop
            // per step; the watchdog cancels the attempt when its time is up.
            auto response = client.request(req, cts.get_token()).get();
            result.status = response.status_code();
            result.reason = response.reason_phrase();
            for (const auto& [name, value] : response.headers()) result.headers[name] = value;
            const bool bodiless = request.method == http_method::head || result.status == 204 || result.status == 304;
            const auto length = bodiless ? utility::size64_t{0} : response.headers().content_length();
            if (length != static_cast<utility::size64_t>(-1) && length > limit)
                throw transport_error(transport_failure::protocol, "the response body announces " + std::to_string(length) +
                                                                       " bytes, over the limit of " + std::to_string(limit));
            if (length != static_cast<utility::size64_t>(-1)) {
                result.body = response.extract_utf8string(true).get();
            } else {
                auto body = std::make_shared<std::string>();
                read_body(response.body(), body, limit).get();
                result.body = std::move(*body);
            }
        } catch (const transport_error&) {
            cts.cancel();  // stop cpprest reading a body we refused
            throw;
        } catch (const std::exception& e) {
            cts.cancel();
            if (cancellation.stop_requested())
                throw transport_error(transport_failure::cancelled, "cancelled: " + describe(request));
            if (std::chrono::steady_clock::now() >= deadline)
                throw transport_error(transport_failure::timeout, "no complete response to " + describe(request) +
                                                                      " within " + std::to_string(request.timeout.count()) + " ms");
            const auto failure = classify(e);
            throw transport_error(failure, std::string(to_string(failure)) + " failure on " + describe(request) + ": " + e.what());
        }
        return result;
    }

private:
    static std::string describe(const http_request& request) {
        // The path only: query strings may carry data the caller did not mean to log.
        const auto authority = authority_of(request.url);
        const auto path = request.url.substr(authority.size());
        return std::string(to_string(request.method)) + " " + authority + path.substr(0, path.find('?'));
    }

    web::http::client::http_client& pooled_client_for(const http_request& request) {
        const auto authority = authority_of(request.url);
        std::lock_guard lock(mutex_);
        auto it = clients_.find(authority);
        if (it != clients_.end()) return *it->second;
        return *clients_.emplace(authority, make_client(authority)).first->second;
    }

    std::unique_ptr<web::http::client::http_client> make_client(const std::string& authority) const {
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
        return std::make_unique<web::http::client::http_client>(utility::conversions::to_string_t(authority), config);
    }

    client_options options_;
    watchdog watchdog_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<web::http::client::http_client>> clients_;
};

}  // namespace

std::shared_ptr<http_transport> make_default_transport(const client_options& options) {
    return std::make_shared<cpprest_transport>(options);
}

}  // namespace beezup::detail
