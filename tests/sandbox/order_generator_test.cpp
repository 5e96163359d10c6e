#include "order_generator.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bs = beezup::sandbox;
using namespace std::chrono;

namespace {

// 2024-05-15T12:34:56Z, with a sub-second part the generator must drop.
const bs::time_point now = bs::time_point{sys_days{year{2024} / May / 15}.time_since_epoch()} + hours(12) +
                           minutes(34) + seconds(56) + milliseconds(789);

std::int64_t secs(bs::time_point t) { return duration_cast<seconds>(t.time_since_epoch()).count(); }
bool whole_seconds(bs::time_point t) { return t.time_since_epoch() % seconds(1) == bs::time_point::duration::zero(); }

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return s[14] == '4' && std::string_view("89ab").find(s[19]) != std::string_view::npos;
}

bool valid_ean13(std::string_view s) {
    if (s.size() != 13 || !all_digits(s)) return false;
    int sum = 0;  // weights 1,3,1,3,... from the left, check digit included (weight 1)
    for (std::size_t i = 0; i < 13; ++i) sum += (s[i] - '0') * (i % 2 == 0 ? 1 : 3);
    return sum % 10 == 0;
}

/// VAT part of a tax-included amount at 20%, rounded half up: price / 6.
std::int64_t vat20(std::int64_t cents) { return cents / 6 + (cents % 6 >= 3 ? 1 : 0); }

/// "YYYY-MM-DDTHH:MM:SSZ" of t.
std::string iso(bs::time_point t) {
    const auto day = floor<days>(t);
    const year_month_day ymd{sys_days{day.time_since_epoch()}};
    const hh_mm_ss<seconds> tod{duration_cast<seconds>(t - day)};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), int(tod.hours().count()), int(tod.minutes().count()),
                  int(tod.seconds().count()));
    return buf;
}

