#pragma once
// The sandbox's state of one order, as BeezUP would hold it. Field names follow the spec's
// order_* properties (see ../shared/api/NOTES.md §5); JSON is written by order_json.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace beezup::sandbox {

using time_point = std::chrono::system_clock::time_point;

/// An exact amount with two decimals (cents). Never a double.
struct money {
    std::int64_t cents = 0;
    friend money operator+(money a, money b) { return {a.cents + b.cents}; }
    friend money operator*(money a, std::int64_t n) { return {a.cents * n}; }
    friend bool operator==(money, money) = default;
};

struct address {
    std::string civility, first_name, last_name, company_name;
    std::string line1, line2, line3, postal_code, city, state_or_region, country_iso2, country_name;
    std::string phone, mobile_phone, email;
};

struct order_item {
    std::string beezup_order_item_id;  // uuid
    std::string item_type = "Product";
    std::string store_id;
    std::string title, gtin, condition = "New";
    std::string marketplace_product_id, merchant_product_id, image_url;
    std::int64_t quantity = 1;
    money item_price;     // unit price, tax included
    money item_tax;       // tax part of one unit
    money shipping_price; // for this line
    money total_price;    // item_price * quantity
};

/// One marketplace account an order belongs to.
struct account {
    std::string marketplace_technical_code;  // "Amazon", "Cdiscount", ...
    std::string marketplace_business_code;   // "AMAZON_FR", ...
    std::int32_t account_id = 0;
    std::string store_id;                    // guid
    std::string currency = "EUR";
    std::string country_iso2 = "FR";
};

struct change_record {
    std::string execution_uuid;
    std::string change_type;
    time_point creation{}, last_update{};
    std::string processing_status;  // "InProgress", "Done", "Failed"
    std::optional<std::string> error_message;
    std::string source_user_name;
    bool test_mode = false;
    std::map<std::string, std::string> details;  // the changeOrderRequest fields
};

struct harvest_record {
    std::string execution_uuid;
    time_point creation{}, last_update{};
    std::string processing_status = "Done";
    std::string beezup_status, marketplace_status;
};

struct order {
    account acct;
    std::string beezup_order_id;        // RFC 4122 uuid
    std::string marketplace_order_id;   // the marketplace's id ("ID de vente")
    std::string beezup_status;          // New, InProgress, Shipped, Closed, Aborted, Canceled
    std::string marketplace_status;     // the marketplace's own wording; may be unknown to BeezUP
    time_point purchase{}, paying{}, last_modification{}, marketplace_last_modification{};
    time_point earliest_ship{}, latest_ship{};

    std::string currency = "EUR";
    money total_price, total_tax, total_commission, shipping_price, shipping_tax;

    std::string buyer_identifier;
    address buyer, shipping;
    std::string shipping_method, payment_method, marketplace_channel, fulfilled_by, comment;
    bool is_business = false, is_prime = false;

    std::vector<order_item> items;
    /// Marketplace-specific order_* fields (names as the marketplace's LOV gives them).
    std::map<std::string, std::string> extra;

    std::optional<std::string> merchant_order_id, merchant_software_name, merchant_software_version;
    std::optional<std::string> invoice_number, invoice_uri;

    /// Shipping details once shipped (carrier, tracking number, ...), as order_Shipping_* fields.
    std::map<std::string, std::string> posted;

    std::uint64_t version = 1;  // bumped on every change; the ETag derives from it
    /// A change accepted and not yet confirmed by the marketplace (BeezUP's `processing`).
    bool processing = false;
    time_point processing_until{};
    std::string pending_execution;  // uuid of the change_record being processed
    std::string pending_status, pending_marketplace_status;  // taken when the marketplace confirms
    std::map<std::string, std::string> pending_posted;
    std::vector<change_record> changes;
    std::vector<harvest_record> harvests;
};

}  // namespace beezup::sandbox
