#pragma once
/// @file
/// Orders as BeezUP describes them (orderHeader, order, orderItem), in plain C++ types.

#include <beezup/decimal.hpp>
#include <beezup/named_values.hpp>
#include <beezup/vocabulary.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

using utc_time = std::chrono::system_clock::time_point;

/// What identifies an order in every order path: /orders/v3/{marketplace}/{account}/{id}.
struct order_key {
    std::string marketplace_technical_code;  ///< "Amazon", "Cdiscount", ...
    std::int32_t account_id = 0;
    std::string beezup_order_id;             ///< opaque: never validated as a UUID
    friend bool operator==(const order_key&, const order_key&) = default;
    friend auto operator<=>(const order_key&, const order_key&) = default;
};

/// A postal address with its contact (order_Buyer_* or order_Shipping_* fields).
struct address {
    std::optional<std::string> civility, first_name, last_name, company_name;
    std::optional<std::string> line1, line2, line3, postal_code, city, state_or_region;
    std::optional<std::string> country_iso2, country_name, phone, mobile_phone, email;
};

struct order_item {
    std::string beezup_order_item_id;
    std::string item_type;                          ///< orderItem_OrderItemType, e.g. "Product"
    std::optional<std::string> store_id, title, gtin, condition;
    std::optional<std::string> marketplace_product_id, merchant_product_id, image_url;
    std::optional<decimal> quantity, item_price, item_tax, shipping_price, total_price;
    /// orderItem_* fields the SDK does not model, as raw JSON text.
    named_values<std::string> extra;
};

/// A link of the API (link3): where to go and how.
struct api_link {
    std::string href;
    std::string method;  ///< "GET", "POST", ... ("" when the server did not say)
    friend bool operator==(const api_link&, const api_link&) = default;
};

/// One parameter of an allowed change (the body's properties of a transitionLink).
struct change_parameter {
    std::string name;                 ///< "order_Shipping_CarrierName"
    std::string type;                 ///< "string", "date-time", ...
    bool required = false;
    std::optional<std::string> lov_href;  ///< list of values the value comes from
    bool lov_required = false;        ///< true: the value MUST be one of the list's codes
};

/// A change the order allows now (one of its transitionLinks).
struct allowed_change {
    change_type type;                 ///< the link's rel: "ShipOrder"
    api_link link;
    std::vector<change_parameter> parameters;
};

/// The header of an order: what list/light returns.
struct order_header {
    order_key key;
    std::string marketplace_business_code;
    std::string etag;
    bool processing = false;          ///< a harvest or a change is in progress
    std::string marketplace_order_id; ///< the marketplace's id ("ID de vente")
    order_status status;              ///< BeezUP's status
    std::optional<std::string> marketplace_status;
    utc_time purchase_date{}, last_modification_date{}, marketplace_last_modification_date{};
    std::optional<std::string> buyer_name, currency_code, beezup_order_url;
    std::optional<decimal> total_price;
    std::optional<std::string> merchant_order_id, merchant_software_name, merchant_software_version;
    std::optional<std::string> invoice_number, invoice_uri;
    api_link self;
};

/// A full order: what list/full and get return.
struct order : order_header {
    address buyer, shipping;
    std::optional<std::string> buyer_identifier, shipping_address_name, shipping_method;
    std::optional<decimal> shipping_price, shipping_tax, total_tax, total_commission;
    std::optional<utc_time> paying_date, earliest_ship_date, latest_ship_date;
    std::optional<std::string> payment_method, marketplace_channel, fulfilled_by, comment;
    std::optional<bool> is_business, is_prime;
    std::vector<order_item> items;
    /// Links of the order other than `self`: history, harvest, setMerchantInfo, clearMerchantInfo.
    named_values<api_link> links;
    /// The changes the order allows now.
    std::vector<allowed_change> allowed_changes;
    /// order_* fields the SDK does not model (marketplace-specific ones, posted shipping data),
    /// as raw JSON text ("\"DHL\"", "12.5", "true").
    named_values<std::string> extra;

    /// The allowed change of this type, or nullptr.
    const allowed_change* find_change(const change_type& type) const;
};

}  // namespace beezup
