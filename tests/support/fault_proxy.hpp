#pragma once
// A loopback HTTP/1.1 proxy that injects network faults between a client and a server: the
// client keeps its connections alive to the proxy, each request goes upstream on a connection of
// its own, and a share of the requests meet a fault.

#include "loopback.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace beezup::testing {

enum class network_fault {
    none,
    refused_429,   ///< answered 429 + Retry-After by the proxy: never forwarded
    refused_503,   ///< answered 503 + Retry-After by the proxy: never forwarded
    reset,         ///< the connection is reset before forwarding: never forwarded
    answer_lost,   ///< forwarded and answered upstream, then the client's connection is closed
    truncated,     ///< forwarded, then half the answer is sent and the connection reset
};

/// One request as the proxy received it from the client.
struct proxied_request {
    std::string method, target;  ///< target: path and query
    network_fault fault = network_fault::none;
};

class fault_proxy {
public:
    /// `rate` of the requests meet a fault, drawn evenly among the five kinds from `seed`.
    fault_proxy(int upstream_port, double rate, std::uint64_t seed)
        : upstream_port_(upstream_port), rate_(rate), rng_(seed),
          server_([this](int fd) { serve(fd); }) {}

    std::string url() const { return server_.url(); }

    /// Replaces the random draw: returns the fault for a request (method, target).
    void script(std::function<network_fault(const std::string&, const std::string&)> decide) {
        std::lock_guard lock(mutex_);
        decide_ = std::move(decide);
    }
    void set_rate(double rate) {
        std::lock_guard lock(mutex_);
        rate_ = rate;
    }
    /// Retry-After sent with the proxy's 429 and 503 answers, in seconds.
    void set_retry_after(int seconds) {
        std::lock_guard lock(mutex_);
        retry_after_ = seconds;
    }

    std::vector<proxied_request> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }
    std::size_t count(const std::function<bool(const proxied_request&)>& pred) const {
        const auto all = requests();
        return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), pred));
    }
    std::size_t faults() const {
        return count([](const proxied_request& r) { return r.fault != network_fault::none; });
    }

private:
    struct message {
        std::string head, body;
    };

    static std::string lower(std::string s) {
        for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }

    // Reads one request (head + Content-Length body) from a kept-alive connection.
    static std::optional<message> read_request(int fd, std::string& pending) {
        char buffer[16384];
        std::size_t end;
        while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return std::nullopt;
            pending.append(buffer, static_cast<std::size_t>(n));
        }
        message m{pending.substr(0, end + 4), {}};
        std::size_t length = 0;
        const auto head = lower(m.head);
        if (auto at = head.find("\r\ncontent-length:"); at != std::string::npos)
            length = std::stoul(head.substr(at + 17, head.find("\r\n", at + 2) - at - 17));
        pending.erase(0, end + 4);
        while (pending.size() < length) {
            const auto n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return std::nullopt;
            pending.append(buffer, static_cast<std::size_t>(n));
        }
        m.body = pending.substr(0, length);
        pending.erase(0, length);
        return m;
    }

    static void reset(int fd) {
        linger hard{1, 0};  // close() then sends RST instead of FIN
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }

    // Sends the request upstream on a new connection and reads the whole answer.
    std::string forward(const message& request) const {
        // One request per upstream connection: the answer ends where the connection does.
        auto head = request.head;
        const auto lowered = lower(head);
        if (auto at = lowered.find("\r\nconnection:"); at != std::string::npos)
            head.erase(at, head.find("\r\n", at + 2) - at);
        head.insert(head.size() - 2, "Connection: close\r\n");
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<std::uint16_t>(upstream_port_));
        std::string answer;
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
            send_all(fd, head + request.body);
            char buffer[16384];
            for (;;) {
                const auto n = ::recv(fd, buffer, sizeof buffer, 0);
                if (n <= 0) break;
                answer.append(buffer, static_cast<std::size_t>(n));
            }
        }
        ::close(fd);
        // The client keeps its connection: the answer is framed by its length, not by a close.
        const auto lowered_answer = lower(answer.substr(0, answer.find("\r\n\r\n")));
        if (auto at = lowered_answer.find("\r\nconnection:"); at != std::string::npos)
            answer.erase(at, answer.find("\r\n", at + 2) - at);
        return answer;
    }

    network_fault draw(const std::string& method, const std::string& target) {
        std::lock_guard lock(mutex_);
        if (decide_) return decide_(method, target);
        if (std::uniform_real_distribution<double>(0, 1)(rng_) >= rate_) return network_fault::none;
        return static_cast<network_fault>(1 + std::uniform_int_distribution<int>(0, 4)(rng_));
    }

    void serve(int fd) {
        std::string pending;
        while (auto request = read_request(fd, pending)) {
            const auto line = request->head.substr(0, request->head.find("\r\n"));
            const auto method = line.substr(0, line.find(' '));
            const auto target = line.substr(method.size() + 1, line.rfind(' ') - method.size() - 1);
            const auto fault = draw(method, target);
            int retry_after;
            {
                std::lock_guard lock(mutex_);
                requests_.push_back({method, target, fault});
                retry_after = retry_after_;
            }
            switch (fault) {
            case network_fault::refused_429:
            case network_fault::refused_503: {
                const bool busy = fault == network_fault::refused_429;
                const std::string body = R"({"errors":[{"code":")" + std::string(busy ? "TooManyRequests" : "ServiceUnavailable") +
                                         R"(","message":"injected by the fault proxy"}]})";
                send_all(fd, std::string(busy ? "HTTP/1.1 429 Too Many Requests" : "HTTP/1.1 503 Service Unavailable") +
                                 "\r\nRetry-After: " + std::to_string(retry_after) +
                                 "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                                 "\r\n\r\n" + body);
                continue;
            }
            case network_fault::reset:
                reset(fd);
                return;
            case network_fault::answer_lost:
                forward(*request);
                return;  // closed without a word: the client sees the end of the stream
            case network_fault::truncated: {
                const auto answer = forward(*request);
                send_all(fd, answer.substr(0, answer.size() / 2));
                reset(fd);
                return;
            }
            case network_fault::none:
                send_all(fd, forward(*request));
                continue;
            }
        }
    }

    int upstream_port_;
    mutable std::mutex mutex_;
    double rate_;
    int retry_after_ = 0;
    std::mt19937_64 rng_;
    std::function<network_fault(const std::string&, const std::string&)> decide_;
    std::vector<proxied_request> requests_;
    raw_server server_;  // last: stops (joins its threads) before the rest is destroyed
};

}  // namespace beezup::testing
