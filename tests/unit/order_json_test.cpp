#include "json/order_json.hpp"

#include "decode_expectations.hpp"

#include <beezup/decimal.hpp>
#include <beezup/error.hpp>
#include <beezup/order.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using beezup::decimal;
namespace bjson = beezup::detail::json;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

using beezup::testing::expect_decode_error;

std::string read_data(const std::string& name) {
    std::ifstream in(std::string(BEEZUP_TEST_DATA_DIR) + "/" + name, std::ios::binary);
    BOOST_REQUIRE_MESSAGE(in, "cannot open test data " << name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

decimal dec(const char* text) {
    const auto d = decimal::parse(text);
    BOOST_REQUIRE_MESSAGE(d, "not a decimal: " << text);
    return *d;
}

beezup::utc_time at(year_month_day day, hours h, minutes m, seconds s) { return sys_days(day) + h + m + s; }

// A valid order with only the required members: tests replace pieces of it.
const std::string minimal_order =
    R"({"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":"id-1",)"
    R"("marketplaceBusinessCode":"AMAZON_FR","etag":"\"e1\"","processing":false,)"
    R"("order_MarketplaceOrderId":"171-1","order_Status_BeezUPOrderStatus":"New",)"
    R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z","order_LastModificationUtcDate":"2026-01-02T03:04:05Z",)"
    R"("order_MarketplaceLastModificationUtcDate":"2026-01-02T03:04:05Z",)"
    R"("orderItems":[{"beezUPOrderItemId":"item-1","orderItem_OrderItemType":"Product","orderItem_Quantity":1}],)"
    R"("links":{"self":{"href":"/orders/v3/Amazon/1001/id-1","method":"GET"}},"transitionLinks":[]})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    BOOST_REQUIRE_MESSAGE(pos != std::string::npos, "test bug: '" << from << "' not in the document");
    return text.replace(pos, from.size(), to);
}

std::string page(const std::vector<std::string>& orders) {
    std::string s = R"({"paginationResult":{"entryCount":)" + std::to_string(orders.size()) +
                    R"(,"pageCount":1,"totalEntryCount":)" + std::to_string(orders.size()) + R"(},"orders":[)";
    for (std::size_t i = 0; i < orders.size(); ++i) s += (i ? "," : "") + orders[i];
    return s + "]}";
}

