#include "default_transport.hpp"

#include "../pipeline/url_encoding.hpp"

#include <beezup/error.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/evp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// The client side of HTTP on Boost.Beast, run on the caller's thread: a request costs no hand-off
// between threads, and its deadline is the socket's expiry (ADR 0015).

namespace beezup::detail {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;

constexpr std::size_t idle_connections_per_origin = 32;
// Servers drop idle keep-alive connections after a minute or more; one older than this is not
// worth the risk of a request lost on a closing socket.
constexpr auto longest_idle = std::chrono::seconds(50);

[[noreturn]] void fail(transport_failure failure, const std::string& what) { throw transport_error(failure, what); }

bool is_ip_literal(const std::string& host) {
    beast::error_code ec;
    net::ip::make_address(host, ec);
    return !ec;
}

// Scheme, host and port of a URL, and the rest of it (path and query).
struct url_parts {
    bool tls = false;
    std::string user_info;  // percent-encoded, as written
    std::string host;       // an IPv6 literal without its brackets
    std::string port;
    std::string target;     // "/" when the URL has no path

    // The host as a URL writes it: an IPv6 literal in brackets.
    std::string url_host() const { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }
    std::string authority() const { return url_host() + ":" + port; }
    std::string host_header() const {
        const bool default_port = port == (tls ? "443" : "80");
        return url_host() + (default_port ? "" : ":" + port);
    }
    std::string origin() const { return (tls ? "https://" : "http://") + host_header(); }
};

url_parts parse_url(const std::string& url) {
    url_parts parts;
    std::size_t at;
    if (url.rfind("https://", 0) == 0) {
        parts.tls = true;
        at = 8;
    } else if (url.rfind("http://", 0) == 0) {
        at = 7;
    } else {
        fail(transport_failure::protocol, "unsupported URL scheme (http:// or https:// only)");
    }
    const auto end = url.find_first_of("/?#", at);
    std::string authority = url.substr(at, end == std::string::npos ? std::string::npos : end - at);
    parts.target = end == std::string::npos || url[end] == '#' ? "/" : url.substr(end, url.find('#', end) - end);
    if (parts.target.front() == '?') parts.target.insert(0, "/");
    if (const auto user_end = authority.rfind('@'); user_end != std::string::npos) {
        parts.user_info = authority.substr(0, user_end);
        authority.erase(0, user_end + 1);
    }
    std::size_t port_colon = std::string::npos;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string::npos || (close + 1 < authority.size() && authority[close + 1] != ':'))
            fail(transport_failure::protocol, "malformed IPv6 address in a URL");
        parts.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size()) port_colon = close + 1;
    } else {
        port_colon = authority.rfind(':');
        parts.host = authority.substr(0, port_colon);
    }
    parts.port = port_colon == std::string::npos ? "" : authority.substr(port_colon + 1);
    if (parts.port.empty()) parts.port = parts.tls ? "443" : "80";
    if (parts.port.size() > 5 || parts.port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(parts.port) > 65535)
        fail(transport_failure::protocol, "a URL with an invalid port");
    if (parts.host.empty()) fail(transport_failure::protocol, "a URL without a host");
    return parts;
}