std::string fingerprint(const bs::order& o) {
    std::string s = o.acct.marketplace_business_code + "|" + std::to_string(o.acct.account_id) + "|" +
                    o.beezup_order_id + "|" + o.marketplace_order_id + "|" + o.beezup_status + "|" +
                    o.marketplace_status + "|" + std::to_string(secs(o.purchase)) + "|" +
                    std::to_string(secs(o.last_modification)) + "|" + std::to_string(o.total_price.cents) + "|" +
                    std::to_string(o.total_commission.cents) + "|" + o.buyer.first_name + " " + o.buyer.last_name +
                    "|" + o.buyer.email + "|" + o.shipping.line1 + "|" + std::to_string(o.version) + "|" +
                    o.merchant_order_id.value_or("-");
    for (const auto& it : o.items) s += "|" + it.beezup_order_item_id + "/" + it.gtin + "/" + std::to_string(it.quantity);
    for (const auto& [k, v] : o.extra) s += "|" + k + "=" + v;
    for (const auto& [k, v] : o.posted) s += "|" + k + "=" + v;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(order_generator)

BOOST_AUTO_TEST_CASE(accounts_cover_six_marketplaces_and_two_stores) {
    const auto& accounts = bs::sandbox_accounts();
    BOOST_TEST(accounts.size() >= 8u);
    std::set<std::string> codes, stores;
    std::set<std::int32_t> ids;
    for (const auto& a : accounts) {
        codes.insert(a.marketplace_technical_code);
        stores.insert(a.store_id);
        ids.insert(a.account_id);
        BOOST_TEST(a.store_id.size() == 36u);
        BOOST_TEST(!a.marketplace_business_code.empty());
    }
    BOOST_TEST(codes.size() >= 6u);
    BOOST_TEST(stores.size() == 2u);
    BOOST_TEST(ids.size() == accounts.size());
    const auto find = [&](std::int32_t id) {
        return *std::find_if(accounts.begin(), accounts.end(), [id](const bs::account& a) { return a.account_id == id; });
    };
    BOOST_TEST(find(1001).marketplace_business_code == "AMAZON_FR");
    BOOST_TEST(find(1002).country_iso2 == "DE");
    BOOST_TEST(find(5002).currency == "GBP");
    BOOST_TEST(find(5002).country_iso2 == "GB");
    BOOST_TEST(find(6001).marketplace_business_code == "RAKUTEN_FR");
}

BOOST_AUTO_TEST_CASE(generate_order_is_new_and_deterministic) {
    const std::map<std::string, std::string> new_status = {
        {"Amazon", "Unshipped"}, {"Cdiscount", "WaitingForShipmentAcceptation"}, {"Fnac", "Created"},
        {"ManoMano", "PENDING"}, {"eBay", "Active"},  {"PriceMinister", "new"}};
    for (const auto& acct : bs::sandbox_accounts()) {
        std::mt19937_64 a(7), b(7);
        const bs::order o1 = bs::generate_order(a, acct, now);
        const bs::order o2 = bs::generate_order(b, acct, now);
        BOOST_TEST(fingerprint(o1) == fingerprint(o2));
        BOOST_TEST(o1.beezup_status == "New");
        BOOST_TEST(o1.marketplace_status == new_status.at(acct.marketplace_technical_code));
        BOOST_TEST(o1.version == 1u);
        BOOST_TEST(o1.changes.empty());
        BOOST_TEST(o1.harvests.empty());
        BOOST_TEST(o1.posted.empty());
        BOOST_TEST(o1.currency == acct.currency);
        BOOST_TEST(o1.buyer.country_iso2 == acct.country_iso2);
        BOOST_TEST(o1.acct.account_id == acct.account_id);
        // Times: truncated to seconds, relative to the purchase.
        const auto p = secs(now);
        BOOST_TEST(secs(o1.purchase) == p);
        BOOST_TEST(whole_seconds(o1.purchase));
        BOOST_TEST(secs(o1.paying) > p);
        BOOST_TEST(secs(o1.paying) <= p + 3600);
        BOOST_TEST(secs(o1.earliest_ship) == p + 86400);
        BOOST_TEST(secs(o1.latest_ship) == p + 3 * 86400);
        BOOST_TEST(secs(o1.last_modification) == p);
        BOOST_TEST(secs(o1.marketplace_last_modification) == p);
        BOOST_TEST(!o1.items.empty());
        BOOST_TEST(o1.items.size() <= 5u);
    }
}

BOOST_AUTO_TEST_CASE(same_seed_same_orders) {
    const auto a = bs::generate_orders(20240515, 1500, now);
    const auto b = bs::generate_orders(20240515, 1500, now);
    BOOST_REQUIRE_EQUAL(a.size(), 1500u);
    BOOST_REQUIRE_EQUAL(b.size(), 1500u);
    for (std::size_t i = 0; i < a.size(); ++i) BOOST_TEST_REQUIRE(fingerprint(a[i]) == fingerprint(b[i]));
}

// Pinned values: the same seed must give the same data with every compiler and standard library
// (mt19937_64's output is fixed by the standard; the generator must not use std::*_distribution).
// Update these deliberately when the generator's choices change.
BOOST_AUTO_TEST_CASE(seed_42_golden_values) {
    const auto orders = bs::generate_orders(42, 3, now);
    BOOST_REQUIRE_EQUAL(orders.size(), 3u);
    BOOST_TEST(orders[0].acct.account_id == 1001);
    BOOST_TEST(orders[0].beezup_order_id == "f2194bc7-d597-4b28-80d2-eda553d1bc36");
    BOOST_TEST(orders[0].marketplace_order_id == "404-9194599-0320093");
    BOOST_TEST(orders[0].total_price.cents == 10570);
    BOOST_TEST(secs(orders[0].purchase) == 1701358944);
    BOOST_TEST(orders[0].items.front().gtin == "3711619611354");
    BOOST_TEST(orders[1].beezup_order_id == "5f14958f-73b0-48d8-950f-eefb4e6393bc");
    BOOST_TEST(orders[1].beezup_status == "Closed");
    BOOST_TEST(orders[2].marketplace_order_id == "402-8505786-6424051");
    BOOST_TEST(orders[2].buyer.last_name == "Perrin");

    std::mt19937_64 rng(42);
    const bs::order one = bs::generate_order(rng, bs::sandbox_accounts().at(3), now);
    BOOST_TEST(one.beezup_order_id == "c151df7d-6ee5-42d6-a397-8fb9b92502a8");
    BOOST_TEST(one.marketplace_order_id == "2405151234MGTE");  // Cdiscount: yymmddhhmm + letters
    BOOST_TEST(one.total_price.cents == 1990);
}

BOOST_AUTO_TEST_CASE(different_seed_different_orders) {
    const auto a = bs::generate_orders(1, 500, now);
    const auto b = bs::generate_orders(2, 500, now);
    BOOST_REQUIRE_EQUAL(a.size(), b.size());
    std::size_t same_id = 0, same_purchase = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        same_id += a[i].beezup_order_id == b[i].beezup_order_id;
        same_purchase += secs(a[i].purchase) == secs(b[i].purchase);
    }
    BOOST_TEST(same_id == 0u);
    BOOST_TEST(same_purchase < 50u);
}

