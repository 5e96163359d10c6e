// The mapping of error answers: any status and body give the matching api_error, and the API key
// never survives into its message, details or body. Byte 0 picks the status (400..599).

#include "pipeline/error_mapping.hpp"
#include "pipeline/redactor.hpp"

#include <beezup/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

constexpr const char* key = "KEY-fuzz-5ecret-91c3";

bool leaks(const std::string& text) { return text.find(key) != std::string::npos; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    static beezup::detail::redactor redact;
    static const bool keyed = (redact.add_secret(key), true);
    (void)keyed;
    beezup::http_request request;
    request.method = beezup::http_method::post;
    request.url = std::string("https://api.example.test/orders/v3/list/full?key=") + key;
    beezup::http_response response;
    response.status = 400 + (data[0] | (data[1] << 8)) % 200;
    // The body may echo the key, as a careless server could.
    response.body.assign(reinterpret_cast<const char*>(data) + 2, size - 2);
    if (!response.body.empty() && response.body[0] == '!') response.body += key;
    response.headers["Retry-After"] = response.body.substr(0, 40);
    response.headers["Request-Id"] = response.body.substr(0, 20);
    try {
        beezup::detail::throw_api_error(request, response, std::chrono::system_clock::now(), redact);
    } catch (const beezup::api_error& e) {
        if (e.status() != response.status || leaks(e.what()) || leaks(e.raw_body())) std::abort();
        if (e.request_id() && leaks(*e.request_id())) std::abort();
        for (const auto& d : e.details()) {
            if (leaks(d.code) || leaks(d.message)) std::abort();
            for (const auto& [name, value] : d.arguments)
                if (leaks(value)) std::abort();
        }
        if (e.retry_after() && (e.retry_after()->count() < 0)) std::abort();
        return 0;
    } catch (...) {
        std::abort();
    }
    std::abort();  // throw_api_error always throws
}
