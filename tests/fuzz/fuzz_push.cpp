// The push receiver's parsers on arbitrary bytes: the envelope decoder either decodes or throws
// decode_error, and the authenticity checks refuse every request that was not made with their
// secrets. Byte 0 splits the input into header values and a body.

#include "json/push_envelope_json.hpp"

#include <beezup/error.hpp>
#include <beezup/push_authenticity.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::size_t cut = std::min<std::size_t>(data[0], input.size());
    const std::string head = input.substr(0, cut), body = input.substr(cut);

    beezup::push_http_request r;
    r.method = "POST";
    r.path = "/beezup/" + head;
    r.query = "token=" + head;
    r.body = body;
    r.remote_address = head;
    r.headers["X-BeezUP-Event-Id"] = head;
    r.headers["X-BeezUP-Timestamp"] = head.substr(0, 12);
    r.headers["X-BeezUP-Signature"] = "sha256=" + head;
    r.headers["Authorization"] = "Basic " + head;
    try {
        (void)beezup::detail::json::decode_push_envelope(body, r.headers);
    } catch (const beezup::decode_error&) {
    }
    static const auto hmac = beezup::hmac_signature({"fuzz-secret-1", "fuzz-secret-2"});
    static const auto path = beezup::token_in_path("fuzz-token-5ecret");
    static const auto query = beezup::token_in_query("token", "fuzz-token-5ecret");
    static const auto basic = beezup::basic_credentials("fuzz", "pa55");
    static const auto ips = beezup::ip_allow_list({"192.0.2.0/24", "2001:db8::/32"});
    const auto now = std::chrono::system_clock::now();
    if (!hmac->refusal(r, now)) std::abort();  // forging a signature by chance: impossible
    // Without the token (nor a '%' that could spell it), no token check may pass.
    const bool no_token = head.find("fuzz-token-5ecret") == std::string::npos && head.find('%') == std::string::npos;
    if (no_token && (!path->refusal(r, now) || !query->refusal(r, now))) std::abort();
    (void)basic->refusal(r, now);
    (void)ips->refusal(r, now);
    return 0;
}