BOOST_AUTO_TEST_CASE(count_zero_and_one) {
    BOOST_TEST(bs::generate_orders(3, 0, now).empty());
    BOOST_TEST(bs::generate_orders(3, 1, now).size() == 1u);
}

BOOST_AUTO_TEST_CASE(orders_spread_over_marketplaces_and_accounts) {
    const auto orders = bs::generate_orders(99, 2000, now);
    std::map<std::string, int> per_marketplace;
    std::set<std::int32_t> accounts;
    std::set<std::string> stores;
    for (const auto& o : orders) {
        ++per_marketplace[o.acct.marketplace_technical_code];
        accounts.insert(o.acct.account_id);
        stores.insert(o.acct.store_id);
        for (const auto& it : o.items) BOOST_TEST(it.store_id == o.acct.store_id);
    }
    BOOST_TEST(per_marketplace.size() >= 6u);
    BOOST_TEST(accounts.size() == bs::sandbox_accounts().size());
    BOOST_TEST(stores.size() == 2u);
}

BOOST_AUTO_TEST_CASE(history_has_every_status) {
    const auto orders = bs::generate_orders(5, 5000, now);
    std::map<std::string, int> count;
    int unknown = 0, old = 0, old_closed_or_shipped = 0, old_with_merchant_id = 0;
    for (const auto& o : orders) {
        ++count[o.beezup_status];
        const bool unmapped = o.marketplace_status == "Undefined" || o.marketplace_status == "Not provided";
        if (unmapped) {
            ++unknown;
            BOOST_TEST(o.beezup_status == "InProgress");
        }
        const bool is_old = now - o.purchase > days(10);
        if (is_old) {
            ++old;
            BOOST_TEST(o.beezup_status != "New");
            old_closed_or_shipped += o.beezup_status == "Closed" || o.beezup_status == "Shipped";
            old_with_merchant_id += o.merchant_order_id.has_value();
        }
        // version = 1 + number of status changes
        if (o.beezup_status == "New") {
            BOOST_TEST(o.version == 1u);
            BOOST_TEST(secs(o.last_modification) == secs(o.purchase));
        } else {
            BOOST_TEST(o.version >= 2u);
            BOOST_TEST(o.version <= 4u);
        }
        if (o.beezup_status == "Closed") BOOST_TEST(o.version >= 3u);  // at least New -> Shipped -> Closed
        if (o.merchant_order_id) {
            BOOST_TEST(o.merchant_order_id->size() == 10u);
            BOOST_TEST(o.merchant_order_id->rfind("CMD-", 0) == 0u);
            BOOST_TEST(all_digits(o.merchant_order_id->substr(4)));
            BOOST_TEST((o.merchant_software_name == "PrestaShop" || o.merchant_software_name == "Magento"));
            BOOST_TEST(o.merchant_software_version.has_value());
        }
    }
    for (const char* s : {"New", "InProgress", "Shipped", "Closed", "Canceled", "Aborted"})
        BOOST_TEST(count[s] > 0, "status " << s << " appears " << count[s] << " times");
    BOOST_TEST(count.size() == 6u);
    BOOST_TEST(unknown >= 10);    // ~1%
    BOOST_TEST(unknown <= 150);
    BOOST_TEST(count["Canceled"] >= 60);   // ~3%
    BOOST_TEST(count["Canceled"] <= 300);
    BOOST_TEST(count["Aborted"] >= 15);    // ~1%
    BOOST_TEST(count["Aborted"] <= 150);
    BOOST_TEST(old_closed_or_shipped * 100 >= old * 90);
    BOOST_TEST(old_with_merchant_id * 100 >= old * 22);  // ~30%
    BOOST_TEST(old_with_merchant_id * 100 <= old * 38);
}

