#include "order_requests_json.hpp"

#include "utc_time.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {
namespace {

namespace bj = boost::json;

const char* date_type_name(date_search_type t) {
    switch (t) {
    case date_search_type::purchase: return "Purchase";
    case date_search_type::marketplace_modification: return "MarketPlaceModification";
    case date_search_type::modification: break;
    }
    return "Modification";
}

template <class T>
bj::array to_array(const std::vector<T>& values) {
    bj::array a;
    for (const auto& v : values) a.emplace_back(v);
    return a;
}

bj::object list_criteria(const order_filter& f, utc_time begin, utc_time end) {
    bj::object o{{"beginPeriodUtcDate", format_utc_time(begin)},
                 {"endPeriodUtcDate", format_utc_time(end)},
                 {"dateSearchType", date_type_name(f.date_type)}};
    if (!f.marketplace_technical_codes.empty()) o["marketplaceTechnicalCodes"] = to_array(f.marketplace_technical_codes);
    if (!f.marketplace_business_codes.empty()) o["marketplaceBusinessCodes"] = to_array(f.marketplace_business_codes);
    if (!f.account_ids.empty()) o["accountIds"] = to_array(f.account_ids);
    if (!f.store_ids.empty()) o["storeIds"] = to_array(f.store_ids);
    if (!f.statuses.empty()) {
        bj::array statuses;
        for (const auto& s : f.statuses) statuses.emplace_back(s.str());
        o["beezUPOrderStatuses"] = std::move(statuses);
    }
    if (!f.marketplace_order_ids.empty()) o["marketplaceOrderIds"] = to_array(f.marketplace_order_ids);
    if (!f.merchant_order_ids.empty()) o["order_MerchantOrderIds"] = to_array(f.merchant_order_ids);
    if (f.buyer_name) o["order_Buyer_Name"] = *f.buyer_name;
    if (f.merchant_info_sync) o["orderMerchantInfoSynchronizationStatus"] = *f.merchant_info_sync;
    if (f.invoice_availability) o["invoiceAvailabilityType"] = *f.invoice_availability;
    return o;
}

bj::object identifier(const order_key& k) {
    return {{"marketplaceTechnicalCode", k.marketplace_technical_code},
            {"accountId", k.account_id},
            {"beezUPOrderId", k.beezup_order_id}};
}

bj::object fields_object(const std::map<std::string, std::string>& fields) {
    bj::object o;
    for (const auto& [name, value] : fields) o[name] = value;
    return o;
}

}  // namespace

std::string encode_list_request(const order_filter& filter, utc_time begin, utc_time end, int page_number, int page_size) {
    auto o = list_criteria(filter, begin, end);
    o["pageNumber"] = page_number;
    o["pageSize"] = page_size;
    return bj::serialize(o);
}

std::string encode_exportation_request(const std::string& store_id, const order_filter& filter, utc_time begin, utc_time end) {
    return bj::serialize(bj::object{
        {"storeId", store_id}, {"orderListRequestWithoutPagination", list_criteria(filter, begin, end)}, {"format", "csv"}});
}

std::string encode_change_request(const std::map<std::string, std::string>& fields) {
    return bj::serialize(fields_object(fields));
}

std::string encode_merchant_info(const merchant_info& info) {
    return bj::serialize(bj::object{{"order_MerchantOrderId", info.merchant_order_id},
                                    {"order_MerchantECommerceSoftwareName", info.software_name},
                                    {"order_MerchantECommerceSoftwareVersion", info.software_version}});
}

std::string encode_change_batch(const std::vector<batch_change>& changes, const std::vector<std::size_t>& indices) {
    bj::array items;
    for (auto i : indices)
        items.push_back(bj::object{{"order", identifier(changes[i].key)}, {"changeOrderRequest", fields_object(changes[i].fields)}});
    return bj::serialize(bj::object{{"changeOrders", std::move(items)}});
}

std::string encode_merchant_info_batch(const std::vector<std::pair<order_key, merchant_info>>& items,
                                       const std::vector<std::size_t>& indices) {
    bj::array orders;
    for (auto i : indices) {
        auto o = identifier(items[i].first);
        o["order_MerchantOrderId"] = items[i].second.merchant_order_id;
        orders.push_back(std::move(o));
    }
    const auto& software = items[indices.front()].second;
    return bj::serialize(bj::object{{"order_MerchantECommerceSoftwareName", software.software_name},
                                    {"order_MerchantECommerceSoftwareVersion", software.software_version},
                                    {"orders", std::move(orders)}});
}

std::string encode_order_identifiers(const std::vector<order_key>& keys, const std::vector<std::size_t>& indices) {
    bj::array orders;
    for (auto i : indices) orders.push_back(identifier(keys[i]));
    return bj::serialize(bj::object{{"orders", std::move(orders)}});
}

}  // namespace beezup::detail::json
