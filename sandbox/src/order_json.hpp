#pragma once
// Orders as the v3 API writes them (orderHeaderWithLinks / orderWithLinks).

#include "json_writer.hpp"
#include "order_model.hpp"

#include <string>

namespace beezup::sandbox {

/// "/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}"
std::string order_path(const order& o);
/// The quoted ETag of the order's current version.
std::string order_etag(const order& o);

void write_order_header(json_writer& w, const order& o);
void write_order_full(json_writer& w, const order& o);
void write_change_reporting(json_writer& w, const change_record& c);
void write_order_history(json_writer& w, const order& o);

}  // namespace beezup::sandbox
