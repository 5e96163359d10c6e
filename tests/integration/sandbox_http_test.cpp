// The sandbox over HTTP on loopback: injected faults, its rate limit, oversized and malformed
// requests, and a fuzz run after which it still answers correctly.

#include <beezup/sandbox/server.hpp>

#include <cpprest/http_client.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace std::chrono_literals;
namespace http = web::http;

namespace {

beezup::sandbox::server_options quiet_options() {
    beezup::sandbox::server_options o;
    o.api_key = "k";
    o.rate_limit_per_minute = 0;
    o.orders = 300;
    o.seed = 5;
    return o;
}

struct reply {
    int status = 0;
    std::string body;
    http::http_headers headers;
};

reply send(const std::string& base, const std::string& method, const std::string& path, const std::string& body = "",
           bool with_key = true) {
    http::client::http_client_config config;
    config.set_timeout(10s);
    http::client::http_client client(base, config);
    http::http_request request(method);
    request.set_request_uri(path);
    if (with_key) request.headers().add("Ocp-Apim-Subscription-Key", "k");
    if (!body.empty()) request.set_body(body, "application/json");
    auto response = client.request(request).get();
    return {response.status_code(), response.extract_utf8string(true).get(), response.headers()};
}

std::string list_body(const beezup::sandbox::server& s) {
    const auto end = std::chrono::floor<std::chrono::seconds>(s.now()) - 1s;
    auto iso = [](std::chrono::system_clock::time_point t) {
        const auto days = std::chrono::floor<std::chrono::days>(t);
        const std::chrono::year_month_day ymd{days};
        const std::chrono::hh_mm_ss hms{t - days};
        char b[32];
        std::snprintf(b, sizeof b, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()), unsigned(ymd.month()),
                      unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                      int(hms.seconds().count()));
        return std::string(b);
    };
    return R"({"beginPeriodUtcDate":")" + iso(end - std::chrono::days(30)) + R"(","endPeriodUtcDate":")" + iso(end) +
           R"(","pageNumber":1,"pageSize":100,"dateSearchType":"Purchase"})";
}

bool is_beezup_error(const std::string& body) {
    boost::json::error_code ec;
    const auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return false;
    const auto* errors = v.get_object().if_contains("errors");
    return errors && errors->is_array() && !errors->get_array().empty() &&
           errors->get_array()[0].as_object().at("code").is_string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sandbox_http)