void expect_list_error(const std::string& body, const std::string& path, const std::string& fragment) {
    BOOST_TEST_CONTEXT(body) {
        expect_decode_error([&] { bjson::decode_order_list_full(body); }, path, fragment);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(order_decoding)

BOOST_AUTO_TEST_CASE(decodes_a_sandbox_page) {
    const auto page = bjson::decode_order_list_full(read_data("order_list_full.json"));
    BOOST_TEST(page.paging.entry_count == 5);
    BOOST_TEST(page.paging.page_count == 1);
    BOOST_TEST(page.paging.total_entry_count == 5);
    BOOST_REQUIRE_EQUAL(page.orders.size(), 5u);

    const auto& o = page.orders[0];
    BOOST_TEST(o.key.marketplace_technical_code == "Amazon");
    BOOST_TEST(o.key.account_id == 1001);
    BOOST_TEST(o.key.beezup_order_id == "80dba2aa-44a3-4355-8117-820f372b4c5c");
    BOOST_TEST(o.marketplace_business_code == "AMAZON_FR");
    BOOST_TEST(o.etag == "\"3fe1cb6b7e56cc6e\"");
    BOOST_TEST(!o.processing);
    BOOST_TEST(o.marketplace_order_id == "171-3856537-6600289");
    BOOST_TEST((o.status == beezup::order_statuses::closed));
    BOOST_TEST(beezup::order_statuses::is_known(o.status));
    BOOST_TEST(o.marketplace_status.value() == "Shipped");
    BOOST_TEST((o.purchase_date == at(2026y / 10 / 27, 15h, 30min, 33s)));
    BOOST_TEST((o.last_modification_date == at(2026y / 11 / 22, 15h, 3min, 55s)));
    BOOST_TEST((o.marketplace_last_modification_date == at(2026y / 11 / 22, 14h, 49min, 11s)));
    BOOST_TEST(o.buyer_name.value() == "Pierre Roux");
    BOOST_TEST(o.currency_code.value() == "EUR");
    BOOST_TEST(o.beezup_order_url.value() ==
               "https://go.beezup.com/OrderManagement/Order/80dba2aa-44a3-4355-8117-820f372b4c5c");
    BOOST_TEST(o.total_price->to_string() == "103.80");  // the text's own scale
    BOOST_TEST(!o.merchant_order_id.has_value());
    BOOST_TEST(o.self.href == "/orders/v3/Amazon/1001/80dba2aa-44a3-4355-8117-820f372b4c5c");
    BOOST_TEST(o.self.method == "GET");

    BOOST_TEST(o.buyer.civility.value() == "M.");
    BOOST_TEST(o.buyer.first_name.value() == "Pierre");
    BOOST_TEST(o.buyer.last_name.value() == "Roux");
    BOOST_TEST(o.buyer.line1.value() == "118 avenue de la Gare");
    BOOST_TEST(o.buyer.line2.value() == "Appartement 1");
    BOOST_TEST(!o.buyer.line3.has_value());
    BOOST_TEST(o.buyer.postal_code.value() == "21000");
    BOOST_TEST(o.buyer.city.value() == "Dijon");
    BOOST_TEST(o.buyer.country_iso2.value() == "FR");
    BOOST_TEST(o.buyer.country_name.value() == "France");
    BOOST_TEST(o.buyer.phone.value() == "+33 7 68 12 57 21");
    BOOST_TEST(o.buyer.email.value() == "pnkvay84akjyodjq@marketplace.example");
    BOOST_TEST(o.buyer_identifier.value() == "AR6PXD5FBEFVC6");
    BOOST_TEST(o.shipping.city.value() == "Dijon");
    BOOST_TEST(o.shipping.mobile_phone.value() == "+33 7 68 12 57 21");
    BOOST_TEST(o.shipping_address_name.value() == "Pierre Roux");
    BOOST_TEST(o.shipping_method.value() == "Standard");
    BOOST_TEST((o.shipping_price.value() == dec("3.9")));
    BOOST_TEST((o.shipping_tax.value() == dec("0.65")));
    BOOST_TEST((o.total_tax.value() == dec("17.3")));
    BOOST_TEST((o.total_commission.value() == dec("14.22")));
    BOOST_TEST((o.paying_date.value() == at(2026y / 10 / 27, 15h, 37min, 37s)));
    BOOST_TEST((o.earliest_ship_date.value() == at(2026y / 10 / 28, 15h, 30min, 33s)));
    BOOST_TEST((o.latest_ship_date.value() == at(2026y / 10 / 30, 15h, 30min, 33s)));
    BOOST_TEST(o.payment_method.value() == "CreditCard");
    BOOST_TEST(o.marketplace_channel.value() == "MFN");
    BOOST_TEST(o.fulfilled_by.value() == "Merchant");
    BOOST_TEST(!o.comment.has_value());
    BOOST_TEST(o.is_business.value() == false);
    BOOST_TEST(o.is_prime.value() == false);

    // Marketplace-specific and posted shipping data: kept as raw JSON text.
    BOOST_TEST(o.extra.at("order_Amazon_SalesChannel") == "\"Amazon.fr\"");
    BOOST_TEST(o.extra.at("order_Amazon_IsPremiumOrder") == "\"false\"");
    BOOST_TEST(o.extra.at("order_Shipping_CarrierName") == "\"Colissimo\"");
    BOOST_TEST(o.extra.at("order_Shipping_FulfillmentDate") == "\"2026-10-28T20:14:16Z\"");
    BOOST_TEST(o.extra.size() == 7u);

    BOOST_REQUIRE_EQUAL(o.items.size(), 1u);
    const auto& item = o.items[0];
    BOOST_TEST(item.beezup_order_item_id == "d85f5446-e3b0-4d32-be26-149dcb3e34e1");
    BOOST_TEST(item.item_type == "Product");
    BOOST_TEST(item.store_id.value() == "8a1b6c1e-3f2d-4c5b-9e7a-1d2c3b4a5f60");
    BOOST_TEST(item.title.value() == "Disque SSD externe 1 To USB 3.2");
    BOOST_TEST(item.gtin.value() == "3790668871421");
    BOOST_TEST(item.condition.value() == "New");
    BOOST_TEST(item.marketplace_product_id.value() == "B0UWT00FQX");
    BOOST_TEST(item.merchant_product_id.value() == "SKU-15697");
    BOOST_TEST(item.image_url.value() == "https://images.example/products/sku-15697.jpg");
    BOOST_TEST(item.quantity->to_string() == "1.00");
    BOOST_TEST((item.quantity.value() == dec("1")));
    BOOST_TEST(item.item_price->to_string() == "99.90");
    BOOST_TEST((item.item_tax.value() == dec("16.65")));
    BOOST_TEST((item.shipping_price.value() == dec("3.9")));
    BOOST_TEST((item.total_price.value() == dec("99.9")));
    BOOST_TEST(item.extra.empty());

    BOOST_TEST(o.links.size() == 4u);
    BOOST_TEST(!o.links.contains("self"));  // it is o.self
    BOOST_TEST(o.links.at("history").href == "/orders/v3/Amazon/1001/80dba2aa-44a3-4355-8117-820f372b4c5c/history");
    BOOST_TEST(o.links.at("harvest").method == "POST");
    BOOST_TEST(o.links.count("setMerchantInfo") == 1u);
    BOOST_TEST(o.links.count("clearMerchantInfo") == 1u);
    BOOST_TEST(o.allowed_changes.empty());
    BOOST_TEST(o.find_change(beezup::change_types::ship) == nullptr);

    BOOST_TEST(page.orders[1].items.size() == 4u);
    BOOST_TEST(page.orders[2].extra.at("order_Cdiscount_SiteCommission") == "\"2.04\"");

    // A new order may be accepted or refused; the sandbox's accept takes no body property.
    const auto& fresh = page.orders[3];
    BOOST_TEST((fresh.status == beezup::order_statuses::new_));
    BOOST_REQUIRE(fresh.find_change(beezup::change_types::accept) != nullptr);
    BOOST_TEST(fresh.find_change(beezup::change_types::accept)->parameters.empty());
    BOOST_TEST(fresh.find_change(beezup::change_types::refuse) != nullptr);

    const auto& running = page.orders[4];
    BOOST_TEST(running.allowed_changes.size() == 2u);
    const auto* ship = running.find_change(beezup::change_types::ship);
    BOOST_REQUIRE(ship != nullptr);
    BOOST_TEST(ship->link.href == "/orders/v3/PriceMinister/6001/d721f927-d58e-46c4-b8d6-ccac754980ef/ShipOrder");
    BOOST_TEST(ship->link.method == "POST");
    // If-Match, userName and testMode are not body properties.
    BOOST_REQUIRE_EQUAL(ship->parameters.size(), 6u);
    const auto& carrier = ship->parameters[0];
    BOOST_TEST(carrier.name == "order_Shipping_CarrierName");
    BOOST_TEST(carrier.type == "string");
    BOOST_TEST(carrier.required);
    BOOST_TEST(carrier.lov_href.value() == "/v2/user/lov/PriceMinisterCarrierName");
    BOOST_TEST(carrier.lov_required);
    BOOST_TEST(ship->parameters[1].name == "order_Shipping_Method");
    BOOST_TEST(!ship->parameters[1].lov_required);
    BOOST_TEST(ship->parameters[3].type == "date-time");
    BOOST_TEST(!ship->parameters[3].lov_href.has_value());
    BOOST_TEST(!ship->parameters[4].required);
    const auto* cancel = running.find_change(beezup::change_types::cancel);
    BOOST_REQUIRE(cancel != nullptr);
    BOOST_REQUIRE_EQUAL(cancel->parameters.size(), 1u);
    BOOST_TEST(cancel->parameters[0].name == "order_Cancel_Reason");
    BOOST_TEST(running.find_change(beezup::change_types::refund) == nullptr);
}

BOOST_AUTO_TEST_CASE(decodes_a_sandbox_order) {
    const auto o = bjson::decode_order(read_data("order.json"));
    BOOST_TEST(o.key.beezup_order_id == "d721f927-d58e-46c4-b8d6-ccac754980ef");
    BOOST_TEST(o.key.account_id == 6001);
    BOOST_TEST((o.status == beezup::order_statuses::in_progress));
    BOOST_TEST(o.total_price->to_string() == "39.80");
    BOOST_TEST(o.items.size() == 1u);
    BOOST_TEST(o.self.href == "/orders/v3/PriceMinister/6001/d721f927-d58e-46c4-b8d6-ccac754980ef");
    BOOST_TEST(o.extra.at("order_PriceMinister_ClubRakuten") == "\"false\"");
    BOOST_REQUIRE(o.find_change(beezup::change_types::ship) != nullptr);
    BOOST_TEST(o.find_change(beezup::change_types::ship)->parameters.size() == 6u);
}

BOOST_AUTO_TEST_CASE(decodes_a_light_page) {
    // A light page carries headers only; members of a full order are ignored.
    const auto page = bjson::decode_order_list_light(read_data("order_list_full.json"));
    BOOST_REQUIRE_EQUAL(page.orders.size(), 5u);
    BOOST_TEST(page.paging.total_entry_count == 5);
    const auto& h = page.orders[4];
    BOOST_TEST(h.key.marketplace_technical_code == "PriceMinister");
    BOOST_TEST(h.total_price->to_string() == "39.80");
    BOOST_TEST(h.self.href == "/orders/v3/PriceMinister/6001/d721f927-d58e-46c4-b8d6-ccac754980ef");
    BOOST_TEST((h.purchase_date == at(2026y / 11 / 25, 20h, 34min, 27s)));

    const auto light = bjson::decode_order_list_light(
        R"({"paginationResult":{"entryCount":1,"pageCount":1,"totalEntryCount":1},"orders":[)" +
        replaced(minimal_order, R"(,"orderItems")", R"(,"order_TotalPrice":"12.50","orderItems")") + "]}");
    BOOST_TEST(light.orders.at(0).total_price->to_string() == "12.50");
    BOOST_TEST(light.orders.at(0).self.method == "GET");
}

BOOST_AUTO_TEST_CASE(accepts_the_spec_example_forms) {
    // Numbers and booleans as strings, a fraction and an offset on times, the spec's verbatim
    // transitionLinks (v2 hrefs, "lovRequired": "true", a templated flag, typed header parameters).
    const std::string body = R"({"marketplaceTechnicalCode":"PriceMinister","accountId":"1001",
      "beezUPOrderId":"00000000000000000000000000000000000000000000000","marketplaceBusinessCode":"PRICEMINISTER",
      "etag":"\"ca071a4580129f932a03971968ffef69\"","processing":"false","order_MarketplaceOrderId":"42",
      "order_Status_BeezUPOrderStatus":"InProgress","order_Status_MarketplaceOrderStatus":"In_progress_3",
      "order_PurchaseUtcDate":"2014-09-23T09:58:00.1234567Z","order_LastModificationUtcDate":"2014-09-23T09:58:00+00:00",
      "order_MarketplaceLastModificationUtcDate":"2014-09-23T11:58:00+02:00",
      "order_TotalPrice":"12.50","order_TotalTax":"1e1","order_IsBusiness":"true","order_IsPrime":false,
      "order_Comment":null,"order_PayingUtcDate":null,
      "orderItems":[{"beezUPOrderItemId":"i1","orderItem_OrderItemType":"Product","orderItem_Quantity":"2",
                     "orderItem_ItemPrice":"6.25","orderItem_MarketplaceProductUri":"https://example/p"}],
      "links":{"self":{"href":"/v2/user/marketplaces/orders/PriceMinister/1001/0"}},
      "transitionLinks":[{"href":"/v2/user/marketplaces/orders/PriceMinister/1001/0/ShipOrder","method":"POST",
        "rel":"ShipOrder","templated":"true","parameters":{
          "If-Match":{"in":"header","required":true,"type":"string","value":"\"ca071a4580129f932a03971968ffef69\""},
          "userName":{"in":"query","required":true,"type":"string"},
          "testMode":{"in":"query","required":false,"type":"boolean","value":"false"},
          "request":{"in":"body","schema":"changeOrderRequest","type":"object","properties":{
            "order_Shipping_CarrierName":{"lovLink":{"href":"/v2/user/PriceMinisterCarrierName"},"lovRequired":"true","required":true,"type":"string"},
            "order_Shipping_Method":{"lovLink":{"href":"/v2/user/ShippingMethod_PriceMinister"},"lovRequired":"false","required":"true","type":"string"},
            "order_Shipping_FulfillmentDate":{"required":true,"type":"date-time"}}}}},
        {"href":"/v2/user/marketplaces/orders/PriceMinister/1001/0/CancelOrder","method":"POST","rel":"CancelOrder",
         "parameters":{"request":{"properties":{"order_Cancel_Reason":{"required":"false","type":"string"}}}}}]})";
    const auto o = bjson::decode_order(body);
    BOOST_TEST(o.key.account_id == 1001);
    BOOST_TEST(o.key.beezup_order_id.size() == 47u);  // opaque, never validated as a UUID
    BOOST_TEST(!o.processing);
    BOOST_TEST(o.total_price->to_string() == "12.50");
    BOOST_TEST(o.total_tax->to_string() == "10");
    BOOST_TEST(o.is_business.value());
    BOOST_TEST(!o.is_prime.value());
    BOOST_TEST(!o.comment.has_value());
    BOOST_TEST(!o.paying_date.has_value());
    BOOST_TEST((o.purchase_date == at(2014y / 9 / 23, 9h, 58min, 0s) + 123456700ns));
    BOOST_TEST((o.last_modification_date == at(2014y / 9 / 23, 9h, 58min, 0s)));
    BOOST_TEST((o.marketplace_last_modification_date == at(2014y / 9 / 23, 9h, 58min, 0s)));
    BOOST_TEST(o.self.method == "");
    BOOST_TEST((o.items.at(0).quantity.value() == dec("2")));
    BOOST_TEST(o.items.at(0).extra.at("orderItem_MarketplaceProductUri") == "\"https://example/p\"");

    const auto* ship = o.find_change(beezup::change_types::ship);
    BOOST_REQUIRE(ship != nullptr);
    BOOST_REQUIRE_EQUAL(ship->parameters.size(), 3u);
    BOOST_TEST(ship->parameters[0].lov_required);
    BOOST_TEST(ship->parameters[0].lov_href.value() == "/v2/user/PriceMinisterCarrierName");
    BOOST_TEST(ship->parameters[1].required);
    BOOST_TEST(!ship->parameters[1].lov_required);
    BOOST_TEST(ship->parameters[2].type == "date-time");
    // Without "in", the parameter named "request" is the body.
    const auto* cancel = o.find_change(beezup::change_types::cancel);
    BOOST_REQUIRE(cancel != nullptr);
    BOOST_REQUIRE_EQUAL(cancel->parameters.size(), 1u);
    BOOST_TEST(!cancel->parameters[0].required);
}

