#pragma once
// Sending pushes as BeezUP does, for the tests that load receivers over HTTP: a one-order
// envelope, and its signed POST (docs/push.md).

#include "push_signing.hpp"

#include <cpprest/http_client.h>

#include <chrono>
#include <string>

namespace beezup::testing {

/// A push of one version of an Amazon order, modified at `modified` (RFC 3339).
inline std::string one_order_push(const std::string& event_id, const std::string& order_id, const std::string& etag,
                                  const std::string& modified = "2026-11-20T10:00:00Z") {
    return R"({"eventId":")" + event_id + R"(","orders":[{"marketplaceTechnicalCode":"Amazon","accountId":1001,)"
           R"("beezUPOrderId":")" + order_id + R"(","marketplaceBusinessCode":"AMAZON_FR","order_MarketplaceOrderId":"M",)"
           R"("order_Status_BeezUPOrderStatus":"New","order_PurchaseUtcDate":"2026-11-20T09:00:00Z",)"
           R"("order_LastModificationUtcDate":")" + modified + R"(","order_MarketplaceLastModificationUtcDate":"2026-11-20T09:00:00Z",)"
           R"("processing":false,"etag":")" + etag + R"(","orderItems":[],"transitionLinks":[]}]})";
}

/// POSTs `body` to `url`, signed with `secret` as BeezUP signs it; true when the receiver
/// acknowledged it (200). Throws when no answer comes within `timeout`.
inline bool post_signed_push(const std::string& url, const std::string& secret, const std::string& body,
                             std::chrono::seconds timeout = std::chrono::seconds(3)) {
    const auto ts = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch()).count());
    web::http::client::http_client_config config;
    config.set_timeout(timeout);
    web::http::client::http_client client(url, config);
    web::http::http_request r(web::http::methods::POST);
    r.headers().add("X-BeezUP-Timestamp", ts);
    r.headers().add("X-BeezUP-Signature", "sha256=" + hex_hmac_sha256(secret, ts + "." + body));
    r.set_body(body, "application/json");
    return client.request(r).get().status_code() == 200;
}

}  // namespace beezup::testing
