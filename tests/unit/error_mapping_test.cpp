#include "fake_transport.hpp"
#include "pipeline/error_mapping.hpp"
#include "pipeline/pipeline.hpp"

#include <boost/test/unit_test.hpp>

using beezup::testing::fake_clock;
using beezup::testing::fake_transport;

namespace {

struct fixture {
    std::shared_ptr<fake_transport> transport = std::make_shared<fake_transport>();
    std::unique_ptr<beezup::detail::pipeline> p = [this] {
        beezup::client_options o;
        o.api_key = "KEY-secret-0042";
        o.rate_limit.enabled = false;
        o.retry.max_attempts = 1;
        return std::make_unique<beezup::detail::pipeline>(o, transport, std::make_shared<fake_clock>());
    }();

    template <class E>
    E fail_with(int status, std::string body, beezup::http_headers headers = {}) {
        transport->push(status, std::move(body), std::move(headers));
        beezup::detail::api_request r;
        r.path = "/orders/v3/Amazon/1/abc";
        try {
            p->send(r, {});
        } catch (const E& e) {
            return e;
        } catch (const std::exception& e) {
            BOOST_FAIL("wrong exception type: " << e.what());
        }
        BOOST_FAIL("no exception");
        throw;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(error_mapping, fixture)

BOOST_AUTO_TEST_CASE(status_maps_to_subclass) {
    fail_with<beezup::bad_request_error>(400, "");
    fail_with<beezup::unauthorized_error>(401, "");
    fail_with<beezup::forbidden_error>(403, "");
    fail_with<beezup::not_found_error>(404, "");
    fail_with<beezup::conflict_error>(409, "");
    fail_with<beezup::precondition_failed_error>(412, "");
    fail_with<beezup::too_many_requests_error>(429, "");
    fail_with<beezup::server_error>(500, "");
    fail_with<beezup::server_error>(599, "");
    transport->push(418);
    beezup::detail::api_request r;
    try {
        p->send(r, {});
        BOOST_FAIL("no exception");
    } catch (const beezup::api_error& e) {
        BOOST_TEST(e.status() == 418);
        BOOST_TEST((typeid(e) == typeid(beezup::api_error)));
    }
}

BOOST_AUTO_TEST_CASE(v3_format_with_arguments_as_object) {
    auto e = fail_with<beezup::not_found_error>(
        404, R"({"errors":[{"code":"OrderNotFound","message":"No such order","cultureName":"en",
                 "docUrl":"https://docs/x","arguments":{"orderId":"abc","count":3,"flag":true}}]})",
        {{"Request-Id", "req-123"}});
    BOOST_REQUIRE_EQUAL(e.details().size(), 1u);
    const auto& d = e.details()[0];
    BOOST_TEST(d.code == "OrderNotFound");
    BOOST_TEST(d.message == "No such order");
    BOOST_TEST(d.culture_name.value() == "en");
    BOOST_TEST(d.doc_url.value() == "https://docs/x");
    BOOST_TEST(d.arguments.at("orderId") == "abc");
    BOOST_TEST(d.arguments.at("count") == "3");
    BOOST_TEST(d.arguments.at("flag") == "true");
    BOOST_TEST(e.request_id().value() == "req-123");
    const std::string what = e.what();
    BOOST_TEST(what.find("404") != std::string::npos);
    BOOST_TEST(what.find("OrderNotFound") != std::string::npos);
    BOOST_TEST(what.find("/orders/v3/Amazon/1/abc") != std::string::npos);
    BOOST_TEST(what.find("req-123") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(common_format_with_arguments_as_list) {
    auto e = fail_with<beezup::bad_request_error>(
        400, R"json({"errors":[{"code":"CatalogImportationAlreadyInProgress(ExecutionId currentCatalogImportationId)",
                 "message":"busy","arguments":[{"name":"currentCatalogImportationId","value":"b24d"},
                 {"name":"n","value":{"a":1}},{"bad":"entry"}]}, {"code":"Second","message":"m2"}]})json");
    BOOST_REQUIRE_EQUAL(e.details().size(), 2u);
    BOOST_TEST(e.details()[0].arguments.at("currentCatalogImportationId") == "b24d");
    BOOST_TEST(e.details()[0].arguments.at("n") == R"({"a":1})");
    BOOST_TEST(e.details()[0].arguments.size() == 2u);
    BOOST_TEST(e.has_code("CatalogImportationAlreadyInProgress"));
    BOOST_TEST(e.has_code("Second"));
    BOOST_TEST(!e.has_code("Catalog"));
}

BOOST_AUTO_TEST_CASE(malformed_empty_and_html_bodies_keep_the_raw_body) {
    const std::string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    auto e = fail_with<beezup::server_error>(502, html);
    BOOST_TEST(e.details().empty());
    BOOST_TEST(e.raw_body() == html);
    BOOST_TEST(std::string(e.what()).find("not a BeezUP error") != std::string::npos);

    auto truncated = fail_with<beezup::bad_request_error>(400, R"({"errors":[{"code":"X","mess)");
    BOOST_TEST(truncated.details().empty());
    BOOST_TEST(truncated.raw_body() == R"({"errors":[{"code":"X","mess)");

    auto empty = fail_with<beezup::unauthorized_error>(401, "");
    BOOST_TEST(empty.details().empty());
    BOOST_TEST(empty.raw_body().empty());

    auto wrong_types = fail_with<beezup::bad_request_error>(400, R"({"errors":[1,"x",{"code":5,"message":null}]})");
    BOOST_REQUIRE_EQUAL(wrong_types.details().size(), 1u);
    BOOST_TEST(wrong_types.details()[0].code.empty());

    auto not_array = fail_with<beezup::bad_request_error>(400, R"({"errors":{"code":"X"}})");
    BOOST_TEST(not_array.details().empty());
}

BOOST_AUTO_TEST_CASE(retry_after_and_location_are_exposed) {
    auto e = fail_with<beezup::conflict_error>(409, R"({"errors":[{"code":"AlreadyProcessing","message":"m"}]})",
                                               {{"Retry-After", "5"}, {"Location", "/orders/v3/A/1/x/history/e1"}});
    BOOST_TEST(e.retry_after().value().count() == 5);
    BOOST_TEST(e.location().value() == "/orders/v3/A/1/x/history/e1");
}

BOOST_AUTO_TEST_CASE(server_echo_of_the_key_is_scrubbed) {
    auto e = fail_with<beezup::unauthorized_error>(
        401, R"({"errors":[{"code":"InvalidKey","message":"key KEY-secret-0042 is not valid",
                 "arguments":{"sent":"KEY-secret-0042"}}]})");
    BOOST_TEST(e.details().at(0).arguments.at("sent") == "***");
    BOOST_TEST(std::string(e.what()).find("KEY-secret-0042") == std::string::npos);
    BOOST_TEST(e.raw_body().find("KEY-secret-0042") == std::string::npos);
    BOOST_TEST(std::string(e.what()).find("***") != std::string::npos);
    BOOST_TEST(e.details().at(0).message == "key *** is not valid");
}

BOOST_AUTO_TEST_SUITE_END()
