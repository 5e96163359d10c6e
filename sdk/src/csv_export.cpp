#include <beezup/csv_export.hpp>
#include <beezup/error.hpp>

#include "json/utc_time.hpp"

#include <csv.h>

#include <algorithm>
#include <functional>

namespace beezup {
namespace {

std::string text(const std::optional<std::string>& s) { return s.value_or(""); }
std::string number(const std::optional<decimal>& d) { return d ? d->to_string() : std::string(); }
std::string time_text(const std::optional<utc_time>& t) { return t ? detail::json::format_utc_time(*t) : std::string(); }
// A posted or marketplace field kept as raw JSON: strings lose their quotes.
std::string extra(const order& o, const char* name) {
    auto it = o.extra.find(name);
    if (it == o.extra.end()) return {};
    const auto& raw = it->second;
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"' && raw.find('\\') == std::string::npos)
        return raw.substr(1, raw.size() - 2);
    return raw;
}

using extractor = std::function<std::string(const order&, const order_item*)>;

const std::vector<std::pair<std::string, extractor>>& table() {
    static const std::vector<std::pair<std::string, extractor>> columns = {
        {"marketplaceTechnicalCode", [](const order& o, auto) { return o.key.marketplace_technical_code; }},
        {"marketplaceBusinessCode", [](const order& o, auto) { return o.marketplace_business_code; }},
        {"accountId", [](const order& o, auto) { return std::to_string(o.key.account_id); }},
        {"beezUPOrderId", [](const order& o, auto) { return o.key.beezup_order_id; }},
        {"order_MarketplaceOrderId", [](const order& o, auto) { return o.marketplace_order_id; }},
        {"order_Status_BeezUPOrderStatus", [](const order& o, auto) { return o.status.str(); }},
        {"order_Status_MarketplaceOrderStatus", [](const order& o, auto) { return text(o.marketplace_status); }},
        {"order_PurchaseUtcDate", [](const order& o, auto) { return time_text(o.purchase_date); }},
        {"order_LastModificationUtcDate", [](const order& o, auto) { return time_text(o.last_modification_date); }},
        {"order_CurrencyCode", [](const order& o, auto) { return text(o.currency_code); }},
        {"order_TotalPrice", [](const order& o, auto) { return number(o.total_price); }},
        {"order_TotalTax", [](const order& o, auto) { return number(o.total_tax); }},
        {"order_TotalCommission", [](const order& o, auto) { return number(o.total_commission); }},
        {"order_Shipping_Price", [](const order& o, auto) { return number(o.shipping_price); }},
        {"order_Shipping_ShippingTax", [](const order& o, auto) { return number(o.shipping_tax); }},
        {"order_Shipping_Method", [](const order& o, auto) { return text(o.shipping_method); }},
        {"order_PaymentMethod", [](const order& o, auto) { return text(o.payment_method); }},
        {"order_MerchantOrderId", [](const order& o, auto) { return text(o.merchant_order_id); }},
        {"order_Invoice_Number", [](const order& o, auto) { return text(o.invoice_number); }},
        {"order_Buyer_Civility", [](const order& o, auto) { return text(o.buyer.civility); }},
        {"order_Buyer_FirstName", [](const order& o, auto) { return text(o.buyer.first_name); }},
        {"order_Buyer_LastName", [](const order& o, auto) { return text(o.buyer.last_name); }},
        {"order_Buyer_CompanyName", [](const order& o, auto) { return text(o.buyer.company_name); }},
        {"order_Buyer_Email", [](const order& o, auto) { return text(o.buyer.email); }},
        {"order_Buyer_Phone", [](const order& o, auto) { return text(o.buyer.phone); }},
        {"order_Buyer_AddressLine1", [](const order& o, auto) { return text(o.buyer.line1); }},
        {"order_Buyer_AddressLine2", [](const order& o, auto) { return text(o.buyer.line2); }},
        {"order_Buyer_AddressPostalCode", [](const order& o, auto) { return text(o.buyer.postal_code); }},
        {"order_Buyer_AddressCity", [](const order& o, auto) { return text(o.buyer.city); }},
        {"order_Buyer_AddressCountryIsoCodeAlpha2", [](const order& o, auto) { return text(o.buyer.country_iso2); }},
        {"order_Shipping_Civility", [](const order& o, auto) { return text(o.shipping.civility); }},
        {"order_Shipping_FirstName", [](const order& o, auto) { return text(o.shipping.first_name); }},
        {"order_Shipping_LastName", [](const order& o, auto) { return text(o.shipping.last_name); }},
        {"order_Shipping_CompanyName", [](const order& o, auto) { return text(o.shipping.company_name); }},
        {"order_Shipping_Phone", [](const order& o, auto) { return text(o.shipping.phone); }},
        {"order_Shipping_AddressLine1", [](const order& o, auto) { return text(o.shipping.line1); }},
        {"order_Shipping_AddressLine2", [](const order& o, auto) { return text(o.shipping.line2); }},
        {"order_Shipping_AddressPostalCode", [](const order& o, auto) { return text(o.shipping.postal_code); }},
        {"order_Shipping_AddressCity", [](const order& o, auto) { return text(o.shipping.city); }},
        {"order_Shipping_AddressCountryIsoCodeAlpha2", [](const order& o, auto) { return text(o.shipping.country_iso2); }},
        {"order_Shipping_CarrierName", [](const order& o, auto) { return extra(o, "order_Shipping_CarrierName"); }},
        {"order_Shipping_ShipperTrackingNumber", [](const order& o, auto) { return extra(o, "order_Shipping_ShipperTrackingNumber"); }},
        {"beezUPOrderItemId", [](const order&, const order_item* i) { return i ? i->beezup_order_item_id : ""; }},
        {"orderItem_Title", [](const order&, const order_item* i) { return i ? text(i->title) : ""; }},
        {"orderItem_gtin", [](const order&, const order_item* i) { return i ? text(i->gtin) : ""; }},
        {"orderItem_MerchantProductId", [](const order&, const order_item* i) { return i ? text(i->merchant_product_id) : ""; }},
        {"orderItem_Quantity", [](const order&, const order_item* i) { return i ? number(i->quantity) : ""; }},
        {"orderItem_ItemPrice", [](const order&, const order_item* i) { return i ? number(i->item_price) : ""; }},
        {"orderItem_ItemTax", [](const order&, const order_item* i) { return i ? number(i->item_tax) : ""; }},
        {"orderItem_Shipping_Price", [](const order&, const order_item* i) { return i ? number(i->shipping_price) : ""; }},
        {"orderItem_TotalPrice", [](const order&, const order_item* i) { return i ? number(i->total_price) : ""; }},
    };
    return columns;
}

}  // namespace

const std::vector<std::string>& csv_columns() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [name, f] : table()) out.push_back(name);
        return out;
    }();
    return names;
}

