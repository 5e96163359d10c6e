#include "list_request.hpp"

#include "json_writer.hpp"

namespace beezup::sandbox {
namespace {

namespace json = boost::json;

bool string_list(const json::object& o, const char* name, std::vector<std::string>& out, std::string& problem) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return true;
    if (!v->is_array()) return problem = std::string(name) + " must be an array of strings.", false;
    for (const auto& item : v->get_array()) {
        if (!item.is_string()) return problem = std::string(name) + " must be an array of strings.", false;
        out.emplace_back(item.get_string());
    }
    return true;
}

bool int_list(const json::object& o, const char* name, std::vector<std::int32_t>& out, std::string& problem) {
    const auto* v = o.if_contains(name);
    if (!v || v->is_null()) return true;
    if (!v->is_array()) return problem = std::string(name) + " must be an array of integers.", false;
    for (const auto& item : v->get_array()) {
        if (!item.is_int64() || item.get_int64() < INT32_MIN || item.get_int64() > INT32_MAX)
            return problem = std::string(name) + " must be an array of 32-bit integers.", false;
        out.push_back(static_cast<std::int32_t>(item.get_int64()));
    }
    return true;
}

}  // namespace

std::optional<request_error> parse_list_filter(const json::object& o, time_point now, list_filter& f) {
    std::string problem;
    auto date = [&](const char* name, time_point& out) -> bool {
        const auto* v = o.if_contains(name);
        if (!v || !v->is_string()) return problem = std::string(name) + " is required (an ISO 8601 UTC date-time).", false;
        if (!parse_utc(std::string(v->get_string()), out)) return problem = std::string(name) + " is not an ISO 8601 UTC date-time.", false;
        return true;
    };
    if (!date("beginPeriodUtcDate", f.begin) || !date("endPeriodUtcDate", f.end)) return request_error("InvalidPeriod", problem);
    if (f.begin >= f.end) return request_error("InvalidPeriod", "The begin period MUST be lower than the end period.");
    if (f.end - f.begin > std::chrono::days(30)) return request_error("PeriodTooLong", "The period MUST not be greater than 30 days.");
    if (f.end > now) return request_error("InvalidPeriod", "The end period MUST be lower than the current date.");

    if (const auto* v = o.if_contains("dateSearchType"); v && !v->is_null()) {
        if (!v->is_string() || (v->get_string() != "Modification" && v->get_string() != "Purchase" &&
                                v->get_string() != "MarketPlaceModification"))
            return request_error("InvalidDateSearchType", "dateSearchType must be Modification, Purchase or MarketPlaceModification.");
        f.date_search_type = std::string(v->get_string());
    }
    if (!string_list(o, "marketplaceTechnicalCodes", f.marketplace_technical_codes, problem) ||
        !string_list(o, "marketplaceBusinessCodes", f.marketplace_business_codes, problem) ||
        !int_list(o, "accountIds", f.account_ids, problem) || !string_list(o, "storeIds", f.store_ids, problem) ||
        !string_list(o, "beezUPOrderStatuses", f.statuses, problem) ||
        !string_list(o, "marketplaceOrderIds", f.marketplace_order_ids, problem) ||
        !string_list(o, "order_MerchantOrderIds", f.merchant_order_ids, problem))
        return request_error("InvalidFilter", problem);
    for (const auto* name : {"order_Buyer_Name", "orderMerchantInfoSynchronizationStatus", "invoiceAvailabilityType"}) {
        const auto* v = o.if_contains(name);
        if (!v || v->is_null()) continue;
        if (!v->is_string()) return request_error("InvalidFilter", std::string(name) + " must be a string.");
        const std::string text(v->get_string());
        if (std::string(name) == "order_Buyer_Name") {
            f.buyer_name = text;
        } else if (std::string(name) == "orderMerchantInfoSynchronizationStatus") {
            if (text != "All" && text != "Synchronized" && text != "NotSynchronized")
                return request_error("InvalidFilter", "orderMerchantInfoSynchronizationStatus must be All, Synchronized or NotSynchronized.");
            f.merchant_info_sync = text;
        } else {
            if (text != "All" && text != "Generated" && text != "NotGenerated")
                return request_error("InvalidFilter", "invoiceAvailabilityType must be All, Generated or NotGenerated.");
            f.invoice_availability = text;
        }
    }

    return std::nullopt;
}

}  // namespace beezup::sandbox
