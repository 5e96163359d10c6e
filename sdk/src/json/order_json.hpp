#pragma once
// Mapping of orders: orderWithLinks (GET /orders/v3/{mtc}/{account}/{id}), orderListFullWithLinks
// and orderListLightWithLinks (POST /orders/v3/list/full, list/light).
//
// Decoding is a hot path (DESIGN decision 11): these functions run Boost.JSON's SAX parser
// (basic_parser) and write straight into the models, with no DOM in between. Amounts come from
// the number's text, never through a double. Every failure is one decode_error naming the JSON
// path of the fault ("$.orders[3].order_PurchaseUtcDate").

#include <beezup/order.hpp>
#include <beezup/order_list.hpp>

#include <string_view>

namespace beezup::detail::json {

/// Decodes one orderWithLinks; throws decode_error.
order decode_order(std::string_view body);

/// Writes an order back as an orderWithLinks: every member decode_order reads (unmodelled ones
/// from their raw text), so that decode_order(encode_order(o)) gives `o` again.
std::string encode_order(const order& o);

/// Decodes a page of list/full; `paginationResult` may be absent or null (an empty list).
order_page<order> decode_order_list_full(std::string_view body);

/// Decodes a page of list/light; `paginationResult` may be absent or null (an empty list).
order_page<order_header> decode_order_list_light(std::string_view body);

}  // namespace beezup::detail::json