BOOST_AUTO_TEST_CASE(keeps_unknown_members_as_raw_json) {
    const auto o = bjson::decode_order(replaced(
        minimal_order, R"("processing":false,)",
        R"("processing":false,"order_Foo_Text":"a \"quoted\"\\ line\n\u00e9","order_Foo_Number":12.50,)"
        R"("order_Foo_Big":123456789012345678901234567890,"order_Foo_Bool":true,"order_Foo_Null":null,)"
        R"("order_Foo_Object":{"a": [1, 2.5, {"b": null}], "c" : "d"},"order_Foo_Empty":[],)"
        R"("order_Foo_Text2":"x","order_Foo_Text2":"y","notOrderPrefixed":{"ignored":true},)"));
    BOOST_TEST(o.extra.at("order_Foo_Text") == "\"a \\\"quoted\\\"\\\\ line\\n\xc3\xa9\"");
    BOOST_TEST(o.extra.at("order_Foo_Number") == "12.50");
    BOOST_TEST(o.extra.at("order_Foo_Big") == "123456789012345678901234567890");
    BOOST_TEST(o.extra.at("order_Foo_Bool") == "true");
    BOOST_TEST(o.extra.at("order_Foo_Null") == "null");
    BOOST_TEST(o.extra.at("order_Foo_Object") == R"({"a":[1,2.5,{"b":null}],"c":"d"})");
    BOOST_TEST(o.extra.at("order_Foo_Empty") == "[]");
    BOOST_TEST(o.extra.at("order_Foo_Text2") == "\"y\"");  // the last one wins
    BOOST_TEST(o.extra.count("notOrderPrefixed") == 0u);
    BOOST_TEST(o.extra.size() == 8u);
}

