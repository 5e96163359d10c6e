// The sandbox's order API called directly (no HTTP): rules, state machine, paging, errors.

#include "json_writer.hpp"
#include "order_json.hpp"
#include "orders_api.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "sandbox_calls.hpp"

#include <set>

using namespace std::chrono_literals;
using namespace beezup::sandbox;
namespace json = boost::json;

namespace {

struct fixture {
    order_store store{[] {
        order_store::options o;
        o.seed = 7;
        o.order_count = 3000;
        // A fixed generation time: which orders are still New depends on the time of day the data
        // is made for, and these tests need New orders on Cdiscount and Amazon.
        o.start = std::chrono::sys_days{std::chrono::year{2026} / 11 / 28} + std::chrono::hours{9};
        o.change_delay = 5s;
        o.harvest_interval = 10s;
        return o;
    }()};
    orders_api api{store};

    api_answer call(const std::string& method, const std::string& path, const std::string& body = "",
                    std::map<std::string, std::string> query = {}, std::map<std::string, std::string> headers = {}) {
        return testing::call(api, method, path, body, std::move(query), std::move(headers));
    }

    json::object get_json(const std::string& path) {
        auto a = call("GET", path);
        BOOST_REQUIRE_EQUAL(a.result.status, 200);
        return json::parse(a.result.body).as_object();
    }

    /// The first order matching `pred`, as its API path.
    std::string find_order(const std::function<bool(const order&)>& pred) {
        list_filter f;
        f.begin = time_point{};
        f.end = store.now() + std::chrono::hours(24);
        std::string path;
        store.list(f, 1, 1'000'000, [&](const order& o) {
            if (path.empty() && pred(o)) path = order_path(o);
        });
        BOOST_REQUIRE(!path.empty());
        return path;
    }

    std::string list_body(time_point begin, time_point end, int page_number = 1, int page_size = 100,
                          const std::string& extra = "") {
        return R"({"beginPeriodUtcDate":")" + format_utc(begin) + R"(","endPeriodUtcDate":")" + format_utc(end) +
               R"(","pageNumber":)" + std::to_string(page_number) + R"(,"pageSize":)" + std::to_string(page_size) +
               extra + "}";
    }

    std::vector<std::string> rels(const std::string& path) {
        std::vector<std::string> out;
        const auto doc = get_json(path);
        for (const auto& l : doc.at("transitionLinks").as_array())
            out.emplace_back(l.at("rel").as_string());
        return out;
    }

    static std::map<std::string, std::string> user() { return {{"userName", "tester"}}; }
};