// "Basic ..." for the user and password written in a proxy URL.
std::string basic_credentials(const std::string& user_info) {
    const auto plain = percent_decode(user_info);
    std::string encoded(4 * ((plain.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                  reinterpret_cast<const unsigned char*>(plain.data()), static_cast<int>(plain.size()));
    encoded.resize(static_cast<std::size_t>(n));
    return "Basic " + encoded;
}

// A line break in a header or the target would split the request in two on a kept-alive
// connection: refused before anything is sent (the value is not quoted: it may be a secret).
void check_request_line_safe(const http_request& request, const std::string& target) {
    const auto unsafe = [](std::string_view text) {
        return std::any_of(text.begin(), text.end(), [](char ch) { return ch == '\r' || ch == '\n' || ch == '\0'; });
    };
    if (unsafe(target) || target.find(' ') != std::string::npos) throw error("the request URL holds a space or a line break");
    for (const auto& [name, value] : request.headers)
        if (unsafe(name) || unsafe(value)) throw error("the request header " + (unsafe(name) ? std::string("name") : name) +
                                                        " holds a line break");
}

bhttp::verb to_verb(http_method method) {
    switch (method) {
    case http_method::get: return bhttp::verb::get;
    case http_method::head: return bhttp::verb::head;
    case http_method::post: return bhttp::verb::post;
    case http_method::put: return bhttp::verb::put;
    case http_method::patch: return bhttp::verb::patch;
    case http_method::del: return bhttp::verb::delete_;
    }
    return bhttp::verb::get;
}

// Host names resolve on a thread of their own: getaddrinfo cannot be interrupted, and a call must
// still end by its deadline. The thread finishes on its own if nobody waits for it any more.
std::vector<tcp::endpoint> resolve(const url_parts& where, steady::time_point deadline, const cancellation_token& cancellation) {
    const auto port = static_cast<unsigned short>(std::stoul(where.port));
    if (is_ip_literal(where.host)) return {tcp::endpoint(net::ip::make_address(where.host), port)};
    struct lookup {
        std::mutex mutex;
        std::condition_variable done_or_stopped;
        bool done = false;
        std::vector<tcp::endpoint> endpoints;
    };
    auto state = std::make_shared<lookup>();
    std::thread resolver_thread;
    try {
        resolver_thread = std::thread([state, host = where.host, service = where.port] {
            net::io_context io;
            tcp::resolver resolver(io);
            beast::error_code ec;
            const auto results = resolver.resolve(host, service, ec);
            std::lock_guard lock(state->mutex);
            if (!ec)
                for (const auto& entry : results) state->endpoints.push_back(entry.endpoint());
            state->done = true;
            state->done_or_stopped.notify_all();
        });
    } catch (const std::system_error& e) {
        fail(transport_failure::connect, "cannot resolve " + where.host + ": " + e.what());
    }
    resolver_thread.detach();
    const std::stop_callback wake(cancellation, [state] {
        std::lock_guard lock(state->mutex);
        state->done_or_stopped.notify_all();
    });
    std::unique_lock lock(state->mutex);
    state->done_or_stopped.wait_until(lock, deadline, [&] { return state->done || cancellation.stop_requested(); });
    if (cancellation.stop_requested()) fail(transport_failure::cancelled, "cancelled while resolving " + where.host);
    if (!state->done) fail(transport_failure::connect, "could not resolve " + where.host + " in time");
    if (state->endpoints.empty()) fail(transport_failure::connect, "could not resolve " + where.host);
    return state->endpoints;
}

// Shuts down the sockets of requests that run past their deadline, which ends their blocking
// reads and writes at once. One thread serves every request of a transport, and is woken only
// when a deadline comes before the one it sleeps until.
class deadline_watch {
    struct watched {
        int socket;
        bool fired = false;
    };

public:
    using time_point = steady::time_point;

    ~deadline_watch() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_ && owner_ == ::getpid()) thread_->join();
        // In a forked child the thread object names the parent's thread: left alone.
        if (owner_ != ::getpid()) (void)thread_.release();
    }

    /// Keeps `socket` under watch while alive.
    class guard {
    public:
        guard(deadline_watch& watch, time_point deadline, int socket) : watch_(watch) {
            std::lock_guard lock(watch.mutex_);
            watch.ensure_running();
            entry_ = watch.pending_.emplace(deadline, watched{socket});
            if (deadline < watch.sleeping_until_) watch.wake_.notify_all();
        }
        ~guard() {
            std::lock_guard lock(watch_.mutex_);
            watch_.pending_.erase(entry_);
        }
        guard(const guard&) = delete;
        guard& operator=(const guard&) = delete;

        /// Whether the deadline passed and the socket was shut down.
        bool fired() const {
            std::lock_guard lock(watch_.mutex_);
            return entry_->second.fired;
        }

    private:
        deadline_watch& watch_;
        std::multimap<time_point, watched>::iterator entry_;
    };

private:
    // Starts the thread, in this process: a child of fork() inherits the object, not the thread.
    void ensure_running() {
        if (thread_ && owner_ == ::getpid()) return;
        if (thread_) {
            // A forked child: the thread and the requests being watched were the parent's.
            // Shutting their sockets down from here would cut the parent's connections.
            (void)thread_.release();
            pending_.clear();
        }
        sleeping_until_ = time_point::max();
        owner_ = ::getpid();
        thread_ = std::make_unique<std::thread>([this] { run(); });
    }

    void run() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            // Entries already fired stay until their owner returns; the next one to fire is the
            // first that has not.
            auto next = std::find_if(pending_.begin(), pending_.end(), [](const auto& e) { return !e.second.fired; });
            if (next == pending_.end()) {
                sleeping_until_ = time_point::max();
                wake_.wait(lock);
            } else if (const auto deadline = next->first; steady::now() < deadline) {
                sleeping_until_ = deadline;
                wake_.wait_until(lock, deadline);
            } else {
                ::shutdown(next->second.socket, SHUT_RDWR);
                next->second.fired = true;
            }
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<time_point, watched> pending_;
    time_point sleeping_until_ = time_point::max();
    std::unique_ptr<std::thread> thread_;
    pid_t owner_ = 0;
    bool stopping_ = false;
};