BOOST_AUTO_TEST_CASE(encoding_gives_back_what_decoding_read) {
    auto orders = bjson::decode_order_list_full(read_data("order_list_full.json")).orders;
    orders.push_back(bjson::decode_order(read_data("order.json")));
    for (const auto& o : orders) {
        const auto text = bjson::encode_order(o);
        const auto again = bjson::decode_order(text);
        BOOST_TEST(bjson::encode_order(again) == text);  // a fixpoint: nothing lost or added
        BOOST_TEST((again.key == o.key));
        BOOST_TEST(again.etag == o.etag);
        BOOST_TEST((again.last_modification_date == o.last_modification_date));
        BOOST_TEST((again.total_price == o.total_price));
        BOOST_TEST((again.shipping.line1 == o.shipping.line1));
        BOOST_TEST(again.items.size() == o.items.size());
        BOOST_TEST((again.extra == o.extra));
        BOOST_TEST((again.links == o.links));
        BOOST_TEST((again.self == o.self));
        BOOST_TEST(again.allowed_changes.size() == o.allowed_changes.size());
        for (std::size_t i = 0; i < o.allowed_changes.size(); ++i)
            BOOST_TEST(again.allowed_changes[i].parameters.size() == o.allowed_changes[i].parameters.size());
    }
}

