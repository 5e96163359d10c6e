#pragma once
/// @file
/// How a push receiver tells BeezUP's pushes from forged ones. Checks combine: a request must pass
/// every check the receiver was given. docs/push.md says what BeezUP (and the sandbox) send.

#include <beezup/http.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

/// A request as any HTTP server hands it over: the receiver core works on this, so that it can be
/// mounted in push_server, Boost.Beast, Drogon, a FastCGI front...
struct push_http_request {
    std::string method;          ///< "POST"
    std::string path;            ///< as received, percent-encoded, without the query: "/beezup/push"
    std::string query;           ///< as received, without '?': "token=..."
    http_headers headers;        ///< names compare case-insensitively
    std::string body;            ///< the raw bytes
    std::string remote_address;  ///< the peer's IP address: "127.0.0.1", "::1"
};

/// One authenticity check.
class push_authenticator {
public:
    virtual ~push_authenticator() = default;
    /// Why `request` is refused ("signature mismatch", never a secret), or nullopt when it passes.
    /// `now` is the receiver's clock.
    virtual std::optional<std::string> refusal(const push_http_request& request,
                                               std::chrono::system_clock::time_point now) const = 0;
};

using push_authenticator_ptr = std::shared_ptr<const push_authenticator>;

/// X-BeezUP-Signature: "sha256=" + hex HMAC-SHA256(secret, "<X-BeezUP-Timestamp>.<raw body>"),
/// with any of `secrets` (several during a rotation), and a timestamp within `tolerance` of the
/// receiver's clock (so that a captured push cannot be replayed later). Throws beezup::error when
/// `secrets` is empty or holds an empty secret.
push_authenticator_ptr hmac_signature(std::vector<std::string> secrets,
                                      std::chrono::seconds tolerance = std::chrono::minutes(5));

/// A secret token as one segment of the target URL's path ("https://shop.example/beezup/<token>").
push_authenticator_ptr token_in_path(std::string token);

/// A secret token as a query parameter of the target URL ("...?token=<token>").
push_authenticator_ptr token_in_query(std::string parameter, std::string token);

/// HTTP Basic credentials (a target URL such as "https://user:password@shop.example/beezup").
push_authenticator_ptr basic_credentials(std::string user, std::string password);

/// The peer's address within one of `networks` ("203.0.113.0/24", "2001:db8::/32", or one
/// address). Throws beezup::error for a malformed network.
push_authenticator_ptr ip_allow_list(const std::vector<std::string>& networks);

}  // namespace beezup
