#include "exportations_api.hpp"

#include "json_writer.hpp"
#include "list_request.hpp"
#include "order_generator.hpp"
#include "common/uuid.hpp"

#include <boost/json.hpp>

#include <csv.h>

#include <charconv>
#include <cstdio>

namespace beezup::sandbox {
namespace {

constexpr const char* base = "/v2/user/marketplaces/orders/exportations";

api_answer error(int status, const std::string& code, const std::string& message) {
    return {outcome::error(status, code, message), {}, false};
}

// libcsv quotes every field and doubles embedded quotes (RFC 4180).
void append_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        const auto& f = fields[i];
        std::string quoted(f.size() * 2 + 2, '\0');
        quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
        out += quoted;
    }
    out += "\r\n";
}

std::string decimal(money m) {
    json_writer w;
    w.value(m);
    return w.str();
}

const std::vector<std::string>& columns() {
    static const std::vector<std::string> names = {
        "marketplaceTechnicalCode", "marketplaceBusinessCode", "accountId", "beezUPOrderId",
        "order_MarketplaceOrderId", "order_Status_BeezUPOrderStatus", "order_Status_MarketplaceOrderStatus",
        "order_PurchaseUtcDate", "order_LastModificationUtcDate", "order_CurrencyCode", "order_TotalPrice",
        "order_TotalTax", "order_TotalCommission", "order_Shipping_Price", "order_Shipping_ShippingTax",
        "order_Shipping_Method", "order_PaymentMethod", "order_MerchantOrderId", "order_Invoice_Number",
        "order_Buyer_Civility", "order_Buyer_FirstName", "order_Buyer_LastName", "order_Buyer_CompanyName",
        "order_Buyer_Email", "order_Buyer_Phone", "order_Buyer_AddressLine1", "order_Buyer_AddressLine2",
        "order_Buyer_AddressPostalCode", "order_Buyer_AddressCity", "order_Buyer_AddressCountryIsoCodeAlpha2",
        "order_Shipping_Civility", "order_Shipping_FirstName", "order_Shipping_LastName",
        "order_Shipping_CompanyName", "order_Shipping_Phone", "order_Shipping_AddressLine1",
        "order_Shipping_AddressLine2", "order_Shipping_AddressPostalCode", "order_Shipping_AddressCity",
        "order_Shipping_AddressCountryIsoCodeAlpha2", "order_Shipping_CarrierName",
        "order_Shipping_ShipperTrackingNumber", "beezUPOrderItemId", "orderItem_Title", "orderItem_gtin",
        "orderItem_MerchantProductId", "orderItem_Quantity", "orderItem_ItemPrice", "orderItem_ItemTax",
        "orderItem_Shipping_Price", "orderItem_TotalPrice"};
    return names;
}

std::string posted(const order& o, const char* name) {
    auto it = o.posted.find(name);
    return it == o.posted.end() ? std::string() : it->second;
}

}  // namespace

std::string csv_header() {
    std::string out;
    append_row(out, columns());
    return out;
}

void append_csv_rows(std::string& out, const order& o) {
    for (const auto& item : o.items) {
        append_row(out, {o.acct.marketplace_technical_code, o.acct.marketplace_business_code,
                         std::to_string(o.acct.account_id), o.beezup_order_id, o.marketplace_order_id, o.beezup_status,
                         o.marketplace_status, format_utc(o.purchase), format_utc(o.last_modification), o.currency,
                         decimal(o.total_price), decimal(o.total_tax), decimal(o.total_commission),
                         decimal(o.shipping_price), decimal(o.shipping_tax), o.shipping_method, o.payment_method,
                         o.merchant_order_id.value_or(""), o.invoice_number.value_or(""), o.buyer.civility,
                         o.buyer.first_name, o.buyer.last_name, o.buyer.company_name, o.buyer.email, o.buyer.phone,
                         o.buyer.line1, o.buyer.line2, o.buyer.postal_code, o.buyer.city, o.buyer.country_iso2,
                         o.shipping.civility, o.shipping.first_name, o.shipping.last_name, o.shipping.company_name,
                         o.shipping.phone, o.shipping.line1, o.shipping.line2, o.shipping.postal_code, o.shipping.city,
                         o.shipping.country_iso2, posted(o, "order_Shipping_CarrierName"),
                         posted(o, "order_Shipping_ShipperTrackingNumber"), item.beezup_order_item_id, item.title,
                         item.gtin, item.merchant_product_id, std::to_string(item.quantity), decimal(item.item_price),
                         decimal(item.item_tax), decimal(item.shipping_price), decimal(item.total_price)});
    }
}

std::optional<api_answer> exportations_api::handle(const api_call& call) {
    const auto& s = call.segments;
    if (s.size() < 5 || s[0] != "v2" || s[1] != "user" || s[2] != "marketplaces" || s[3] != "orders" ||
        s[4] != "exportations")
        return std::nullopt;
    if (s.size() == 7 && s[5] == "files" && call.method == "GET") return download(s[6]);
    if (s.size() != 5) return error(404, "ResourceNotFound", "No resource at this path.");
    if (call.method == "POST") return request(call);
    if (call.method == "GET") return list(call);
    return error(405, "MethodNotAllowed", "The method " + call.method + " is not allowed here.");
}