BOOST_AUTO_TEST_CASE(status_faults_answer_with_error_bodies) {
    beezup::sandbox::server s(quiet_options());
    for (const auto& [spec, status] : std::vector<std::pair<std::string, int>>{{"500=1", 500}, {"503=1", 503}, {"429=1", 429}}) {
        s.set_faults(spec);
        const auto r = send(s.base_url(), "GET", "/orders/v3/status");
        BOOST_TEST(r.status == status, spec);
        BOOST_TEST(is_beezup_error(r.body), spec);
        if (status == 429) BOOST_TEST(r.headers.has("Retry-After"));
    }
    s.set_faults("");
    BOOST_TEST(send(s.base_url(), "GET", "/orders/v3/status").status == 200);
    BOOST_CHECK_THROW(s.set_faults("500=2"), std::invalid_argument);
    BOOST_CHECK_THROW(s.set_faults("teapot=0.1"), std::invalid_argument);
    BOOST_CHECK_THROW(s.set_faults("500=0.6,503=0.6"), std::invalid_argument);
    BOOST_CHECK_THROW(s.set_faults("slow=0.1"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(received_requests_are_kept_for_tests) {
    beezup::sandbox::server s(quiet_options());
    send(s.base_url(), "POST", "/orders/v3/Amazon/1001/x/ShipOrder?userName=me", R"({"a":"b"})");
    send(s.base_url(), "GET", "/orders/v3/status", "", false);
    const auto seen = s.received_requests();
    BOOST_REQUIRE_EQUAL(seen.size(), 2u);
    BOOST_TEST(seen[0].method == "POST");
    BOOST_TEST(seen[0].path == "/orders/v3/Amazon/1001/x/ShipOrder");
    BOOST_TEST(seen[0].query.at("userName") == "me");
    BOOST_TEST(seen[0].body == R"({"a":"b"})");
    BOOST_TEST(seen[0].headers.at("ocp-apim-subscription-key") == "k");
    BOOST_TEST(!seen[1].headers.count("ocp-apim-subscription-key"));
    s.clear_received_requests();
    BOOST_TEST(s.received_requests().empty());
}

BOOST_AUTO_TEST_CASE(slow_fault_delays_the_answer) {
    beezup::sandbox::server s(quiet_options());
    s.set_faults("slow=1:300ms");
    const auto start = std::chrono::steady_clock::now();
    BOOST_TEST(send(s.base_url(), "GET", "/orders/v3/status").status == 200);
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 300ms));
}

BOOST_AUTO_TEST_CASE(broken_answers_fail_on_the_client_side_after_the_work_is_done) {
    beezup::sandbox::server s(quiet_options());
    for (const char* spec : {"truncate=1", "reset=1"}) {
        s.set_faults(spec);
        bool failed = false;
        try {
            const auto r = send(s.base_url(), "POST", "/orders/v3/list/light", list_body(s));
            // A client may also see the short body; it must not be the whole, valid one.
            boost::json::error_code ec;
            boost::json::parse(r.body, ec);
            failed = static_cast<bool>(ec);
        } catch (const std::exception&) {
            failed = true;
        }
        BOOST_TEST(failed, spec);
    }
    s.set_faults("");
    BOOST_TEST(send(s.base_url(), "POST", "/orders/v3/list/light", list_body(s)).status == 200);
}

BOOST_AUTO_TEST_CASE(fault_rates_follow_their_probabilities) {
    beezup::sandbox::server s(quiet_options());
    s.set_faults("500=0.2");
    int errors = 0;
    for (int i = 0; i < 500; ++i)
        if (send(s.base_url(), "GET", "/v2/user/lov/BeezUPOrderState").status == 500) ++errors;
    BOOST_TEST(errors > 60);
    BOOST_TEST(errors < 140);
    BOOST_TEST(s.faults_injected() == static_cast<std::uint64_t>(errors));
}

BOOST_AUTO_TEST_CASE(rate_limit_answers_429_with_retry_after) {
    auto o = quiet_options();
    o.rate_limit_per_minute = 5;
    beezup::sandbox::server s(o);
    for (int i = 0; i < 5; ++i) BOOST_TEST(send(s.base_url(), "GET", "/orders/v3/status").status == 200);
    auto limited = send(s.base_url(), "GET", "/orders/v3/status");
    BOOST_TEST(limited.status == 429);
    BOOST_TEST(std::stoi(limited.headers["Retry-After"]) >= 1);
    BOOST_TEST(is_beezup_error(limited.body));
}

BOOST_AUTO_TEST_CASE(bad_requests_get_error_bodies) {
    auto o = quiet_options();
    o.max_request_body_bytes = 10'000;
    beezup::sandbox::server s(o);
    const auto huge = send(s.base_url(), "POST", "/orders/v3/list/full", std::string(20'000, '['));
    BOOST_TEST(huge.status == 413);
    BOOST_TEST(is_beezup_error(huge.body));
    const auto no_key = send(s.base_url(), "GET", "/orders/v3/status", "", false);
    BOOST_TEST(no_key.status == 401);
    BOOST_TEST(is_beezup_error(no_key.body));
    const std::vector<std::tuple<std::string, std::string, std::string, int>> cases = {
        {"POST", "/orders/v3/list/full", "{\"beginPeriodUtcDate\":", 400},
        {"POST", "/orders/v3/list/full", "{\"beginPeriodUtcDate\":12,\"endPeriodUtcDate\":true}", 400},
        {"GET", "/no/such/path", "", 404},
        {"PATCH", "/orders/v3/status", "", 405},
        {"GET", "/v2/user/lov/NoSuchList", "", 404},
    };
    for (const auto& [method, path, body, status] : cases) {
        const auto r = send(s.base_url(), method, path, body);
        BOOST_TEST(r.status == status, method << " " << path);
        BOOST_TEST(is_beezup_error(r.body), method << " " << path);
    }
}

BOOST_AUTO_TEST_CASE(fuzz_then_still_correct) {
    beezup::sandbox::server s(quiet_options());
    const auto reference = send(s.base_url(), "POST", "/orders/v3/list/light", list_body(s));
    BOOST_REQUIRE_EQUAL(reference.status, 200);

    std::mt19937_64 rng(20261126);
    auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "HEAD", "PATCH"};
    const std::vector<std::string> prefixes = {
        "/orders/v3/", "/orders/v3/list/", "/orders/v3/Amazon/1001/", "/orders/v3/batches/",
        "/v2/user/lov/", "/v2/public/lov/", "/v2/user/marketplaces/orders/", "/", "/orders/v3/Cdiscount/x/"};
    const std::vector<std::string> words = {"full", "light", "harvest", "history", "ShipOrder", "status", "%00", "..",
                                            "changeOrders", "automaticTransitions", "exportations", "%FF%FE", "-1",
                                            "99999999999999999999", "BeezUPOrderState", "a b", "\xc3\xa9"};
    const std::vector<std::string> bodies = {
        "", "{}", "[]", "null", "{", "{\"pageNumber\":-1}", "{\"beginPeriodUtcDate\":[1,2,3]}",
        "{\"changeOrders\":[{\"order\":{}}]}", "{\"orders\":5}", std::string(5000, '{'), "\"text\"",
        "{\"automaticTransitions\":[{\"accountId\":\"x\"}]}", "{\"order_Shipping_CarrierName\":1e999}", "\x01\x02\xff"};
    int failures = 0;
    for (int i = 0; i < 10'000; ++i) {
        std::string path = pick(prefixes);
        for (auto n = rng() % 4; n > 0; --n) path += pick(words) + (rng() % 2 ? "/" : "");
        const auto method = pick(methods);
        try {
            http::client::http_client client(s.base_url());
            http::http_request request(method);
            request.set_request_uri(web::uri::encode_uri(path));
            request.headers().add("Ocp-Apim-Subscription-Key", "k");
            if (method != "GET" && method != "HEAD") request.set_body(pick(bodies), "application/json");
            auto response = client.request(request).get();
            const int status = response.status_code();
            const auto body = response.extract_utf8string(true).get();
            // Every failure is one of BeezUP's; nothing is a crash (500 is not allowed here).
            if (status >= 500 || (status >= 400 && method != "HEAD" && !is_beezup_error(body))) {
                ++failures;
                BOOST_TEST_MESSAGE(method << " " << path << " -> " << status << " " << body.substr(0, 200));
            }
        } catch (const std::exception& e) {
            ++failures;
            BOOST_TEST_MESSAGE(method << " " << path << " threw " << e.what());
        }
    }
    BOOST_TEST(failures == 0);
    const auto after = send(s.base_url(), "POST", "/orders/v3/list/light", list_body(s));
    BOOST_TEST(after.status == 200);
    auto ids = [](const std::string& body) {
        std::vector<std::string> out;
        const auto doc = boost::json::parse(body);
        for (const auto& o : doc.at("orders").as_array()) out.emplace_back(o.at("beezUPOrderId").as_string());
        return out;
    };
    BOOST_TEST(ids(after.body) == ids(reference.body));
}

BOOST_AUTO_TEST_CASE(state_survives_a_restart) {
    const auto state = std::filesystem::temp_directory_path() / ("beezup-sandbox-state-" + std::to_string(::getpid()) + ".jsonl");
    std::filesystem::remove(state);
    auto o = quiet_options();
    o.state_file = state.string();
    o.change_delay = 0ms;
    o.orders = 3000;
    std::string order_path, before_order, before_history, before_list;
    {
        beezup::sandbox::server s(o);
        auto filtered = list_body(s);
        filtered.pop_back();
        filtered += R"(,"beezUPOrderStatuses":["New","InProgress"],"marketplaceTechnicalCodes":["Amazon"]})";
        const auto list = boost::json::parse(send(s.base_url(), "POST", "/orders/v3/list/full", filtered).body);
        for (const auto& order : list.at("orders").as_array()) {
            order_path = std::string(order.at("links").at("self").at("href").as_string());
            break;
        }
        BOOST_REQUIRE(!order_path.empty());
        BOOST_REQUIRE_EQUAL(send(s.base_url(), "POST", order_path + "/CancelOrder?userName=u", R"({"order_Cancel_Reason":"OutOfStock"})").status, 202);
        BOOST_REQUIRE_EQUAL(send(s.base_url(), "POST", order_path + "/setMerchantOrderInfo",
                                 R"({"order_MerchantOrderId":"M-1","order_MerchantECommerceSoftwareName":"S","order_MerchantECommerceSoftwareVersion":"1"})").status, 202);
        s.advance_clock(std::chrono::hours(2));
        before_order = send(s.base_url(), "GET", order_path).body;
        before_history = send(s.base_url(), "GET", order_path + "/history").body;
        before_list = send(s.base_url(), "POST", "/orders/v3/list/light", list_body(s)).body;
    }
    o.seed = 999;     // the state file's seed and size win
    o.orders = 10;
    beezup::sandbox::server restored(o);
    const auto after_order = send(restored.base_url(), "GET", order_path);
    BOOST_REQUIRE_EQUAL(after_order.status, 200);
    BOOST_TEST(after_order.body == before_order);
    BOOST_TEST(send(restored.base_url(), "GET", order_path + "/history").body == before_history);
    BOOST_TEST(boost::json::parse(after_order.body).at("order_Status_BeezUPOrderStatus").as_string() == "Canceled");
    BOOST_TEST(boost::json::parse(after_order.body).at("order_MerchantOrderId").as_string() == "M-1");
    const auto after_list = boost::json::parse(send(restored.base_url(), "POST", "/orders/v3/list/light", list_body(restored)).body);
    BOOST_TEST(after_list.at("paginationResult").at("totalEntryCount") ==
               boost::json::parse(before_list).at("paginationResult").at("totalEntryCount"));
    std::filesystem::remove(state);
}

BOOST_AUTO_TEST_CASE(damaged_state_file_is_refused_with_its_line) {
    const auto state = std::filesystem::temp_directory_path() / ("beezup-sandbox-bad-" + std::to_string(::getpid()) + ".jsonl");
    {
        std::ofstream out(state);
        out << R"({"seed":1,"orders":10,"started":1700000000000000000})" << "\n" << "garbage\n" << R"({"at":1,"advance":5})" << "\n";
    }
    auto o = quiet_options();
    o.state_file = state.string();
    try {
        beezup::sandbox::server s(o);
        BOOST_FAIL("a damaged state file was accepted");
    } catch (const std::runtime_error& e) {
        BOOST_TEST(std::string(e.what()).find("line 2") != std::string::npos);
    }
    std::filesystem::remove(state);
}

BOOST_AUTO_TEST_SUITE_END()
