#pragma once
// Loopback servers for integration tests: a free-port finder and a raw TCP server whose
// behaviour per connection is a function (to simulate silent, rude or broken peers).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace beezup::testing {

/// A port that was free a moment ago (the kernel picks it; tiny race with other processes).
inline int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("bind failed");
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

/// Reads until the end of the request headers (enough for the requests the tests send).
inline std::string read_request_head(int fd) {
    std::string data;
    char buffer[4096];
    while (data.find("\r\n\r\n") == std::string::npos) {
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return data;
}

inline void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

class raw_server {
public:
    explicit raw_server(std::function<void(int fd)> on_connection) : on_connection_(std::move(on_connection)) {
        listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
            throw std::runtime_error("raw_server: cannot listen");
        socklen_t len = sizeof addr;
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        acceptor_ = std::thread([this] {
            while (!stopping_) {
                const int fd = ::accept(listen_fd_, nullptr, nullptr);
                if (fd < 0) break;
                if (stopping_) {
                    ::close(fd);
                    break;
                }
                ++connections_;
                {
                    std::lock_guard lock(open_mutex_);
                    open_.insert(fd);
                }
                workers_.emplace_back([this, fd] {
                    on_connection_(fd);
                    {
                        std::lock_guard lock(open_mutex_);
                        open_.erase(fd);
                    }
                    ::close(fd);
                });
            }
        });
    }
    ~raw_server() {
        stopping_ = true;
        ::shutdown(listen_fd_, SHUT_RDWR);
        ::close(listen_fd_);
        acceptor_.join();
        {
            // Wakes the handlers still reading from connections their clients kept open.
            std::lock_guard lock(open_mutex_);
            for (int fd : open_) ::shutdown(fd, SHUT_RDWR);
        }
        for (auto& w : workers_) w.join();
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int connections() const { return connections_; }

private:
    std::function<void(int)> on_connection_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    std::thread acceptor_;
    std::vector<std::thread> workers_;
    std::mutex open_mutex_;
    std::set<int> open_;  // connections whose handler has not returned
};

}  // namespace beezup::testing