BOOST_AUTO_TEST_CASE(shipped_orders_have_carrier_and_tracking) {
    const std::set<std::string> amazon = {"DHL", "UPS", "Colissimo", "Chronopost", "Other"};
    const std::set<std::string> cdiscount = {"COL", "CHR", "MRY", "TNT"};
    const auto orders = bs::generate_orders(11, 3000, now);
    for (const auto& o : orders) {
        const bool shipped = o.beezup_status == "Shipped" || o.beezup_status == "Closed";
        if (!shipped) {
            BOOST_TEST(o.posted.empty());
            continue;
        }
        BOOST_TEST_REQUIRE(o.posted.count("order_Shipping_CarrierName") == 1u);
        BOOST_TEST_REQUIRE(o.posted.count("order_Shipping_ShipperTrackingNumber") == 1u);
        BOOST_TEST_REQUIRE(o.posted.count("order_Shipping_FulfillmentDate") == 1u);
        const std::string& carrier = o.posted.at("order_Shipping_CarrierName");
        if (o.acct.marketplace_technical_code == "Amazon") BOOST_TEST(amazon.count(carrier) == 1u, carrier);
        else if (o.acct.marketplace_technical_code == "Cdiscount") BOOST_TEST(cdiscount.count(carrier) == 1u, carrier);
        else BOOST_TEST(carrier == "Colissimo");
        BOOST_TEST(o.posted.at("order_Shipping_ShipperTrackingNumber").size() >= 8u);
        const std::string& date = o.posted.at("order_Shipping_FulfillmentDate");
        BOOST_TEST(date.size() == 20u);
        // Shipped after the purchase and no later than the last modification.
        BOOST_TEST(date > iso(o.purchase), date);
        BOOST_TEST(date <= iso(o.marketplace_last_modification), date);
        for (const auto& [k, v] : o.posted) BOOST_TEST(k.rfind("order_Shipping_", 0) == 0u, k);
    }
}

BOOST_AUTO_TEST_CASE(totals_are_consistent) {
    const auto orders = bs::generate_orders(77, 3000, now);
    for (const auto& o : orders) {
        BOOST_TEST_REQUIRE(!o.items.empty());
        BOOST_TEST_REQUIRE(o.items.size() <= 5u);
        BOOST_TEST(o.currency == o.acct.currency);
        std::int64_t items = 0, tax = 0, shipping = 0;
        std::set<std::string> gtins;
        for (const auto& it : o.items) {
            BOOST_TEST(it.quantity >= 1);
            BOOST_TEST(it.quantity <= 3);
            BOOST_TEST(it.item_price.cents >= 100);
            BOOST_TEST(it.item_price.cents <= 40000);
            BOOST_TEST(it.item_tax.cents == vat20(it.item_price.cents));
            BOOST_TEST(it.total_price.cents == it.item_price.cents * it.quantity);
            BOOST_TEST(it.shipping_price.cents >= 0);
            BOOST_TEST(it.shipping_price.cents <= 2000);
            items += it.total_price.cents;
            tax += it.item_tax.cents * it.quantity;
            shipping += it.shipping_price.cents;
            gtins.insert(it.gtin);
        }
        BOOST_TEST(gtins.size() == o.items.size());  // distinct products per order
        BOOST_TEST(o.shipping_price.cents == shipping);
        BOOST_TEST(o.shipping_tax.cents == vat20(shipping));
        BOOST_TEST(o.total_price.cents == items + shipping);
        BOOST_TEST(o.total_tax.cents == tax + vat20(shipping));
        // Commission between 10% and 15% of the total (rounded to the cent).
        BOOST_TEST(o.total_commission.cents * 1000 >= o.total_price.cents * 100 - 500);
        BOOST_TEST(o.total_commission.cents * 1000 <= o.total_price.cents * 150 + 500);
    }
}

