// Acknowledged pushes per second, and acknowledgement latency (p50, p99), through push_server with
// the durable SQLite inbox (synchronous=FULL, group commit), next to a plain Python receiver
// (http.server, signature check, append + fsync: bench/python_push_receiver.py) driven by the
// same load generator in the same run. Senders are C++ threads on kept-alive connections, each
// sending signed pushes of one order (docs/push.md) one after the other.
//
//   bench_push_acknowledgements [seconds per measure=3] [python receiver script]
//
// With BEEZUP_BENCH_POSTGRESQL_URL set, also three receivers on one PostgreSQL inbox, e.g.
//   scripts/with_stores.sh sh -c 'BEEZUP_BENCH_POSTGRESQL_URL=$BEEZUP_TEST_POSTGRESQL_URL bench_push_acknowledgements'

//
// The HTTP thread pool gets one thread per core (set_http_threads), as a receiver should;
// BENCH_HTTP_THREADS=40 measures the HTTP stack's default.

#include <beezup/http_threads.hpp>
#include <beezup/push_server.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using steady = std::chrono::steady_clock;

namespace {

constexpr const char* secret = "bench-push-secret";

std::string hex_hmac(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret, static_cast<int>(std::char_traits<char>::length(secret)),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < length; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 15];
    }
    return out;
}

// One kept-alive HTTP/1.1 connection to 127.0.0.1:port.
class connection {
public:
    explicit connection(int port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
            std::perror("connect");
            std::exit(1);
        }
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~connection() { ::close(fd_); }

    // Sends the request and returns the status of its answer (0 when the connection failed).
    int exchange(const std::string& request) {
        for (std::size_t sent = 0; sent < request.size();) {
            const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return 0;
            sent += static_cast<std::size_t>(n);
        }
        std::string in;
        std::size_t header_end;
        char buffer[4096];
        while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return 0;
            in.append(buffer, static_cast<std::size_t>(n));
        }
        std::size_t length = 0;
        for (const char* name : {"Content-Length: ", "content-length: "})
            if (const auto at = in.find(name); at != std::string::npos && at < header_end)
                length = std::strtoul(in.c_str() + at + std::char_traits<char>::length(name), nullptr, 10);
        while (in.size() < header_end + 4 + length) {
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) return 0;
            in.append(buffer, static_cast<std::size_t>(n));
        }
        return std::atoi(in.c_str() + 9);  // "HTTP/1.1 200"
    }

private:
    int fd_ = -1;
};

std::string push_request(const std::string& path, int sender, long number) {
    const auto id = std::to_string(sender) + "-" + std::to_string(number);
    const std::string body =
        R"({"eventId":"ev-)" + id + R"(","orders":[{"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":"o-)" + id +
        R"(","marketplaceBusinessCode":"AMAZON_FR","order_MarketplaceOrderId":"403-1","order_Status_BeezUPOrderStatus":"New",)"
        R"("order_PurchaseUtcDate":"2026-11-20T09:00:00Z","order_LastModificationUtcDate":"2026-11-20T10:00:00Z",)"
        R"("order_MarketplaceLastModificationUtcDate":"2026-11-20T09:00:00Z","processing":false,"etag":"\"v1\"",)"
        R"("order_Buyer_Name":"Caroline Rousseau","order_TotalPrice":44.9,"order_CurrencyCode":"EUR","orderItems":[],"transitionLinks":[]}]})";
    const auto ts =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-BeezUP-Event-Id: ev-" + id +
           "\r\nX-BeezUP-Timestamp: " + ts + "\r\nX-BeezUP-Signature: sha256=" + hex_hmac(ts + "." + body) +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

struct result {
    double per_second = 0;
    double p50_ms = 0, p99_ms = 0;
    long refused = 0;
};

