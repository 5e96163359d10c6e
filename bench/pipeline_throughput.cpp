// Requests per second through the whole SDK (pipeline + cpprest transport + decoding) and through
// a bare cpprest http_client, against the same loopback listener; prints both and their ratio.
//
//   bench_pipeline_throughput [requests_per_thread=2000] [threads=2]

#include <beezup/client.hpp>
#include <beezup/version.hpp>

#include <cpprest/http_client.h>
#include <cpprest/http_listener.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

namespace http = web::http;

namespace {

const std::string body = R"({"items":[{"codeIdentifier":"DHL","intIdentifier":1,"position":1,"translationText":"DHL"},)"
                         R"({"codeIdentifier":"UPS","intIdentifier":2,"position":2,"translationText":"UPS"}],"links":{}})";

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

template <class Work>
double requests_per_second(int threads, int per_thread, Work work) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i) work();
        });
    for (auto& t : pool) t.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return threads * per_thread / seconds;
}

}  // namespace

int main(int argc, char** argv) {
    const int per_thread = argc > 1 ? std::atoi(argv[1]) : 2000;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;

    const std::string url = "http://127.0.0.1:" + std::to_string(free_port());
    web::http::experimental::listener::http_listener listener(url);
    listener.support(http::methods::GET, [](http::http_request request) {
        http::http_response response(http::status_codes::OK);
        response.set_body(body, "application/json");
        request.reply(response);
    });
    listener.open().wait();

    beezup::client_options options;
    options.base_url = url;
    options.api_key = "bench";
    options.rate_limit.enabled = false;
    beezup::client sdk(options);

    web::http::client::http_client bare(url);
    auto bare_call = [&] {
        http::http_request request(http::methods::GET);
        request.set_request_uri("/v2/user/lov/Carriers");
        // The same headers the SDK sends, so that both put the same bytes on the wire.
        request.headers().add("Ocp-Apim-Subscription-Key", "bench");
        request.headers().add("User-Agent", std::string("beezup-sdk-cpp/") + beezup::version_string);
        request.headers().add("Accept", "application/json");
        request.headers().add("Accept-Encoding", "gzip, deflate");
        auto response = bare.request(request).get();
        if (response.status_code() != 200 || response.extract_utf8string().get().size() != body.size()) std::abort();
    };
    auto sdk_call = [&] {
        if (sdk.get_list_of_values("Carriers").items.size() != 2) std::abort();
    };

    // Warm up both (connections, allocators), then alternate to even out machine noise.
    requests_per_second(threads, 200, bare_call);
    requests_per_second(threads, 200, sdk_call);
    double bare_rate = 0, sdk_rate = 0;
    for (int round = 0; round < 2; ++round) {
        bare_rate += requests_per_second(threads, per_thread / 2, bare_call) / 2;
        sdk_rate += requests_per_second(threads, per_thread / 2, sdk_call) / 2;
    }
    std::printf("pipeline throughput, %d threads x %d requests, loopback cpprest listener\n", threads, per_thread);
    std::printf("  bare cpprest http_client : %9.0f requests/s\n", bare_rate);
    std::printf("  beezup SDK (full stack)  : %9.0f requests/s\n", sdk_rate);
    std::printf("  ratio SDK / bare         : %9.1f %%  (target >= 90 %%)\n", 100.0 * sdk_rate / bare_rate);
    listener.close().wait();
    return 0;
}