// One keep-alive connection. After connecting, its reads and writes block the calling thread:
// fewer system calls than asynchronous I/O, and no thread to hand the bytes over to.
struct connection {
    net::io_context io;  // runs the asynchronous connect only
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer{1 << 20};  // bounds what one header line or chunk line may take
    steady::time_point idle_since;

    beast::tcp_stream& tcp() { return plain ? *plain : secure->next_layer(); }
    int socket() { return tcp().socket().native_handle(); }

    // Whether a pooled connection can carry another request (only those whose answer left no
    // bytes behind are pooled): a socket that became readable while idle was closed by the
    // server (or sent something unasked).
    bool still_usable() {
        if (steady::now() - idle_since > longest_idle) return false;
        if (secure && (SSL_has_pending(secure->native_handle()) != 0 ||
                       BIO_ctrl_pending(SSL_get_rbio(secure->native_handle())) != 0))
            return false;
        pollfd descriptor{socket(), POLLIN, 0};
        return ::poll(&descriptor, 1, 0) == 0;
    }
};

// Cancellation shuts the socket down, which ends the blocking call in progress.
struct shut_down_on_stop {
    int socket;
    void operator()() const { ::shutdown(socket, SHUT_RDWR); }
};

class beast_transport final : public http_transport {
public:
    explicit beast_transport(const client_options& options)
        : options_(options), tls_context_(ssl::context::tls_client) {
        tls_context_.set_default_verify_paths();
        if (!options_.tls.ca_file.empty()) {
            beast::error_code ec;
            tls_context_.load_verify_file(options_.tls.ca_file, ec);
            if (ec) throw error("cannot read the CA file " + options_.tls.ca_file + ": " + ec.message());
        }
        tls_context_.set_verify_mode(options_.tls.verify_peer ? ssl::verify_peer : ssl::verify_none);
        if (!options_.proxy_url.empty()) {
            try {
                proxy_ = parse_url(options_.proxy_url);
            } catch (const transport_error& e) {
                throw error(std::string("client_options::proxy_url: ") + e.what());
            }
            if (proxy_->tls) throw error("client_options::proxy_url: only http:// proxies are supported");
            if (!proxy_->user_info.empty()) proxy_credentials_ = basic_credentials(proxy_->user_info);
        }
    }

    http_response send(const http_request& request, const cancellation_token& cancellation) override {
        const auto where = parse_url(request.url);
        if (!where.user_info.empty()) fail(transport_failure::protocol, "a request URL with credentials in it");
        check_request_line_safe(request, where.target);
        const auto start = steady::now();
        const auto deadline = start + request.timeout;
        if (cancellation.stop_requested()) fail(transport_failure::cancelled, "cancelled: " + describe(request, where));

        // A request that is not idempotent goes on a new connection: if a pooled one was closing,
        // whether the server took the request could not be known (ADR 0007).
        std::unique_ptr<connection> c = request.idempotent ? take_idle(where) : nullptr;
        if (!c) c = open(where, std::min(deadline, start + request.connect_timeout), cancellation, request);

        exchanged result;
        {
            const deadline_watch::guard watch(watch_, deadline, c->socket());
            const std::stop_callback stop(cancellation, shut_down_on_stop{c->socket()});
            const auto failed = [&](transport_failure failure, const std::string& what, const beast::error_code& ec) {
                if (cancellation.stop_requested()) fail(transport_failure::cancelled, "cancelled: " + describe(request, where));
                if (watch.fired())
                    fail(transport_failure::timeout, "no complete response to " + describe(request, where) + " within " +
                                                         std::to_string(request.timeout.count()) + " ms");
                fail(failure, std::string(to_string(failure)) + " failure on " + describe(request, where) + ": " + what +
                                  (ec ? ": " + ec.message() : std::string()));
            };
            result = c->secure ? exchange(*c, *c->secure, where, request, failed) : exchange(*c, *c->plain, where, request, failed);
            if (watch.fired()) result.keep_alive = false;
        }
        // The callback is gone: a stop from now on cannot reach the connection's next user.
        if (result.keep_alive && !cancellation.stop_requested()) give_back(where, std::move(c));
        return std::move(result.response);
    }

private:
    struct exchanged {
        http_response response;
        bool keep_alive = false;
    };

