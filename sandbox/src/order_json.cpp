#include "order_json.hpp"

#include "marketplace_rules.hpp"

#include <cstdio>

namespace beezup::sandbox {
namespace {

void link(json_writer& w, std::string_view name, const std::string& href, const char* method) {
    w.key(name).begin_object().member("href", href).member("method", method).end_object();
}

// Header fields shared by the light and full forms, without `links` and the closing brace.
void write_header_fields(json_writer& w, const order& o) {
    w.member("marketplaceTechnicalCode", o.acct.marketplace_technical_code)
        .member("accountId", static_cast<std::int64_t>(o.acct.account_id))
        .member("beezUPOrderId", o.beezup_order_id)
        .member("marketplaceBusinessCode", o.acct.marketplace_business_code)
        .member("beezUPOrderUrl", "https://go.beezup.com/OrderManagement/Order/" + o.beezup_order_id)
        .member("etag", order_etag(o))
        .member("processing", o.processing)
        .member("order_MarketplaceOrderId", o.marketplace_order_id)
        .member("order_Status_BeezUPOrderStatus", o.beezup_status)
        .member("order_Status_MarketplaceOrderStatus", o.marketplace_status)
        .member("order_PurchaseUtcDate", o.purchase)
        .member("order_LastModificationUtcDate", o.last_modification)
        .member("order_MarketplaceLastModificationUtcDate", o.marketplace_last_modification)
        .member("order_Buyer_Name", o.buyer.first_name + " " + o.buyer.last_name)
        .member("order_CurrencyCode", o.currency)
        .member("order_TotalPrice", o.total_price);
    if (o.merchant_order_id) w.member("order_MerchantOrderId", *o.merchant_order_id);
    if (o.merchant_software_name) w.member("order_MerchantECommerceSoftwareName", *o.merchant_software_name);
    if (o.merchant_software_version) w.member("order_MerchantECommerceSoftwareVersion", *o.merchant_software_version);
    if (o.invoice_number) w.member("order_Invoice_Number", *o.invoice_number);
    if (o.invoice_uri) w.member("order_Invoice_Uri", *o.invoice_uri);
}

void write_address(json_writer& w, const std::string& prefix, const address& a) {
    w.member_if(prefix + "Civility", a.civility)
        .member_if(prefix + "FirstName", a.first_name)
        .member_if(prefix + "LastName", a.last_name)
        .member_if(prefix + "CompanyName", a.company_name)
        .member_if(prefix + "AddressLine1", a.line1)
        .member_if(prefix + "AddressLine2", a.line2)
        .member_if(prefix + "AddressLine3", a.line3)
        .member_if(prefix + "AddressPostalCode", a.postal_code)
        .member_if(prefix + "AddressCity", a.city)
        .member_if(prefix + "AddressStateOrRegion", a.state_or_region)
        .member_if(prefix + "AddressCountryIsoCodeAlpha2", a.country_iso2)
        .member_if(prefix + "AddressCountryName", a.country_name)
        .member_if(prefix + "Phone", a.phone)
        .member_if(prefix + "MobilePhone", a.mobile_phone)
        .member_if(prefix + "Email", a.email);
}

void write_item(json_writer& w, const order_item& i) {
    w.begin_object()
        .member("beezUPOrderItemId", i.beezup_order_item_id)
        .member("orderItem_OrderItemType", i.item_type)
        .member_if("orderItem_BeezUPStoreId", i.store_id)
        .member_if("orderItem_Title", i.title)
        .member_if("orderItem_gtin", i.gtin)
        .member_if("orderItem_Condition", i.condition)
        .member_if("orderItem_MarketPlaceProductId", i.marketplace_product_id)
        .member_if("orderItem_MerchantProductId", i.merchant_product_id)
        .member_if("orderItem_ImageUrl", i.image_url)
        .key("orderItem_Quantity").value(money{i.quantity * 100})
        .member("orderItem_ItemPrice", i.item_price)
        .member("orderItem_ItemTax", i.item_tax)
        .member("orderItem_Shipping_Price", i.shipping_price)
        .member("orderItem_TotalPrice", i.total_price)
        .end_object();
}

void write_transition_links(json_writer& w, const order& o) {
    w.key("transitionLinks").begin_array();
    for (const auto& t : allowed_transitions(o)) {
        w.begin_object()
            .member("rel", t.change_type)
            .member("href", order_path(o) + "/" + t.change_type)
            .member("method", "POST")
            .member("operationId", "ChangeOrderV3")
            .key("parameters").begin_object();
        w.key("If-Match").begin_object().member("in", "header").member("required", false).end_object();
        w.key("userName").begin_object().member("in", "query").member("required", true).end_object();
        w.key("testMode").begin_object().member("in", "query").member("required", false).end_object();
        w.key("request").begin_object().member("in", "body").member("required", !t.parameters.empty())
            .member("schema", "changeOrderRequest").key("properties").begin_object();
        for (const auto& p : t.parameters) {
            w.key(p.name).begin_object().member("type", p.type).member("required", p.required);
            if (!p.lov_list.empty()) {
                w.key("lovLink").begin_object().member("href", "/v2/user/lov/" + p.lov_list).member("method", "GET").end_object();
                w.member("lovRequired", p.lov_required);
            }
            w.end_object();
        }
        w.end_object().end_object();  // properties, request
        w.end_object().end_object();  // parameters, link
    }
    w.end_array();
}

}  // namespace

std::string order_path(const order& o) {
    return "/orders/v3/" + o.acct.marketplace_technical_code + "/" + std::to_string(o.acct.account_id) + "/" +
           o.beezup_order_id;
}

std::string order_etag(const order& o) {
    // Stable for a version, different for each: FNV-1a of id and version.
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](unsigned char c) { h = (h ^ c) * 1099511628211ULL; };
    for (unsigned char c : o.beezup_order_id) mix(c);
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(o.version >> (8 * i)));
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buffer;
}