api_answer exportations_api::request(const api_call& call) {
    boost::json::error_code ec;
    const auto body = boost::json::parse(call.body, ec);
    if (ec || !body.is_object()) return error(400, "InvalidJson", "The request body must be a JSON object.");
    const auto& o = body.get_object();
    const auto* store_id = o.if_contains("storeId");
    const auto* criteria = o.if_contains("orderListRequestWithoutPagination");
    const auto* format = o.if_contains("format");
    if (!store_id || !store_id->is_string()) return error(400, "InvalidRequest", "storeId is required.");
    if (!criteria || !criteria->is_object())
        return error(400, "InvalidRequest", "orderListRequestWithoutPagination is required.");
    if (format && !(format->is_string() && format->get_string() == "csv"))
        return error(400, "InvalidRequest", "format must be csv.");
    list_filter filter;
    if (auto problem = parse_list_filter(criteria->get_object(), store_.now(), filter))
        return error(400, problem->code, problem->message);
    filter.store_ids = {std::string(store_id->get_string())};

    exportation e;
    e.store_id = std::string(store_id->get_string());
    e.criteria = boost::json::serialize(*criteria);
    e.enqueued = e.begin = store_.now();
    e.csv = csv_header();
    e.order_count = static_cast<std::int64_t>(
        store_.list(filter, 1, SIZE_MAX / 2, [&](const order& matched) { append_csv_rows(e.csv, matched); }));
    if (e.order_count == 0) return error(404, "NoOrderFound", "No orders have been found for this request.");
    e.end = store_.now();
    {
        std::lock_guard lock(mutex_);
        e.execution_uuid = common::uuid_v4(rng_);
        exportations_.push_back(std::move(e));
    }
    outcome accepted;
    accepted.status = 202;
    return {accepted, {}, false};
}

api_answer exportations_api::list(const api_call& call) {
    auto number = [&](const char* name, std::int64_t low, std::int64_t high) -> std::optional<std::int64_t> {
        auto it = call.query.find(name);
        if (it == call.query.end()) return std::nullopt;
        std::int64_t v = 0;
        auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
        if (ec != std::errc() || end != it->second.data() + it->second.size() || v < low || v > high) return std::nullopt;
        return v;
    };
    const auto page_number = number("pageNumber", 1, INT32_MAX);
    const auto page_size = number("pageSize", 25, 100);
    const auto store_id = call.query.find("storeId");
    if (!page_number || !page_size || store_id == call.query.end())
        return error(400, "InvalidRequest", "storeId, pageNumber (>= 1) and pageSize (25 to 100) are required.");

    std::lock_guard lock(mutex_);
    std::vector<const exportation*> matches;
    for (auto it = exportations_.rbegin(); it != exportations_.rend(); ++it)  // newest first
        if (it->store_id == store_id->second) matches.push_back(&*it);
    const auto total = static_cast<std::int64_t>(matches.size());
    const auto pages = (total + *page_size - 1) / *page_size;
    const auto first = (*page_number - 1) * *page_size;

    json_writer w;
    w.begin_object().key("exportations").begin_array();
    std::int64_t on_page = 0;
    for (auto i = first; i < total && i < first + *page_size; ++i, ++on_page) {
        const auto& e = *matches[static_cast<std::size_t>(i)];
        w.begin_object()
            .member("executionUUID", e.execution_uuid)
            .member("enqueuedUtcDate", e.enqueued)
            .member("beginUtcDate", e.begin)
            .member("endUtcDate", e.end)
            .member("lastUpdateUtcDate", e.end)
            .member("expirationUtcDate", e.end + std::chrono::days(7))
            .member("ipAddress", "127.0.0.1")
            .member("processingStatus", "Done")
            .member("sourceType", "Api")
            .member("sourceUserName", "sandbox")
            .member("sourceUserId", "00000000-0000-0000-0000-000000000001")
            .member("orderCount", e.order_count)
            .member("remainingOrderCount", static_cast<std::int64_t>(0))
            .member("jsonCriteria", e.criteria)
            .member("timeoutDuration", "00:30:00")
            .member("blobNameUri", std::string(base) + "/files/" + e.execution_uuid + ".csv")
            .end_object();
    }
    w.end_array();
    auto page_link = [&](std::string_view name, std::int64_t n) {
        w.key(name).begin_object()
            .member("href", std::string(base) + "?storeId=" + store_id->second + "&pageNumber=" + std::to_string(n) +
                                "&pageSize=" + std::to_string(*page_size))
            .member("method", "GET").end_object();
    };
    w.key("paginationResult").begin_object().member("entryCount", on_page).member("pageCount", pages)
        .member("totalEntryCount", total).key("links").begin_object();
    page_link("first", 1);
    page_link("last", std::max<std::int64_t>(1, pages));
    if (*page_number < pages) page_link("next", *page_number + 1);
    if (*page_number > 1 && *page_number <= pages) page_link("previous", *page_number - 1);
    w.end_object().end_object();
    w.key("links").begin_object().key("self").begin_object().member("href", base).member("method", "GET").end_object()
        .end_object().end_object();
    return {outcome::json(w.take()), {}, false};
}

api_answer exportations_api::download(const std::string& file) {
    std::lock_guard lock(mutex_);
    for (const auto& e : exportations_) {
        if (e.execution_uuid + ".csv" != file) continue;
        outcome result = outcome::json(e.csv);
        result.content_type = "text/csv; charset=utf-8";
        return {result, {}, false};
    }
    return error(404, "ExportationNotFound", "No exportation file " + file + ".");
}

}  // namespace beezup::sandbox
