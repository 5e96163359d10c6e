#pragma once
// Opening a cpprest HTTP listener the way our servers need it (push_server, the sandbox): on a
// free port when asked for port 0, retried when another process takes that port first, and with
// every method sent to the handler — cpprest answers TRACE (echoing the request) and OPTIONS
// itself unless handlers are registered for them.

#include "../common/free_port.hpp"

#include <cpprest/http_listener.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace beezup::detail {

struct open_listener_result {
    std::unique_ptr<web::http::experimental::listener::http_listener> listener;
    std::string base_url;  // "http://127.0.0.1:PORT"
};

/// Throws std::runtime_error naming the address when it cannot listen.
template <class Handler>
open_listener_result open_listener(const std::string& scheme, const std::string& host, int port,
                                   const web::http::experimental::listener::http_listener_config& config, Handler handler) {
    namespace http = web::http;
    const bool ephemeral = port == 0;
    for (int attempt = 0;; ++attempt) {
        const int chosen = ephemeral ? common::pick_free_port(host) : port;
        open_listener_result r;
        r.base_url = scheme + "://" + host + ":" + std::to_string(chosen);
        r.listener = std::make_unique<http::experimental::listener::http_listener>(r.base_url, config);
        r.listener->support(handler);
        r.listener->support(http::methods::TRCE, handler);
        r.listener->support(http::methods::OPTIONS, handler);
        try {
            r.listener->open().wait();
            return r;
        } catch (const std::exception& e) {
            if (!ephemeral || attempt >= 5) throw std::runtime_error("cannot listen on " + r.base_url + ": " + e.what());
        }
    }
}

}  // namespace beezup::detail
