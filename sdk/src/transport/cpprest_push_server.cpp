// push_server on cpprest's HTTP listener.

#include <beezup/error.hpp>
#include <beezup/push_server.hpp>

#include "open_listener.hpp"

#include <cpprest/http_listener.h>
#include <cpprest/version.h>  // CPPREST_LISTENER_MAX_REQUEST_BODY

#include <boost/asio/ssl.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace beezup {
namespace {

namespace http = web::http;
using listener_type = http::experimental::listener::http_listener;

bool under(const std::string& path, const std::string& base) {
    return path == base || (path.size() > base.size() && path.compare(0, base.size(), base) == 0 && path[base.size()] == '/');
}

}  // namespace

struct push_server::impl : std::enable_shared_from_this<push_server::impl> {
    std::shared_ptr<push_receiver> receiver;
    push_server_options options;
    std::string url;
    std::unique_ptr<listener_type> listener;

    std::mutex mutex;
    std::condition_variable idle;
    int in_flight = 0;
    bool stopping = false;
    std::once_flag closed;

    // No thread waits in here: the body is read, then the push written, by continuations, and
    // the reply leaves from whichever thread learns the answer.
    void handle(http::http_request request) {
        {
            std::lock_guard lock(mutex);
            if (stopping) {
                request.reply(http::status_codes::ServiceUnavailable);
                return;
            }
            ++in_flight;
        }
        const auto path = request.relative_uri().path();
        try {
            if (path == options.health_path && request.method() == http::methods::GET) {
                reply_health(request);
                return finished();
            }
            if (!under(path, options.path)) {
                request.reply(http::status_codes::NotFound);
                return finished();
            }
            auto r = std::make_shared<push_http_request>(
                push_http_request{request.method(), path, request.relative_uri().query(), {}, {}, request.remote_address()});
            for (const auto& [name, value] : request.headers()) r->headers[name] = value;
#ifndef CPPREST_LISTENER_MAX_REQUEST_BODY
            // Without the listener's own cap, a body announced over the receiver's is refused here
            // (but cpprest still reads it before the answer leaves).
            const auto length = request.headers().content_length();
            if (length != static_cast<utility::size64_t>(-1) && length > receiver->max_body_bytes()) return answer(request, *r);
#endif
            // The continuation keeps this state alive: it may run after push_server is gone.
            request.extract_vector().then([self = shared_from_this(), request, r](pplx::task<std::vector<unsigned char>> body) {
                try {
                    const auto bytes = body.get();
                    r->body.assign(bytes.begin(), bytes.end());
                    self->answer(request, *r);
                } catch (...) {
                    self->fail(request);
                }
            });
        } catch (...) {
            fail(request);
        }
    }

    void answer(const http::http_request& request, const push_http_request& r) {
        // Weak: this callback may end on the inbox's thread, which must not be the one to destroy
        // the server (and through it the receiver and the inbox).
        receiver->handle_async(r, [weak = weak_from_this(), request](push_http_response response) {
            try {
                reply(request, response);
            } catch (...) {
                // The peer is gone.
            }
            if (const auto self = weak.lock()) self->finished();
        });
    }

    void fail(const http::http_request& request) {
        try {
            request.reply(http::status_codes::InternalError);
        } catch (...) {
            // The peer is gone.
        }
        finished();
    }

    void finished() {
        std::lock_guard lock(mutex);
        if (--in_flight == 0) idle.notify_all();
    }

    void reply_health(const http::http_request& request) const {
        const auto s = receiver->stats();
        http::http_response response(http::status_codes::OK);
        response.set_body("{\"status\":\"ok\",\"accepted\":" + std::to_string(s.accepted) +
                              ",\"verifications\":" + std::to_string(s.verifications) +
                              ",\"refused\":" + std::to_string(s.refused) + ",\"failed\":" + std::to_string(s.failed) + "}",
                          "application/json");
        request.reply(response);
    }

    static void reply(const http::http_request& request, const push_http_response& answer) {
        http::http_response response(static_cast<http::status_code>(answer.status));
        for (const auto& [name, value] : answer.headers)
            if (name != "Content-Type") response.headers()[name] = value;
        if (!answer.body.empty()) {
            const auto type = answer.headers.find("Content-Type");
            response.set_body(answer.body, type == answer.headers.end() ? "application/json" : type->second);
        }
        request.reply(response);
    }
};

push_server::push_server(std::shared_ptr<push_receiver> receiver, push_server_options options)
    : impl_(std::make_shared<impl>()) {
    if (!receiver) throw error("push_server: no receiver");
    if (options.path.empty() || options.path.front() != '/') throw error("push_server: the path must start with '/'");
    const bool tls = !options.tls_certificate_file.empty() || !options.tls_private_key_file.empty();
    if (tls && (options.tls_certificate_file.empty() || options.tls_private_key_file.empty()))
        throw error("push_server: TLS needs both a certificate file and a private key file");
    impl_->receiver = std::move(receiver);
    impl_->options = std::move(options);
    auto& o = impl_->options;

    http::experimental::listener::http_listener_config config;
#ifdef CPPREST_LISTENER_MAX_REQUEST_BODY
    // The listener refuses (413, connection closed) a body over the receiver's cap before reading
    // it, announced or chunked: an unauthenticated peer cannot make the server buffer more.
    config.set_max_request_body_size(impl_->receiver->max_body_bytes());
#endif
    if (tls) {
        config.set_ssl_context_callback([cert = o.tls_certificate_file, key = o.tls_private_key_file](boost::asio::ssl::context& ctx) {
            ctx.set_options(boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
                            boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
                            boost::asio::ssl::context::no_tlsv1_1);
            ctx.use_certificate_chain_file(cert);
            ctx.use_private_key_file(key, boost::asio::ssl::context::pem);
        });
    }
    try {
        auto opened = detail::open_listener(tls ? "https" : "http", o.address, o.port, config,
                                            [state = impl_.get()](http::http_request request) { state->handle(std::move(request)); });
        impl_->listener = std::move(opened.listener);
        impl_->url = opened.base_url + o.path;
    } catch (const std::exception& e) {
        throw error(std::string("push_server: ") + e.what());
    }
}

push_server::~push_server() {
    try {
        stop();
    } catch (...) {
        // Closing a listener whose peers vanished may throw; nothing is left to clean up.
    }
}

const std::string& push_server::url() const noexcept { return impl_->url; }

void push_server::stop() {
    // Once, whoever calls: a second caller waits for the first to finish.
    std::call_once(impl_->closed, [this] {
        {
            std::unique_lock lock(impl_->mutex);
            impl_->stopping = true;
            impl_->idle.wait_for(lock, impl_->options.drain_timeout, [&] { return impl_->in_flight == 0; });
        }
        impl_->listener->close().wait();
    });
}

}  // namespace beezup
