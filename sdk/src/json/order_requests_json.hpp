#pragma once
// Request bodies of the order API: list criteria, changes, exportations, batches, merchant info.

#include <beezup/order.hpp>
#include <beezup/order_list.hpp>
#include <beezup/orders.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace beezup::detail::json {

/// orderListRequest: the filter's criteria over [begin, end] and one page.
std::string encode_list_request(const order_filter& filter, utc_time begin, utc_time end, int page_number, int page_size);
/// The exportation request: the criteria of a list without paging, for one store, as CSV.
std::string encode_exportation_request(const std::string& store_id, const order_filter& filter, utc_time begin, utc_time end);
/// changeOrderRequest: the change's fields.
std::string encode_change_request(const std::map<std::string, std::string>& fields);
/// setMerchantOrderInfoRequest.
std::string encode_merchant_info(const merchant_info& info);

// Batch bodies, for the items at `indices` of the caller's list.
std::string encode_change_batch(const std::vector<batch_change>& changes, const std::vector<std::size_t>& indices);
/// The items at `indices` share their software name and version (the batch names one).
std::string encode_merchant_info_batch(const std::vector<std::pair<order_key, merchant_info>>& items,
                                       const std::vector<std::size_t>& indices);
std::string encode_order_identifiers(const std::vector<order_key>& keys, const std::vector<std::size_t>& indices);

}  // namespace beezup::detail::json