    static std::string describe(const http_request& request, const url_parts& where) {
        // The path only: query strings may carry data the caller did not mean to log.
        const auto path = where.target.substr(0, where.target.find('?'));
        return std::string(to_string(request.method)) + " " + where.origin() + path;
    }

    std::string pool_key(const url_parts& where) const {
        return proxy_ ? "via " + proxy_->authority() + " " + where.origin() : where.origin();
    }

    std::unique_ptr<connection> take_idle(const url_parts& where) {
        std::lock_guard lock(mutex_);
        forget_parents_connections();
        auto& idle = idle_[pool_key(where)];
        while (!idle.empty()) {
            auto c = std::move(idle.back());
            idle.pop_back();
            if (c->still_usable()) return c;
        }
        return nullptr;
    }

    void give_back(const url_parts& where, std::unique_ptr<connection> c) {
        c->idle_since = steady::now();
        std::lock_guard lock(mutex_);
        forget_parents_connections();
        auto& idle = idle_[pool_key(where)];
        // The oldest come first: those idle too long are closed now rather than when next taken.
        const auto expired = std::find_if(idle.begin(), idle.end(), [](const auto& i) {
            return steady::now() - i->idle_since <= longest_idle;
        });
        idle.erase(idle.begin(), expired);
        if (idle.size() < idle_connections_per_origin) idle.push_back(std::move(c));
    }

    // A connected (and, for https, tunnelled and handshaken) connection to `where`, by `deadline`.
    std::unique_ptr<connection> open(const url_parts& where, steady::time_point deadline,
                                     const cancellation_token& cancellation, const http_request& request) {
        const auto& peer = proxy_ ? *proxy_ : where;
        const auto endpoints = resolve(peer, deadline, cancellation);
        auto c = std::make_unique<connection>();
        // Beast reads at most the buffer's free capacity (and at least 512 bytes) at a time; the
        // parser empties the buffer as it goes, so this is the size of each read of a large body.
        c->buffer.reserve(64 * 1024);
        if (where.tls)
            c->secure.emplace(c->io, tls_context_);
        else
            c->plain.emplace(c->io);

        std::optional<beast::error_code> connected;
        c->tcp().expires_at(deadline);
        c->tcp().async_connect(endpoints, [&](beast::error_code ec, const tcp::endpoint&) { connected = ec; });
        {
            // Cancellation closes the socket from the thread that runs the connect: this one.
            connection* raw = c.get();
            const std::stop_callback stop(cancellation, [raw] { net::post(raw->io, [raw] { raw->tcp().close(); }); });
            while (!connected && c->io.run_one() != 0) {
            }
        }
        const auto failed = [&](transport_failure failure, const std::string& what, const beast::error_code& ec) {
            if (cancellation.stop_requested()) fail(transport_failure::cancelled, "cancelled: " + describe(request, where));
            fail(failure, what + " (" + describe(request, where) + ")" +
                              (ec == beast::error::timeout ? ": no answer in time" : ec ? ": " + ec.message() : ""));
        };
        if (const auto ec = connected.value_or(net::error::operation_aborted))
            failed(transport_failure::connect, "cannot connect to " + peer.authority(), ec);
        c->tcp().expires_never();
        c->tcp().socket().native_non_blocking(false);
        c->tcp().socket().set_option(tcp::no_delay(true));

        const deadline_watch::guard watch(watch_, deadline, c->socket());
        const std::stop_callback stop(cancellation, shut_down_on_stop{c->socket()});
        const auto in_time = [&](beast::error_code ec) { return watch.fired() ? beast::error_code(beast::error::timeout) : ec; };
        if (proxy_ && where.tls) {
            bhttp::request<bhttp::empty_body> connect{bhttp::verb::connect, where.authority(), 11};
            connect.set(bhttp::field::host, where.authority());
            if (!proxy_credentials_.empty()) connect.set(bhttp::field::proxy_authorization, proxy_credentials_);
            beast::error_code ec;
            bhttp::write(c->tcp(), connect, ec);
            if (ec) failed(transport_failure::connect, "cannot ask the proxy for a tunnel", in_time(ec));
            bhttp::response_parser<bhttp::empty_body> answer;
            answer.skip(true);  // a 2xx to CONNECT has no body: the tunnel starts right after the header
            bhttp::read_header(c->tcp(), c->buffer, answer, ec);
            if (ec) failed(transport_failure::connect, "no answer from the proxy to CONNECT", in_time(ec));
            if (answer.get().result_int() / 100 != 2 || c->buffer.size() != 0)
                failed(transport_failure::connect,
                       "the proxy answered " + std::to_string(answer.get().result_int()) + " to CONNECT", {});
        }
        if (where.tls) {
            auto& stream = *c->secure;
            if (!is_ip_literal(where.host) && !SSL_set_tlsext_host_name(stream.native_handle(), where.host.c_str()))
                fail(transport_failure::tls, "cannot set the TLS server name for " + where.host);
            if (options_.tls.verify_peer) stream.set_verify_callback(ssl::host_name_verification(where.host));
            beast::error_code ec;
            stream.handshake(ssl::stream_base::client, ec);
            // A certificate or TLS protocol failure is tls; a handshake cut short or not done in
            // time is a connection that could not be established (nothing was sent).
            const bool refused = !watch.fired() && ec.category() == net::error::get_ssl_category() &&
                                 ec != ssl::error::stream_truncated;
            if (ec)
                failed(refused ? transport_failure::tls : transport_failure::connect,
                       "TLS handshake with " + where.authority() + " failed", in_time(ec));
        }
        // Past the connect deadline the watch may have shut the socket down just now.
        if (watch.fired()) failed(transport_failure::connect, "cannot connect to " + peer.authority(), beast::error::timeout);
        return c;
    }