BOOST_AUTO_TEST_CASE(named_values_keep_one_value_per_name_in_arrival_order) {
    beezup::named_values<std::string> v;
    v["b"] = "1";
    v["a"] = "2";
    v["b"] = "3";
    BOOST_TEST(v.size() == 2u);
    BOOST_TEST(v.begin()->first == "b");
    BOOST_TEST(v.at("b") == "3");
    BOOST_TEST(v.count("a") == 1u);
    BOOST_TEST(v.count("c") == 0u);
    BOOST_TEST((v.find("c") == v.end()));
    BOOST_CHECK_THROW(v.at("c"), std::out_of_range);
    const beezup::named_values<std::string> same{{"a", "2"}, {"b", "3"}};
    BOOST_TEST((v == same));  // order does not matter
    const beezup::named_values<std::string> other{{"a", "2"}, {"b", "4"}};
    BOOST_TEST(!(v == other));
    BOOST_TEST(v.erase("b") == 1u);
    BOOST_TEST(v.erase("b") == 0u);
    BOOST_TEST(v.size() == 1u);
}

BOOST_AUTO_TEST_CASE(deep_unknown_members_are_bounded) {
    const auto nested = [](int depth) {
        return replaced(minimal_order, R"("processing":false,)",
                        R"("processing":false,"order_Deep":)" + std::string(depth, '[') + std::string(depth, ']') + ",");
    };
    BOOST_TEST(bjson::decode_order(nested(60)).extra.at("order_Deep") == std::string(60, '[') + std::string(60, ']'));
    try {
        bjson::decode_order(nested(100));
        BOOST_ERROR("no decode_error");
    } catch (const beezup::decode_error& e) {
        BOOST_TEST(e.path().rfind("$.order_Deep[0][0]", 0) == 0u, e.path());
        BOOST_TEST(std::string(e.what()).find("malformed JSON") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(empty_pages) {
    for (const char* body : {R"({"orders":[]})", R"({"paginationResult":null,"orders":[],"links":{}})",
                             R"({"paginationResult":null,"orders":null})",
                             R"({"paginationResult":{"entryCount":0,"pageCount":0,"totalEntryCount":0},"orders":[]})"}) {
        BOOST_TEST_CONTEXT(body) {
            const auto full = bjson::decode_order_list_full(body);
            BOOST_TEST(full.orders.empty());
            BOOST_TEST(full.paging.page_count == 0);
            BOOST_TEST(bjson::decode_order_list_light(body).orders.empty());
        }
    }
    const auto p = bjson::decode_order_list_full(
        R"({"paginationResult":{"entryCount":"0","pageCount":"3","totalEntryCount":250},"orders":[]})");
    BOOST_TEST(p.paging.page_count == 3);
    BOOST_TEST(p.paging.total_entry_count == 250);
}

BOOST_AUTO_TEST_CASE(amounts_are_exact) {
    const auto p = bjson::decode_order_list_full(page({
        replaced(minimal_order, R"("processing":false,)", R"("processing":false,"order_TotalPrice":0.1,)"),
        replaced(minimal_order, R"("processing":false,)", R"("processing":false,"order_TotalPrice":0.2,)"),
        replaced(minimal_order, R"("processing":false,)", R"("processing":false,"order_TotalPrice":"0.3",)"),
        replaced(minimal_order, R"("processing":false,)", R"("processing":false,"order_TotalPrice":-1.005e2,)"),
    }));
    BOOST_REQUIRE_EQUAL(p.orders.size(), 4u);
    const auto a = p.orders[0].total_price.value();
    BOOST_TEST(a.units() == 1);
    BOOST_TEST(a.scale() == 1);
    BOOST_TEST((a + p.orders[1].total_price.value() == p.orders[2].total_price.value()));
    BOOST_TEST(p.orders[3].total_price->to_string() == "-100.5");
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_path) {
    const auto with = [](const std::string& from, const std::string& to) { return replaced(minimal_order, from, to); };
    const std::string ok = minimal_order;

    // Malformed JSON.
    for (const std::string& body : {std::string(""), std::string("{"), std::string(R"({"orders":[)"),
                                   page({ok}) + " x", std::string("{\"orders\":[]}]"), std::string("{'orders':[]}"),
                                   std::string("{\"orders\":[],}"), std::string("{\"orders\":[\"\xff\"]}")}) {
        BOOST_TEST_CONTEXT(body) {
            try {
                bjson::decode_order_list_full(body);
                BOOST_ERROR("no decode_error");
            } catch (const beezup::decode_error& e) {
                BOOST_TEST(std::string(e.what()).find("malformed JSON") != std::string::npos, e.what());
                BOOST_TEST(e.path().rfind("$", 0) == 0u);
            }
        }
    }

    // A syntax error names where the parser stopped.
    expect_list_error(R"({"orders":[{"beezUPOrderId":"x",}]})", "$.orders[0]", "malformed JSON");
    expect_list_error(R"({"orders":[{"beezUPOrderId":"x","etag":tru}]})", "$.orders[0].etag", "malformed JSON");
    expect_list_error(R"({"orders":[{"order_X":[1,{"a":[2,]}]}]})", "$.orders[0].order_X[1].a", "malformed JSON");

    // Shapes.
    expect_list_error("[]", "$", "expected an object, found an array");
    expect_list_error("42", "$", "expected an object, found a number");
    expect_list_error(R"({"paginationResult":null})", "$", "missing required member 'orders'");
    expect_list_error(R"({"orders":{}})", "$.orders", "expected an array, found an object");
    expect_list_error(R"({"orders":"none"})", "$.orders", "expected an array, found a string");
    expect_list_error(page({ok, "\"x\""}), "$.orders[1]", "expected an object, found a string");
    expect_list_error(page({ok, "[]"}), "$.orders[1]", "expected an object, found an array");
    expect_list_error(R"({"paginationResult":[],"orders":[]})", "$.paginationResult", "expected an object");
    expect_list_error(R"({"paginationResult":{"pageCount":"many"},"orders":[]})", "$.paginationResult.pageCount",
                      "expected an integer");

    // Required members, absent or null.
    expect_list_error(page({ok, with(R"("beezUPOrderId":"id-1",)", "")}), "$.orders[1]",
                      "missing required member 'beezUPOrderId'");
    expect_list_error(page({with(R"("beezUPOrderId":"id-1")", R"("beezUPOrderId":null)")}), "$.orders[0]",
                      "missing required member 'beezUPOrderId'");
    expect_list_error(page({with(R"("etag":"\"e1\"",)", "")}), "$.orders[0]", "missing required member 'etag'");
    expect_list_error(page({with(R"("processing":false,)", "")}), "$.orders[0]", "'processing'");
    expect_list_error(page({with(R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z",)", "")}), "$.orders[0]",
                      "'order_PurchaseUtcDate'");
    expect_list_error(page({with(R"("beezUPOrderItemId":"item-1",)", "")}), "$.orders[0].orderItems[0]",
                      "missing required member 'beezUPOrderItemId'");
    const auto with_transition = [&](const std::string& transition) {
        return with(R"("transitionLinks":[])", R"("transitionLinks":[)" + transition + "]");
    };
    // The spec requires neither rel nor href of a transition: one without them is left out.
    {
        const auto decoded = bjson::decode_order_list_full(page({ok, with_transition(R"({"href":"/x","method":"POST"})")}));
        BOOST_TEST(decoded.orders.at(1).allowed_changes.empty());
    }

    // Wrong types.
    expect_list_error(page({with(R"("accountId":1001)", R"("accountId":"abc")")}), "$.orders[0].accountId",
                      "expected an integer, found the string \"abc\"");
    expect_list_error(page({with(R"("accountId":1001)", R"("accountId":1.5)")}), "$.orders[0].accountId",
                      "expected an integer, found 1.5");
    expect_list_error(page({with(R"("accountId":1001)", R"("accountId":99999999999)")}), "$.orders[0].accountId",
                      "does not fit in 32 bits");
    expect_list_error(page({with(R"("accountId":1001)", R"("accountId":true)")}), "$.orders[0].accountId",
                      "expected an integer, found a boolean");
    expect_list_error(page({with(R"("beezUPOrderId":"id-1")", R"("beezUPOrderId":123)")}), "$.orders[0].beezUPOrderId",
                      "expected a string, found a number");
    expect_list_error(page({with(R"("order_Status_BeezUPOrderStatus":"New")", R"("order_Status_BeezUPOrderStatus":{})")}),
                      "$.orders[0].order_Status_BeezUPOrderStatus", "expected a string, found an object");
    expect_list_error(page({with(R"("processing":false)", R"("processing":"yes")")}), "$.orders[0].processing",
                      "expected a boolean, found the string \"yes\"");
    expect_list_error(page({with(R"("processing":false)", R"("processing":0)")}), "$.orders[0].processing",
                      "expected a boolean, found a number");
    expect_list_error(page({with(R"("orderItems":[)", R"("order_IsPrime":[],"orderItems":[)")}),
                      "$.orders[0].order_IsPrime", "expected a boolean, found an array");
    expect_list_error(page({with(R"("orderItems":[)", R"("order_Buyer_City":"Paris","order_Buyer_AddressCity":5,"orderItems":[)")}),
                      "$.orders[0].order_Buyer_AddressCity", "expected a string, found a number");
    expect_list_error(page({with(R"("orderItems":[{)", R"("orderItems":{)")}), "$.orders[0].orderItems",
                      "expected an array, found an object");
    // The spec lets links carry members of any type: only objects are links, the rest is skipped.
    {
        const auto decoded = bjson::decode_order_list_full(
            page({with(R"("links":{"self":{)", R"("links":{"n":5,"a":[1,{"x":2}],"s":"x","b":true,"z":null,"self":{)")}));
        BOOST_TEST(decoded.orders.at(0).links.empty());
        BOOST_TEST(decoded.orders.at(0).self.href == "/orders/v3/Amazon/1001/id-1");
    }
    expect_list_error(page({with(R"("href":"/orders/v3/Amazon/1001/id-1")", R"("href":["/x"])")}),
                      "$.orders[0].links.self.href", "expected a string, found an array");

    // Dates.
    for (const std::string& bad : std::vector<std::string>{"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01 00:00:00Z", "yesterday",
                                  "2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00+0100",
                                  "2026-01-01T00:00:00ZZ", "2026-01-01", ""}) {
        BOOST_TEST_CONTEXT(bad) {
            expect_list_error(page({ok, with(R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z")",
                                             R"("order_PurchaseUtcDate":")" + bad + "\"")}),
                              "$.orders[1].order_PurchaseUtcDate", "malformed date-time");
        }
    }
    expect_list_error(page({with(R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z")", R"("order_PurchaseUtcDate":"9999-12-31T23:59:59Z")")}),
                      "$.orders[0].order_PurchaseUtcDate", "out of the clock's range");
    expect_list_error(page({with(R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z")", R"("order_PurchaseUtcDate":"0001-01-01T00:00:00Z")")}),
                      "$.orders[0].order_PurchaseUtcDate", "out of the clock's range");
    expect_list_error(page({with(R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z")", R"("order_PurchaseUtcDate":20260102)")}),
                      "$.orders[0].order_PurchaseUtcDate", "expected a date-time string, found a number");
    expect_list_error(page({with(R"("orderItems":[)", R"("order_PayingUtcDate":"31/12/2025","orderItems":[)")}),
                      "$.orders[0].order_PayingUtcDate", "malformed date-time");

    // Numbers.
    expect_list_error(page({with(R"("processing":false,)", R"("processing":false,"order_TotalPrice":1e30,)")}),
                      "$.orders[0].order_TotalPrice", "does not fit");
    expect_list_error(page({with(R"("processing":false,)", R"("processing":false,"order_TotalPrice":12345678901234567890,)")}),
                      "$.orders[0].order_TotalPrice", "does not fit");
    expect_list_error(page({with(R"("processing":false,)", R"("processing":false,"order_TotalPrice":0.0000000000000000001,)")}),
                      "$.orders[0].order_TotalPrice", "does not fit");
    expect_list_error(page({with(R"("processing":false,)", R"("processing":false,"order_TotalTax":"12,50",)")}),
                      "$.orders[0].order_TotalTax", "expected a decimal number, found the string \"12,50\"");
    expect_list_error(page({with(R"("processing":false,)", R"("processing":false,"order_TotalTax":true,)")}),
                      "$.orders[0].order_TotalTax", "expected a decimal number, found a boolean");
    expect_list_error(page({ok, with(R"("orderItem_Quantity":1)", R"("orderItem_Quantity":"x")")}),
                      "$.orders[1].orderItems[0].orderItem_Quantity", "expected a decimal number");

    // Inside transition links.
    const std::string ship_with = R"({"rel":"ShipOrder","href":"/s","parameters":{"request":{"in":"body","properties":{)"
                                  R"("order_Shipping_CarrierName":{"type":"string","required":"maybe"}}}}})";
    expect_list_error(page({with_transition(ship_with)}),
                      "$.orders[0].transitionLinks[0].parameters.request.properties.order_Shipping_CarrierName.required",
                      "expected a boolean, found the string \"maybe\"");
    expect_list_error(page({with_transition(R"({"rel":"ShipOrder","href":"/s","parameters":{"request":{"in":"body","properties":{"p":{"lovLink":{"href":7}}}}}})")}),
                      "$.orders[0].transitionLinks[0].parameters.request.properties.p.lovLink.href", "expected a string");
    expect_list_error(page({with_transition(R"({"rel":5,"href":"/s"})")}), "$.orders[0].transitionLinks[0].rel",
                      "expected a string, found a number");
    expect_list_error(page({with_transition(R"("ShipOrder")")}), "$.orders[0].transitionLinks[0]",
                      "expected an object, found a string");

    // The single order form.
    expect_decode_error([] { bjson::decode_order(R"([])"); }, "$", "expected an object");
    expect_decode_error([&] { bjson::decode_order(with(R"("order_Status_BeezUPOrderStatus":"New")",
                                                       R"("order_Status_BeezUPOrderStatus":3)")); },
                        "$.order_Status_BeezUPOrderStatus", "expected a string, found a number");
    expect_decode_error([&] { bjson::decode_order(with(R"("accountId":1001,)", "")); }, "$",
                        "missing required member 'accountId'");
    expect_decode_error([&] { bjson::decode_order(ok.substr(0, ok.size() - 1)); }, "$", "malformed JSON");
}

BOOST_AUTO_TEST_CASE(unknown_statuses_and_change_types_round_trip) {
    const auto o = bjson::decode_order(replaced(
        replaced(minimal_order, R"("order_Status_BeezUPOrderStatus":"New")", R"("order_Status_BeezUPOrderStatus":"OnHold")"),
        R"("transitionLinks":[])", R"("transitionLinks":[{"rel":"SplitOrder","href":"/split","method":"POST"}])"));
    BOOST_TEST(o.status.str() == "OnHold");
    BOOST_TEST(!beezup::order_statuses::is_known(o.status));
    BOOST_TEST(o.allowed_changes.at(0).type.str() == "SplitOrder");
    BOOST_TEST(o.find_change(beezup::change_type("SplitOrder")) == &o.allowed_changes[0]);
    BOOST_TEST(o.allowed_changes[0].parameters.empty());
}

BOOST_AUTO_TEST_CASE(times_accept_rfc3339_forms) {
    const auto date = [](const std::string& text) {
        return bjson::decode_order(replaced(minimal_order, R"("order_PurchaseUtcDate":"2026-01-02T03:04:05Z")",
                                            R"("order_PurchaseUtcDate":")" + text + "\""))
            .purchase_date;
    };
    const auto base = at(2026y / 1 / 2, 3h, 4min, 5s);
    BOOST_TEST((date("2026-01-02T03:04:05Z") == base));
    BOOST_TEST((date("2026-01-02T03:04:05+00:00") == base));
    BOOST_TEST((date("2026-01-02T03:04:05-00:00") == base));
    BOOST_TEST((date("2026-01-02t03:04:05z") == base));
    BOOST_TEST((date("2026-01-02T03:04:05") == base));  // no designator: a "UtcDate" is UTC
    BOOST_TEST((date("2026-01-02T03:04:05.5Z") == base + 500ms));
    BOOST_TEST((date("2026-01-02T03:04:05.123456789123Z") == base + 123456789ns));
    BOOST_TEST((date("2026-01-02T05:34:05+02:30") == base));
    BOOST_TEST((date("2026-01-01T23:04:05-04:00") == base));
    BOOST_TEST((date("2024-02-29T00:00:00Z") == at(2024y / 2 / 29, 0h, 0min, 0s)));
}

BOOST_AUTO_TEST_SUITE_END()