csv_writer::csv_writer(std::ostream& out, csv_options options) : out_(out), options_(std::move(options)) {
    if (options_.separator != ',' && options_.separator != ';' && options_.separator != '\t')
        throw invalid_request("the CSV separator must be ',', ';' or a tab");
    const auto& all = csv_columns();
    if (options_.columns.empty()) options_.columns = all;
    for (const auto& name : options_.columns) {
        auto it = std::find(all.begin(), all.end(), name);
        if (it == all.end()) throw invalid_request("unknown CSV column '" + name + "'");
        selected_.push_back(static_cast<std::size_t>(it - all.begin()));
    }
}

void csv_writer::write_row(const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) line += options_.separator;
        const auto& f = fields[i];
        // libcsv quotes the field and doubles its quotes (RFC 4180).
        std::string quoted(f.size() * 2 + 2, '\0');
        quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
        line += quoted;
    }
    line += "\r\n";
    out_ << line;
    if (!out_) throw error("writing the CSV failed");
}

void csv_writer::write(const order& o) {
    if (options_.header && !header_written_) {
        write_row(options_.columns);
        header_written_ = true;
    }
    auto row = [&](const order_item* item) {
        std::vector<std::string> fields;
        fields.reserve(selected_.size());
        for (auto index : selected_) fields.push_back(table()[index].second(o, item));
        write_row(fields);
        ++rows_;
    };
    if (o.items.empty()) row(nullptr);
    for (const auto& item : o.items) row(&item);
}

}  // namespace beezup