BOOST_AUTO_TEST_CASE(vat_rounding_is_half_up) {
    BOOST_TEST(vat20(490) == 82);   // 81.67
    BOOST_TEST(vat20(3) == 1);      // 0.5 -> 1
    BOOST_TEST(vat20(2) == 0);      // 0.33
    BOOST_TEST(vat20(600) == 100);
}

BOOST_AUTO_TEST_CASE(items_are_plausible) {
    const auto orders = bs::generate_orders(123, 2000, now);
    std::set<std::string> titles;
    for (const auto& o : orders) {
        const bool amazon = o.acct.marketplace_technical_code == "Amazon";
        for (const auto& it : o.items) {
            titles.insert(it.title);
            BOOST_TEST(valid_ean13(it.gtin), it.gtin);
            BOOST_TEST(it.merchant_product_id.size() == 9u);
            BOOST_TEST(it.merchant_product_id.rfind("SKU-", 0) == 0u);
            BOOST_TEST(all_digits(it.merchant_product_id.substr(4)));
            BOOST_TEST(it.image_url.rfind("https://images.example/", 0) == 0u);
            BOOST_TEST(!it.marketplace_product_id.empty());
            if (amazon) {
                BOOST_TEST(it.marketplace_product_id.size() == 10u);
                BOOST_TEST(it.marketplace_product_id.rfind("B0", 0) == 0u);
            }
            BOOST_TEST(it.item_type == "Product");
        }
    }
    BOOST_TEST(titles.size() >= 30u);
}

BOOST_AUTO_TEST_CASE(purchases_within_last_year_and_sorted) {
    const auto orders = bs::generate_orders(2024, 5000, now);
    const auto hi = secs(now), lo = secs(now - days(365));
    std::int64_t recent = 0, year_ago = 0;  // first and last 30 days
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& o = orders[i];
        const auto p = secs(o.purchase);
        BOOST_TEST_REQUIRE(p >= lo);
        BOOST_TEST_REQUIRE(p <= hi);
        if (i > 0) BOOST_TEST_REQUIRE(secs(orders[i - 1].purchase) <= p);
        for (auto t : {o.purchase, o.paying, o.last_modification, o.marketplace_last_modification, o.earliest_ship,
                       o.latest_ship})
            BOOST_TEST_REQUIRE(whole_seconds(t));
        BOOST_TEST(secs(o.paying) > p);
        BOOST_TEST(secs(o.earliest_ship) == p + 86400);
        BOOST_TEST(secs(o.latest_ship) == p + 3 * 86400);
        BOOST_TEST(secs(o.marketplace_last_modification) >= p);
        BOOST_TEST(secs(o.last_modification) >= secs(o.marketplace_last_modification));
        BOOST_TEST(secs(o.last_modification) <= hi);
        if (o.beezup_status != "New") BOOST_TEST(secs(o.marketplace_last_modification) > p);
        recent += p > hi - 30 * 86400;
        year_ago += p < lo + 30 * 86400;
    }
    BOOST_TEST(recent > year_ago);  // recent orders are more frequent
}

BOOST_AUTO_TEST_CASE(uuids_are_well_formed_and_unique) {
    const auto orders = bs::generate_orders(31337, 3000, now);
    std::set<std::string> ids;
    std::set<std::pair<std::string, std::string>> marketplace_ids;
    std::size_t n = 0;
    for (const auto& o : orders) {
        BOOST_TEST(is_uuid_v4(o.beezup_order_id), o.beezup_order_id);
        ids.insert(o.beezup_order_id);
        ++n;
        for (const auto& it : o.items) {
            BOOST_TEST(is_uuid_v4(it.beezup_order_item_id), it.beezup_order_item_id);
            ids.insert(it.beezup_order_item_id);
            ++n;
        }
        marketplace_ids.insert({o.acct.marketplace_business_code, o.marketplace_order_id});
    }
    BOOST_TEST(ids.size() == n);
    BOOST_TEST(marketplace_ids.size() == orders.size());
}