bool has(const std::vector<std::string>& v, const char* s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(orders_api_suite, fixture)

BOOST_AUTO_TEST_CASE(list_rejects_invalid_requests) {
    const auto now = store.now();
    const std::pair<std::string, std::string> cases[] = {
        {"{not json", "InvalidJson"},
        {"[]", "InvalidRequestBody"},
        {R"({"pageNumber":1,"pageSize":100})", "InvalidPeriod"},
        {list_body(now - 31 * 24h, now), "PeriodTooLong"},
        {list_body(now - 1h, now - 2h), "InvalidPeriod"},
        {list_body(now - 1h, now + 1h), "InvalidPeriod"},
        {list_body(now - 1h, now, 0), "InvalidPagination"},
        {list_body(now - 1h, now, 1, 24), "InvalidPagination"},
        {list_body(now - 1h, now, 1, 101), "InvalidPagination"},
        {list_body(now - 1h, now, 1, 100, R"(,"dateSearchType":"Yesterday")"), "InvalidDateSearchType"},
        {list_body(now - 1h, now, 1, 100, R"(,"accountIds":["1001"])"), "InvalidFilter"},
        {list_body(now - 1h, now, 1, 100, R"(,"beezUPOrderStatuses":"New")"), "InvalidFilter"},
        {list_body(now - 1h, now, 1, 100, R"(,"invoiceAvailabilityType":"Maybe")"), "InvalidFilter"},
    };
    for (const auto& [body, code] : cases) {
        const auto a = call("POST", "/orders/v3/list/full", body);
        BOOST_TEST(a.result.status == 400, body);
        BOOST_TEST(a.result.error_code == code, body);
    }
}

BOOST_AUTO_TEST_CASE(paging_covers_every_order_once) {
    const auto now = store.now();
    const auto body = list_body(now - 30 * 24h, now, 1, 25, R"(,"dateSearchType":"Purchase")");
    auto first = json::parse(call("POST", "/orders/v3/list/light", body).result.body).as_object();
    const auto& pagination = first.at("paginationResult").as_object();
    const auto total = pagination.at("totalEntryCount").as_int64();
    const auto pages = pagination.at("pageCount").as_int64();
    BOOST_REQUIRE(total > 25);
    BOOST_TEST(pages == (total + 24) / 25);
    std::set<std::string> seen;
    for (int page = 1; page <= pages; ++page) {
        auto doc = json::parse(call("POST", "/orders/v3/list/light", list_body(now - 30 * 24h, now, page, 25,
                                                                               R"(,"dateSearchType":"Purchase")")).result.body);
        for (const auto& o : doc.at("orders").as_array()) BOOST_TEST(seen.insert(std::string(o.at("beezUPOrderId").as_string())).second);
        const auto& links = doc.at("paginationResult").at("links").as_object();
        BOOST_TEST(links.contains("next") == (page < pages));
        if (page < pages)
            BOOST_TEST(links.at("next").at("parameters").at("request").at("value").at("pageNumber").as_int64() == page + 1);
    }
    BOOST_TEST(static_cast<std::int64_t>(seen.size()) == total);
}

BOOST_AUTO_TEST_CASE(filters_select_only_matching_orders) {
    const auto now = store.now();
    auto doc = json::parse(call("POST", "/orders/v3/list/full",
                                list_body(now - 30 * 24h, now, 1, 100,
                                          R"(,"dateSearchType":"Purchase","marketplaceTechnicalCodes":["Cdiscount"],)"
                                          R"("beezUPOrderStatuses":["New","InProgress","Shipped","Closed"])"))
                               .result.body);
    const auto& orders = doc.at("orders").as_array();
    BOOST_REQUIRE(!orders.empty());
    for (const auto& o : orders) {
        BOOST_TEST(o.at("marketplaceTechnicalCode").as_string() == "Cdiscount");
        BOOST_TEST(o.at("order_Status_BeezUPOrderStatus").as_string() != "Canceled");
        BOOST_TEST(!o.at("orderItems").as_array().empty());
    }
    const std::string mid(orders[0].at("order_MarketplaceOrderId").as_string());
    auto one = json::parse(call("POST", "/orders/v3/list/light",
                                list_body(now - 30 * 24h, now, 1, 100,
                                          R"(,"dateSearchType":"Purchase","marketplaceOrderIds":[")" + mid + R"("])"))
                               .result.body);
    BOOST_TEST(one.at("orders").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(get_head_etag_and_not_modified) {
    const auto path = find_order([](const order& o) { return o.beezup_status == "New"; });
    const auto a = call("GET", path);
    BOOST_REQUIRE_EQUAL(a.result.status, 200);
    const auto etag = a.headers.at("ETag");
    BOOST_TEST(json::parse(a.result.body).at("etag").as_string() == etag);
    BOOST_TEST(!a.headers.at("Last-Modified").empty());
    const auto again = call("GET", path, "", {}, {{"if-none-match", etag}});
    BOOST_TEST(again.result.status == 304);
    BOOST_TEST(again.omit_body);
    // HEAD gets the GET's answer; the listener sends its headers only (Content-Length included).
    const auto head = call("HEAD", path);
    BOOST_TEST(head.result.status == 200);
    BOOST_TEST(head.result.body == a.result.body);
    BOOST_TEST(head.headers.at("ETag") == etag);
    BOOST_TEST(call("GET", "/orders/v3/Amazon/1001/no-such-order").result.status == 404);
    BOOST_TEST(call("GET", "/orders/v3/Amazon/notanumber/x").result.status == 404);
}

BOOST_AUTO_TEST_CASE(cdiscount_accept_then_ship_with_tracking) {
    const auto path = find_order([](const order& o) {
        return o.acct.marketplace_technical_code == "Cdiscount" && o.beezup_status == "New";
    });
    auto actions = rels(path);
    BOOST_TEST(has(actions, "AcceptOrder"));
    BOOST_TEST(!has(actions, "ShipOrder"));
    BOOST_TEST(call("POST", path + "/ShipOrder", "{}", user()).result.error_code == "ChangeOrderTypeNotAllowed");

    const auto before = store.change_executions();
    const auto accepted = call("POST", path + "/AcceptOrder", "", user());
    BOOST_REQUIRE_EQUAL(accepted.result.status, 202);
    BOOST_TEST(store.change_executions() == before + 1);
    auto o = get_json(path);
    BOOST_TEST(o.at("processing").as_bool());
    BOOST_TEST(o.at("order_Status_BeezUPOrderStatus").as_string() == "New");  // not confirmed yet
    BOOST_TEST(o.at("transitionLinks").as_array().empty());

    const auto busy = call("POST", path + "/CancelOrder", R"({"order_Cancel_Reason":"OutOfStock"})", user());
    BOOST_TEST(busy.result.status == 409);
    BOOST_TEST(busy.result.retry_after_seconds.value() >= 1);
    BOOST_TEST(busy.result.location.value() == accepted.result.location.value());

    store.advance(6s);
    o = get_json(path);
    BOOST_TEST(!o.at("processing").as_bool());
    BOOST_TEST(o.at("order_Status_BeezUPOrderStatus").as_string() == "InProgress");
    actions = rels(path);
    BOOST_TEST(has(actions, "ShipOrder"));

    const std::string fulfilment = format_utc(store.now());
    const auto carrier_ok = R"({"order_Shipping_Method":"Express","order_Shipping_ShipperTrackingNumber":"1Z999",)"
                            R"("order_Shipping_FulfillmentDate":")" + fulfilment + R"(")";
    BOOST_TEST(call("POST", path + "/ShipOrder", carrier_ok + R"(,"order_Shipping_CarrierName":"Pigeon"})", user())
                   .result.error_code == "InvalidChangeOrderParameter");
    BOOST_TEST(call("POST", path + "/ShipOrder",
                    R"({"order_Shipping_CarrierName":"COL","order_Shipping_Method":"Express","order_Shipping_FulfillmentDate":")" +
                        fulfilment + R"("})", user())
                   .result.error_code == "MissingChangeOrderParameter");
    BOOST_TEST(call("POST", path + "/ShipOrder", carrier_ok + R"(,"order_Shipping_CarrierName":"COL","order_Bogus":"x"})", user())
                   .result.error_code == "UnknownChangeOrderParameter");
    BOOST_TEST(call("POST", path + "/ShipOrder",
                    R"({"order_Shipping_CarrierName":"COL","order_Shipping_Method":"Express","order_Shipping_ShipperTrackingNumber":"1Z",)"
                    R"("order_Shipping_FulfillmentDate":"yesterday"})", user())
                   .result.error_code == "InvalidChangeOrderParameter");
    BOOST_TEST(call("POST", path + "/ShipOrder", carrier_ok + R"(,"order_Shipping_CarrierName":"COL"})").result.error_code ==
               "UserNameRequired");
    BOOST_TEST(store.change_executions() == before + 1);  // none of those reached the marketplace

    const auto shipped = call("POST", path + "/ShipOrder", carrier_ok + R"(,"order_Shipping_CarrierName":"COL"})", user());
    BOOST_REQUIRE_EQUAL(shipped.result.status, 202);
    store.advance(6s);
    o = get_json(path);
    BOOST_TEST(o.at("order_Status_BeezUPOrderStatus").as_string() == "Shipped");
    BOOST_TEST(o.at("order_Shipping_ShipperTrackingNumber").as_string() == "1Z999");
    BOOST_TEST(o.at("order_Shipping_CarrierName").as_string() == "COL");
    BOOST_TEST(o.at("order_Shipping_Method").as_string() == "Express");
    // Every key once: JSON with duplicate keys is ambiguous for readers.
    const auto text = call("GET", path).result.body;
    BOOST_TEST(text.find("\"order_Shipping_Method\"") == text.rfind("\"order_Shipping_Method\""));

    const auto history = get_json(path + "/history");
    const auto& changes = history.at("changeOrderReportings").as_array();
    BOOST_REQUIRE_EQUAL(changes.size(), 2u);
    for (const auto& c : changes) BOOST_TEST(c.at("processingStatus").as_string() == "Done");
    const auto report = get_json(*shipped.result.location);
    BOOST_TEST(report.at("changeOrderType").as_string() == "ShipOrder");
    BOOST_TEST(report.at("details").at("changeOrderRequest").at("order_Shipping_CarrierName").as_string() == "COL");
    BOOST_TEST(call("GET", path + "/history/00000000-0000-4000-8000-000000000000").result.status == 404);
}

BOOST_AUTO_TEST_CASE(amazon_ships_without_acceptance_and_stale_etag_is_refused) {
    const auto path = find_order([](const order& o) {
        return o.acct.marketplace_technical_code == "Amazon" && o.beezup_status == "New";
    });
    const auto actions = rels(path);
    BOOST_TEST(!has(actions, "AcceptOrder"));
    BOOST_TEST(has(actions, "ShipOrder"));
    BOOST_TEST(has(actions, "CancelOrder"));
    const auto stale = call("POST", path + "/CancelOrder", R"({"order_Cancel_Reason":"OutOfStock"})", user(),
                            {{"if-match", "\"0000000000000000\""}});
    BOOST_TEST(stale.result.status == 412);
    const auto etag = call("GET", path).headers.at("ETag");
    const auto ok = call("POST", path + "/CancelOrder", R"({"order_Cancel_Reason":"OutOfStock"})", user(),
                         {{"if-match", etag}});
    BOOST_TEST(ok.result.status == 202);
    store.advance(6s);
    BOOST_TEST(get_json(path).at("order_Status_BeezUPOrderStatus").as_string() == "Canceled");
    BOOST_TEST(call("GET", path).headers.at("ETag") != etag);
}

BOOST_AUTO_TEST_CASE(test_mode_validates_and_changes_nothing) {
    const auto path = find_order([](const order& o) {
        return o.acct.marketplace_technical_code == "Amazon" && o.beezup_status == "New";
    });
    const auto etag = call("GET", path).headers.at("ETag");
    const auto before = store.change_executions();
    auto query = user();
    query["testMode"] = "true";
    BOOST_TEST(call("POST", path + "/CancelOrder", R"({"order_Cancel_Reason":"NotAReason"})", query).result.status == 400);
    BOOST_TEST(call("POST", path + "/CancelOrder", R"({"order_Cancel_Reason":"OutOfStock"})", query).result.status == 202);
    store.advance(6s);
    BOOST_TEST(store.change_executions() == before);
    BOOST_TEST(call("GET", path).headers.at("ETag") == etag);
    BOOST_TEST(get_json(path).at("order_Status_BeezUPOrderStatus").as_string() == "New");
}

BOOST_AUTO_TEST_CASE(harvest_is_throttled) {
    const auto path = find_order([](const order&) { return true; });
    const auto first = call("POST", path + "/harvest");
    BOOST_TEST(first.result.status == 202);
    BOOST_TEST(first.result.retry_after_seconds.has_value());
    const auto second = call("POST", path + "/harvest");
    BOOST_TEST(second.result.status == 409);
    BOOST_TEST(second.result.retry_after_seconds.value() >= 1);
    BOOST_TEST(call("POST", "/orders/v3/Amazon/1001/harvest").result.status == 202);
    BOOST_TEST(call("POST", "/orders/v3/Nowhere/1/harvest").result.status == 404);
    BOOST_TEST(call("POST", "/orders/v3/harvest").result.status == 202);
    BOOST_TEST(call("POST", "/orders/v3/harvest").result.status == 409);
}

BOOST_AUTO_TEST_CASE(merchant_info_single_and_batch) {
    const auto path = find_order([](const order& o) { return !o.merchant_order_id; });
    BOOST_TEST(call("POST", path + "/setMerchantOrderInfo", R"({"order_MerchantOrderId":"CMD-1"})").result.status == 400);
    BOOST_TEST(call("POST", path + "/setMerchantOrderInfo",
                    R"({"order_MerchantOrderId":"CMD-1","order_MerchantECommerceSoftwareName":"Shop","order_MerchantECommerceSoftwareVersion":"1.0"})")
                   .result.status == 202);
    BOOST_TEST(get_json(path).at("order_MerchantOrderId").as_string() == "CMD-1");
    BOOST_TEST(call("POST", path + "/clearMerchantOrderInfo").result.status == 202);
    BOOST_TEST(!get_json(path).contains("order_MerchantOrderId"));

    const auto doc = get_json(path);
    const std::string id = R"({"marketplaceTechnicalCode":")" + std::string(doc.at("marketplaceTechnicalCode").as_string()) +
                           R"(","accountId":)" + std::to_string(doc.at("accountId").as_int64()) +
                           R"(,"beezUPOrderId":")" + std::string(doc.at("beezUPOrderId").as_string()) + R"("})";
    const auto batch = call("POST", "/orders/v3/batches/clearMerchantOrderInfos",
                            R"({"orders":[)" + id + R"(,{"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderId":"00000000-0000-4000-8000-000000000000"}]})");
    BOOST_REQUIRE_EQUAL(batch.result.status, 202);
    const auto ops = json::parse(batch.result.body).at("operations").as_array();
    BOOST_REQUIRE_EQUAL(ops.size(), 2u);
    BOOST_TEST(ops[0].at("success").as_bool());
    BOOST_TEST(!ops[1].at("success").as_bool());
    BOOST_TEST(ops[1].at("status").as_int64() == 404);

    std::string many = R"({"orders":[)";
    for (int i = 0; i < 101; ++i) many += (i ? "," : "") + id;
    many += "]}";
    BOOST_TEST(call("POST", "/orders/v3/batches/clearMerchantOrderInfos", many).result.error_code == "TooManyBatchOperations");
    BOOST_TEST(call("POST", "/orders/v3/batches/changeOrders", "{}").result.status == 400);
}

