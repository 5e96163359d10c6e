// Automatic transitions, exportations and the marketplace clock of the sandbox.

#include "automatic_transitions_api.hpp"
#include "exportations_api.hpp"
#include "json_writer.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace beezup::sandbox;
namespace json = boost::json;

namespace {

order_store::options busy_marketplace() {
    order_store::options o;
    o.seed = 3;
    o.order_count = 200;
    o.new_orders_per_hour = 120;
    o.change_delay = 1s;
    return o;
}

api_call make_call(std::string method, std::vector<std::string> segments, std::string body = "",
                   std::map<std::string, std::string> query = {}) {
    api_call c;
    c.method = std::move(method);
    c.segments = std::move(segments);
    c.body = std::move(body);
    c.query = std::move(query);
    return c;
}

const std::vector<std::string> transitions_path = {"v2", "user", "marketplaces", "orders", "automaticTransitions"};
const std::vector<std::string> exportations_path = {"v2", "user", "marketplaces", "orders", "exportations"};

std::vector<order> all_orders(order_store& store) {
    list_filter f;
    f.end = store.now() + 24h;
    std::vector<order> out;
    store.list(f, 1, 1'000'000, [&](const order& o) { out.push_back(o); });
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sandbox_areas)

BOOST_AUTO_TEST_CASE(auto_acceptance_accepts_new_orders_of_its_account_only) {
    order_store store(busy_marketplace());
    automatic_transitions_api api(store);
    const auto listing = api.handle(make_call("GET", transitions_path));
    BOOST_REQUIRE(listing);
    const auto infos = json::parse(listing->result.body).at("automaticTransitionInfos").as_array();
    BOOST_REQUIRE(!infos.empty());
    json::object cdiscount;
    for (const auto& info : infos) {
        BOOST_TEST(info.at("businessOperationType").as_string() == "AcceptOrder");
        BOOST_TEST(info.at("marketplaceTechnicalCode").as_string() != "Amazon");  // Amazon has no acceptance
        if (info.at("accountId").as_int64() == 2001) cdiscount = info.as_object();
    }
    BOOST_REQUIRE(!cdiscount.empty());
    BOOST_TEST(!cdiscount.at("enabled").as_bool());

    const std::string enable = R"({"automaticTransitions":[{"marketplaceTechnicalCode":"Cdiscount","accountId":2001,)"
                               R"("orderStatusTransitionId":)" + std::to_string(cdiscount.at("orderStatusTransitionId").as_int64()) +
                               R"(,"enabled":true}]})";
    BOOST_TEST(api.handle(make_call("POST", transitions_path, enable))->result.status == 204);
    BOOST_TEST(api.handle(make_call("POST", transitions_path,
                                    R"({"automaticTransitions":[{"marketplaceTechnicalCode":"Cdiscount","accountId":2001,)"
                                    R"("orderStatusTransitionId":999,"enabled":true}]})"))
                   ->result.status == 400);
    BOOST_TEST(api.handle(make_call("POST", transitions_path, "{}"))->result.status == 400);
    BOOST_TEST(api.handle(make_call("GET", transitions_path, "", {{"storeId", "not-a-store"}}))->result.status == 404);

    const auto before = store.now();
    store.advance(std::chrono::hours(10));  // about 1,200 new orders
    int accepted = 0, still_new = 0;
    for (const auto& o : all_orders(store)) {
        if (o.purchase <= before) continue;
        if (o.acct.account_id == 2001) {
            BOOST_TEST(o.beezup_status == "InProgress");
            BOOST_TEST(o.changes.at(0).source_user_name == "AutomaticTransition");
            ++accepted;
        } else if (o.acct.marketplace_technical_code == "Fnac") {
            BOOST_TEST(o.beezup_status == "New");
            ++still_new;
        }
    }
    BOOST_TEST(accepted > 10);
    BOOST_TEST(still_new > 10);
}

BOOST_AUTO_TEST_CASE(marketplace_clock_brings_orders_and_deliveries) {
    order_store store(busy_marketplace());
    const auto start_size = store.size();
    store.advance(30min);
    BOOST_TEST(store.size() == start_size + 60);

    // An order shipped now is delivered (Closed) by the marketplace a week later.
    order_key key;
    for (const auto& o : all_orders(store))
        if (o.beezup_status == "New" && o.acct.marketplace_technical_code == "Amazon") {
            key = {o.acct.marketplace_technical_code, o.acct.account_id, o.beezup_order_id};
            break;
        }
    BOOST_REQUIRE(!key.beezup_order_id.empty());
    change_request ship;
    ship.change_type = "ShipOrder";
    ship.user_name = "clock";
    ship.fields = {{"order_Shipping_CarrierName", "DHL"}, {"order_Shipping_Method", "Standard"},
                   {"order_Shipping_ShipperTrackingNumber", "T1"}, {"order_Shipping_FulfillmentDate", format_utc(store.now())}};
    BOOST_REQUIRE_EQUAL(store.change(key, ship).status, 202);
    store.advance(2s);
    BOOST_TEST(*store.with_order(key, [](const order& o) { return o.beezup_status; }) == "Shipped");
    store.advance(std::chrono::hours(24 * 8));
    BOOST_TEST(*store.with_order(key, [](const order& o) { return o.beezup_status; }) == "Closed");
}

BOOST_AUTO_TEST_CASE(exportation_csv_has_one_row_per_item) {
    order_store store(busy_marketplace());
    exportations_api api(store);
    const auto now = store.now();
    const std::string store_id = "8a1b6c1e-3f2d-4c5b-9e7a-1d2c3b4a5f60";
    const std::string criteria = R"({"beginPeriodUtcDate":")" + format_utc(now - 30 * 24h) + R"(","endPeriodUtcDate":")" +
                                 format_utc(now - 1s) + R"(","dateSearchType":"Purchase"})";
    BOOST_TEST(api.handle(make_call("POST", exportations_path, R"({"storeId":")" + store_id +
                                                                   R"(","orderListRequestWithoutPagination":)" + criteria + "}"))
                   ->result.status == 202);
    BOOST_TEST(api.handle(make_call("POST", exportations_path, R"({"storeId":")" + store_id + R"("})"))->result.status == 400);
    const auto listing = api.handle(make_call("GET", exportations_path, "",
                                              {{"storeId", store_id}, {"pageNumber", "1"}, {"pageSize", "25"}}));
    BOOST_REQUIRE_EQUAL(listing->result.status, 200);
    const auto exports = json::parse(listing->result.body).at("exportations").as_array();
    BOOST_REQUIRE_EQUAL(exports.size(), 1u);
    const std::string uri(exports[0].at("blobNameUri").as_string());
    std::vector<std::string> file_path = exportations_path;
    file_path.push_back("files");
    file_path.push_back(uri.substr(uri.rfind('/') + 1));
    const auto file = api.handle(make_call("GET", file_path));
    BOOST_REQUIRE_EQUAL(file->result.status, 200);
    BOOST_TEST(file->result.content_type.rfind("text/csv", 0) == 0u);

    // Expected rows: the items of the store's orders purchased in the window.
    list_filter f;
    f.begin = now - 30 * 24h;
    f.end = now - 1s;
    f.date_search_type = "Purchase";
    f.store_ids = {store_id};
    std::size_t items = 0, orders = 0;
    store.list(f, 1, 1'000'000, [&](const order& o) {
        items += o.items.size();
        ++orders;
    });
    const auto& csv = file->result.body;
    std::size_t lines = 0;
    for (std::size_t pos = 0; (pos = csv.find("\r\n", pos)) != std::string::npos; pos += 2) ++lines;
    BOOST_TEST(lines == items + 1);  // header
    BOOST_TEST(exports[0].at("orderCount").as_int64() == static_cast<std::int64_t>(orders));
    BOOST_TEST(api.handle(make_call("GET", exportations_path, "", {{"storeId", store_id}}))->result.status == 400);
}

BOOST_AUTO_TEST_CASE(csv_quotes_awkward_fields) {
    order o;
    o.acct.marketplace_technical_code = "Amazon";
    o.buyer.last_name = "O\"Brien, Jr.";
    o.buyer.line1 = "1 rue\r\nBis";
    o.items.push_back({});
    std::string out;
    append_csv_rows(out, o);
    BOOST_TEST(out.find("\"O\"\"Brien, Jr.\"") != std::string::npos);
    BOOST_TEST(out.find("\"1 rue\r\nBis\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