BOOST_AUTO_TEST_CASE(marketplace_fields_look_right) {
    const auto orders = bs::generate_orders(8, 3000, now);
    int prime = 0, amazon = 0, business = 0, gift = 0, company = 0;
    for (const auto& o : orders) {
        const std::string& mtc = o.acct.marketplace_technical_code;
        const std::string& id = o.marketplace_order_id;
        for (const auto& [k, v] : o.extra) BOOST_TEST(k.rfind("order_", 0) == 0u, k);
        BOOST_TEST(!o.buyer_identifier.empty());
        BOOST_TEST(!o.buyer.first_name.empty());
        BOOST_TEST(!o.buyer.last_name.empty());
        BOOST_TEST(!o.buyer.line1.empty());
        BOOST_TEST(!o.buyer.postal_code.empty());
        BOOST_TEST(!o.buyer.city.empty());
        BOOST_TEST(o.buyer.email.find('@') != std::string::npos);
        BOOST_TEST((o.buyer.email.find("@example.") != std::string::npos || o.buyer.email.ends_with("@marketplace.example")), o.buyer.email);
        BOOST_TEST(o.shipping.country_iso2 == o.acct.country_iso2);
        BOOST_TEST(o.buyer.phone.rfind(o.acct.country_iso2 == "FR" ? "+33 " : o.acct.country_iso2 == "DE" ? "+49 " : "+44 ", 0) == 0u);
        if (o.acct.country_iso2 == "FR") {
            BOOST_TEST((o.buyer.civility == "M." || o.buyer.civility == "Mme"));
            BOOST_TEST(o.buyer.postal_code.size() == 5u);
            BOOST_TEST(o.buyer.mobile_phone.size() == std::string("+33 6 12 34 56 78").size());
        }
        BOOST_TEST((o.shipping_method == "Standard" || o.shipping_method == "Express" || o.shipping_method == "Relais"));
        BOOST_TEST(!o.payment_method.empty());
        business += o.is_business;
        gift += o.shipping.last_name != o.buyer.last_name || o.shipping.first_name != o.buyer.first_name;
        company += !o.shipping.company_name.empty();
        if (mtc == "Amazon") {
            ++amazon;
            prime += o.is_prime;
            BOOST_TEST(id.size() == 19u);
            BOOST_TEST((id[3] == '-' && id[11] == '-'), id);
            BOOST_TEST((all_digits(id.substr(0, 3)) && all_digits(id.substr(4, 7)) && all_digits(id.substr(12))), id);
            BOOST_TEST((o.marketplace_channel == "AFN" || o.marketplace_channel == "MFN"));
            BOOST_TEST(o.fulfilled_by == (o.marketplace_channel == "AFN" ? "Amazon" : "Merchant"));
            BOOST_TEST(o.extra.count("order_Amazon_SalesChannel") == 1u);
            BOOST_TEST(o.extra.at("order_Amazon_SalesChannel") == (o.acct.country_iso2 == "DE" ? "Amazon.de" : "Amazon.fr"));
            BOOST_TEST(o.extra.count("order_Amazon_IsReplacementOrder") == 1u);
        } else {
            BOOST_TEST(o.marketplace_channel == "Default");
            BOOST_TEST(!o.is_prime);
        }
        if (mtc == "Cdiscount") {
            BOOST_TEST(id.size() == 14u);
            BOOST_TEST(all_digits(id.substr(0, 10)), id);
            BOOST_TEST(o.extra.count("order_Cdiscount_SiteCommission") == 1u);
        }
        if (mtc == "eBay") {
            BOOST_TEST(id.size() == 14u);
            BOOST_TEST((id[2] == '-' && id[8] == '-'), id);
            BOOST_TEST(o.extra.count("order_Ebay_BuyerUserId") == 1u);
        }
        if (mtc == "Fnac" || mtc == "ManoMano" || mtc == "PriceMinister") BOOST_TEST(all_digits(id), id);
    }
    BOOST_TEST(prime > 0);
    BOOST_TEST(prime < amazon);
    BOOST_TEST(business > 0);
    BOOST_TEST(business * 10 < static_cast<int>(orders.size()));
    BOOST_TEST(gift > 0);
    BOOST_TEST(company > 0);
}

BOOST_AUTO_TEST_SUITE_END()