BOOST_AUTO_TEST_CASE(unknown_paths_and_methods) {
    BOOST_TEST(call("GET", "/orders/v3/list/full").result.status == 405);
    BOOST_TEST(call("DELETE", "/orders/v3/Amazon/1001/x").result.status == 405);
    BOOST_TEST(call("GET", "/orders/v3/Amazon/1001/x/what/ever/more").result.status == 404);
    api_call other;
    other.method = "GET";
    other.segments = {"v2", "user", "lov"};
    BOOST_TEST(!api.handle(other).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_writer_suite)

BOOST_AUTO_TEST_CASE(dates_round_trip_and_far_years_are_refused) {
    time_point t;
    BOOST_REQUIRE(parse_utc("2026-11-26T12:34:56Z", t));
    BOOST_TEST(format_utc(t) == "2026-11-26T12:34:56Z");
    BOOST_REQUIRE(parse_utc("2026-11-26T12:34:56.789+00:00", t));
    BOOST_TEST(format_utc(t) == "2026-11-26T12:34:56Z");
    BOOST_TEST(format_http_date(t) == "Thu, 26 Nov 2026 12:34:56 GMT");
    for (const char* bad : {"9999-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-26 12:34:56Z", "2026-11-26T12:34:56",
                            "2026-11-26T12:34:56+02:00", "2026-11-26T12:34:56.Z", ""})
        BOOST_TEST(!parse_utc(bad, t), bad);
}

BOOST_AUTO_TEST_CASE(strings_and_amounts_are_written_exactly) {
    json_writer w;
    w.begin_object().member("s", std::string("a\"b\\c\n\x01\xc3\xa9")).member("m", money{-1205}).member("z", money{7})
        .end_object();
    BOOST_TEST(w.str() == "{\"s\":\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\",\"m\":-12.05,\"z\":0.07}");
}

BOOST_AUTO_TEST_SUITE_END()