    template <class Stream, class Failed>
    exchanged exchange(connection& c, Stream& stream, const url_parts& where, const http_request& request,
                       const Failed& failed) {
        // A proxy is sent the absolute URL of plain http requests; a tunnel carries them as is.
        const bool absolute = proxy_ && !where.tls;
        bhttp::request<bhttp::string_body> out{to_verb(request.method),
                                               absolute ? where.origin() + where.target : where.target, 11};
        out.set(bhttp::field::host, where.host_header());
        if (absolute && !proxy_credentials_.empty()) out.set(bhttp::field::proxy_authorization, proxy_credentials_);
        for (const auto& [name, value] : request.headers) out.insert(name, value);
        const bool has_body = !request.body.empty() || request.method == http_method::post ||
                              request.method == http_method::put || request.method == http_method::patch;
        if (has_body) {
            if (out.find(bhttp::field::content_type) == out.end())
                out.set(bhttp::field::content_type, "application/octet-stream");
            out.body() = request.body;
            out.prepare_payload();
        }
        beast::error_code ec;
        bhttp::write(stream, out, ec);
        if (ec) failed(transport_failure::connection, "sending the request", ec);

        // Interim answers (100 Continue, 103 Early Hints) come before the final one: skipped.
        std::optional<bhttp::response_parser<bhttp::string_body>> in;
        do {
            in.emplace();
            in->header_limit(64 * 1024);
            in->body_limit(options_.max_response_body_bytes);
            if (request.method == http_method::head) in->skip(true);
            bhttp::read(stream, c.buffer, *in, ec);
            if (ec) {
                if (ec == bhttp::error::body_limit)
                    failed(transport_failure::protocol,
                           "the response body exceeds the limit of " + std::to_string(options_.max_response_body_bytes) + " bytes",
                           {});
                // Only a malformed answer is a protocol failure; a cut or a reset is the connection's.
                const bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category() &&
                                       ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
                failed(malformed ? transport_failure::protocol : transport_failure::connection, "reading the response", ec);
            }
        } while (in->get().result_int() / 100 == 1 && in->get().result_int() != 101);

        exchanged result;
        auto& message = in->get();
        result.keep_alive = in->keep_alive() && c.buffer.size() == 0;
        result.response.status = message.result_int();
        result.response.reason = std::string(message.reason());
        for (const auto& field : message) {
            auto [entry, added] = result.response.headers.emplace(std::string(field.name_string()), std::string(field.value()));
            if (!added) entry->second += ", " + std::string(field.value());
        }
        result.response.body = std::move(message.body());
        return result;
    }

    // A child of fork() shares the parent's idle sockets: using one from both processes would mix
    // their answers. The child closes its copies (the parent keeps its own) and opens new ones.
    void forget_parents_connections() {
        if (pool_owner_ == ::getpid()) return;
        pool_owner_ = ::getpid();
        for (auto& [origin, idle] : idle_)
            for (auto& c : idle) c->io.notify_fork(net::execution_context::fork_child);
        idle_.clear();
    }

    client_options options_;
    ssl::context tls_context_;
    std::optional<url_parts> proxy_;
    std::string proxy_credentials_;
    deadline_watch watch_;
    std::mutex mutex_;
    std::map<std::string, std::vector<std::unique_ptr<connection>>> idle_;
    pid_t pool_owner_ = ::getpid();
};

}  // namespace

std::shared_ptr<http_transport> make_default_transport(const client_options& options) {
    return std::make_shared<beast_transport>(options);
}

}  // namespace beezup::detail
