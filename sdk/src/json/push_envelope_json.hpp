#pragma once
// The body of a push, in the shapes DESIGN.md §5 accepts: the docs/push.md envelope (an object
// with an `orders` array of orders as list/full writes them), or a single order. The one module
// that knows them.

#include <beezup/http.hpp>
#include <beezup/push_inbox.hpp>

#include <string_view>

namespace beezup::detail::json {

/// What a push body says.
struct push_envelope {
    bool verification = false;  ///< the check BeezUP sends at activation: no orders
    push_event event;
};

/// Decodes a push. The event id comes from X-BeezUP-Event-Id, else the body's `eventId`, else
/// (one order) "<order id>/<ETag>". Every order is decoded as an orderWithLinks, so a malformed one
/// refuses the whole push. Throws decode_error naming the JSON path.
push_envelope decode_push_envelope(std::string_view body, const http_headers& headers);

}  // namespace beezup::detail::json