void write_order_header(json_writer& w, const order& o) {
    w.begin_object();
    write_header_fields(w, o);
    w.key("links").begin_object();
    link(w, "self", order_path(o), "GET");
    w.end_object().end_object();
}

void write_order_full(json_writer& w, const order& o) {
    const auto path = order_path(o);
    w.begin_object();
    write_header_fields(w, o);
    write_address(w, "order_Buyer_", o.buyer);
    w.member_if("order_Buyer_Identifier", o.buyer_identifier);
    write_address(w, "order_Shipping_", o.shipping);
    w.member("order_Shipping_AddressName", o.shipping.first_name + " " + o.shipping.last_name)
        .member_if("order_Shipping_Method", o.shipping_method)
        .member("order_Shipping_Price", o.shipping_price)
        .member("order_Shipping_ShippingTax", o.shipping_tax)
        .member("order_Shipping_EarliestShipUtcDate", o.earliest_ship)
        .member("order_Shipping_LatestShipUtcDate", o.latest_ship)
        .member("order_TotalTax", o.total_tax)
        .member("order_TotalCommission", o.total_commission)
        .member("order_PayingUtcDate", o.paying)
        .member_if("order_PaymentMethod", o.payment_method)
        .member_if("order_MarketPlaceChannel", o.marketplace_channel)
        .member_if("order_FulfilledBy", o.fulfilled_by)
        .member_if("order_Comment", o.comment)
        .member("order_IsBusiness", o.is_business)
        .member("order_IsPrime", o.is_prime);
    for (const auto& [name, value] : o.posted) w.member(name, value);
    for (const auto& [name, value] : o.extra) w.member(name, value);
    w.key("orderItems").begin_array();
    for (const auto& item : o.items) write_item(w, item);
    w.end_array();
    w.key("links").begin_object();
    link(w, "self", path, "GET");
    link(w, "history", path + "/history", "GET");
    link(w, "harvest", path + "/harvest", "POST");
    link(w, "setMerchantInfo", path + "/setMerchantOrderInfo", "POST");
    link(w, "clearMerchantInfo", path + "/clearMerchantOrderInfo", "POST");
    w.end_object();
    write_transition_links(w, o);
    w.end_object();
}

void write_change_reporting(json_writer& w, const change_record& c) {
    w.begin_object()
        .member("executionUUID", c.execution_uuid)
        .member("changeOrderType", c.change_type)
        .member("creationUtcDate", c.creation)
        .member("lastUpdateUtcDate", c.last_update)
        .member("processingStatus", c.processing_status)
        .member("ipAddress", "127.0.0.1")
        .member("sourceType", "Api")
        .member("sourceUserId", "00000000-0000-0000-0000-000000000001")
        .member("sourceUserName", c.source_user_name)
        .member("testMode", c.test_mode);
    if (c.error_message) w.member("errorMessage", *c.error_message);
    // `details` maps to objects in the spec: the request is one object inside it.
    w.key("details").begin_object().key("changeOrderRequest").begin_object();
    for (const auto& [name, value] : c.details) w.member(name, value);
    w.end_object().end_object().end_object();
}

void write_order_history(json_writer& w, const order& o) {
    w.begin_object().member("lastModificationUtcDate", o.last_modification).key("changeOrderReportings").begin_array();
    for (const auto& c : o.changes) write_change_reporting(w, c);
    w.end_array().key("harvestOrderReportings").begin_array();
    for (const auto& h : o.harvests)
        w.begin_object()
            .member("executionUUID", h.execution_uuid)
            .member("creationUtcDate", h.creation)
            .member("lastUpdateUtcDate", h.last_update)
            .member("processingStatus", h.processing_status)
            .member("beezUPStatus", h.beezup_status)
            .member("marketplaceStatus", h.marketplace_status)
            .end_object();
    w.end_array().end_object();
}

}  // namespace beezup::sandbox