// Each sender keeps one connection to one of `ports` (round robin over the receivers).
result load(const std::vector<int>& ports, const std::string& path, int senders, double seconds) {
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<long> refused{0};
    const auto end = steady::now() + std::chrono::duration<double>(seconds);
    static std::atomic<int> run{0};
    const int run_id = ++run;
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s)
        threads.emplace_back([&, s] {
            connection c(ports[static_cast<std::size_t>(s) % ports.size()]);
            std::vector<double> mine;
            for (long i = 0; steady::now() < end; ++i) {
                const auto request = push_request(path, run_id * 1000 + s, i);
                const auto start = steady::now();
                const int status = c.exchange(request);
                if (status != 200) {
                    ++refused;
                    if (status == 0) break;
                    continue;
                }
                mine.push_back(std::chrono::duration<double, std::milli>(steady::now() - start).count());
            }
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    for (auto& t : threads) t.join();
    std::sort(latencies.begin(), latencies.end());
    result r;
    r.refused = refused;
    if (latencies.empty()) return r;
    r.per_second = latencies.size() / seconds;
    r.p50_ms = latencies[latencies.size() / 2];
    r.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    return r;
}

void print(const char* receiver, int senders, const result& r) {
    std::printf("  %-36s %3d senders  %8.0f acknowledged/s   p50 %6.2f ms   p99 %6.2f ms%s\n", receiver, senders, r.per_second,
                r.p50_ms, r.p99_ms, r.refused ? "   (some not acknowledged!)" : "");
}

// The Python receiver as a child process; its port.
struct python_receiver {
    pid_t pid = -1;
    int port = 0;
    python_receiver(const std::string& script, const std::string& file) {
        int out[2];
        if (pipe(out) != 0) std::_Exit(1);
        // posix_spawn, not fork: this process has threads, and a forked child could block on a
        // lock one of them held.
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const std::string python = "python3", secret_arg = secret;
        char* args[] = {const_cast<char*>(python.c_str()), const_cast<char*>(script.c_str()), const_cast<char*>(file.c_str()),
                        const_cast<char*>(secret_arg.c_str()), nullptr};
        if (posix_spawnp(&pid, "python3", &actions, nullptr, args, environ) != 0) pid = -1;
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
        close(out[0]);
        const auto colon = line.rfind(':');
        port = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
        if (!port) {
            std::fprintf(stderr, "the Python receiver did not start: %s\n", line.c_str());
            std::_Exit(1);  // without static destructors: the HTTP stack's threads are still running
        }
    }
    ~python_receiver() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
};

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const auto env_threads = std::getenv("BENCH_HTTP_THREADS");
    const std::size_t threads = env_threads ? std::strtoul(env_threads, nullptr, 10) : std::max(1u, std::thread::hardware_concurrency());
    beezup::set_http_threads(threads);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 3;
    const std::string script = argc > 2 ? argv[2] : BEEZUP_PYTHON_PUSH_RECEIVER;
    const auto dir = fs::temp_directory_path() / ("beezup-push-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);

    std::printf("push acknowledgements on loopback, %.0f s per measure, one order per push, %zu HTTP threads\n", seconds, threads);
    double ours64 = 0, python64 = 0;
    {
        beezup::push_receiver_options options;
        options.authenticators = {beezup::hmac_signature({secret})};
        auto receiver = std::make_shared<beezup::push_receiver>(beezup::make_sqlite_push_inbox((dir / "inbox.db").string()), options);
        beezup::push_server server(receiver);
        const auto url = server.url();
        const int port = std::atoi(url.c_str() + url.rfind(':') + 1);
        for (const int senders : {8, 64}) {
            const auto r = load({port}, "/beezup/push", senders, seconds);
            print("push_server + SQLite inbox (FULL)", senders, r);
            if (senders == 64) ours64 = r.per_second;
        }
    }
    {
        python_receiver python(script, (dir / "python-pushes.jsonl").string());
        for (const int senders : {8, 64}) {
            const auto r = load({python.port}, "/", senders, seconds);
            print("Python http.server + fsync", senders, r);
            if (senders == 64) python64 = r.per_second;
        }
    }
    std::printf("  targets: >= 5,000/s with 64 senders, p99 < 10 ms with 8, >= 3x Python.  ratio at 64 senders: %.1fx\n",
                python64 > 0 ? ours64 / python64 : 0.0);
    // The fleet's inbox: three receivers (here in one process) on one PostgreSQL database.
    if (const char* url = std::getenv("BEEZUP_BENCH_POSTGRESQL_URL")) {
        std::vector<std::unique_ptr<beezup::push_server>> servers;
        std::vector<int> ports;
        beezup::push_receiver_options options;
        options.authenticators = {beezup::hmac_signature({secret})};
        for (int i = 0; i < 3; ++i) {
            servers.push_back(std::make_unique<beezup::push_server>(
                std::make_shared<beezup::push_receiver>(beezup::make_push_inbox(url), options)));
            const auto server_url = servers.back()->url();
            ports.push_back(std::atoi(server_url.c_str() + server_url.rfind(':') + 1));
        }
        for (const int senders : {8, 64}) print("3 x push_server + PostgreSQL inbox", senders, load(ports, "/beezup/push", senders, seconds));
    } else {
        std::printf("  (BEEZUP_BENCH_POSTGRESQL_URL unset: no PostgreSQL figure; scripts/with_stores.sh provides a server)\n");
    }
    fs::remove_all(dir);
    return 0;
}
