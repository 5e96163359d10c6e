#include "push_envelope_json.hpp"

#include "json_reader.hpp"
#include "order_json.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {
namespace {

pushed_order pushed(const boost::json::value& value, const std::string& path) {
    pushed_order p;
    p.json = boost::json::serialize(value);
    order decoded;
    try {
        decoded = decode_order(p.json);
    } catch (const decode_error& e) {
        // The order decoder names paths from its own root: put them under the envelope's.
        const std::string what = e.what();  // "<reason> at <path>"
        const auto reason = what.substr(0, what.size() - e.path().size() - 4);
        throw decode_error(path + e.path().substr(1), reason);
    }
    p.key = decoded.key;
    p.etag = decoded.etag;
    p.last_modification = decoded.last_modification_date;
    return p;
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
    if (const auto orders = root.member("orders")) {
        const auto& array = orders->array();
        if (array.empty()) orders->fail("a push carries at least one order");
        for (std::size_t i = 0; i < array.size(); ++i) {
            const auto element = orders->at(i);
            event.orders.push_back(pushed(element.value(), element.path()));
        }
    } else if (root.member("beezUPOrderId")) {
        event.orders.push_back(pushed(document, "$"));
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
