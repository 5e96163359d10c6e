#include "push_envelope_json.hpp"

#include "json_reader.hpp"
#include "order_json.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {
namespace {

// The stored text is the decoded order written back: the DOM would turn amounts into doubles.
pushed_order pushed(const order& decoded) {
    return {decoded.key, decoded.etag, decoded.last_modification_date, encode_order(decoded)};
}

std::string header(const http_headers& headers, const char* name) {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

}  // namespace

push_envelope decode_push_envelope(std::string_view body, const http_headers& headers) {
    const auto document = parse(body);
    const node root(document, "$");
    root.object();  // throws unless an object
    push_envelope envelope;
    auto& event = envelope.event;
    event.event_id = header(headers, "X-BeezUP-Event-Id");
    event.subscription_id = header(headers, "X-BeezUP-Subscription-Id");
    if (event.event_id.empty()) event.event_id = root.optional_string("eventId").value_or("");
    if (event.subscription_id.empty()) event.subscription_id = root.optional_string("subscriptionId").value_or("");

    const auto verification = root.member("verification");
    if (header(headers, "X-BeezUP-Verification") == "true" || (verification && verification->boolean())) {
        envelope.verification = true;
        return envelope;
    }
    // The orders are decoded from the body itself, by the order decoder (exact amounts).
    if (const auto orders = root.member("orders")) {
        if (orders->array().empty()) orders->fail("a push carries at least one order");
        for (const auto& o : decode_order_list_full(body).orders) event.orders.push_back(pushed(o));
    } else if (root.member("beezUPOrderId")) {
        event.orders.push_back(pushed(decode_order(body)));
    } else {
        root.fail("neither an `orders` array nor an order");
    }
    if (event.event_id.empty()) {
        const auto& only = event.orders.front();
        if (event.orders.size() > 1) root.fail("a push of several orders needs an event id");
        event.event_id = only.key.beezup_order_id + "/" + only.etag;
    }
    return envelope;
}

}  // namespace beezup::detail::json
