#include "fake_transport.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/redactor.hpp"

#include <boost/test/unit_test.hpp>

using beezup::testing::fake_clock;
using beezup::testing::fake_transport;

BOOST_AUTO_TEST_SUITE(redaction)

BOOST_AUTO_TEST_CASE(secrets_are_replaced_everywhere) {
    beezup::detail::redactor r;
    r.add_secret("s3cr3t");
    r.add_secret("s3cr3t-longer");
    BOOST_TEST(r.scrub("a s3cr3t b s3cr3t-longer c s3cr3ts3cr3t") == "a *** b *** c ******");
    BOOST_TEST(r.header_value("Ocp-Apim-Subscription-Key", "anything") == "***");
    BOOST_TEST(r.header_value("Authorization", "Basic dXNlcjpwYXNz") == "***");
    BOOST_TEST(r.header_value("X-BeezUP-Signature", "sha256=abc") == "***");
    BOOST_TEST(r.header_value("Accept", "application/json") == "application/json");
    BOOST_TEST(r.url("https://h/p?token=abc&userName=bob&sig=zz") == "https://h/p?token=***&userName=bob&sig=***");
}

BOOST_AUTO_TEST_CASE(secrets_of_a_url_handed_to_someone_else_are_replaced_everywhere) {
    beezup::detail::redactor r;
    r.add_url_secrets("https://hook:pa55word@shop.example/push?shop=12&api_key=k-123456&Token=t0k3n#x");
    r.add_url_secrets("https://shop.example/push?sig=abc");  // too short to mask without garbling
    BOOST_TEST(r.scrub(R"({"targetUrl":"https://hook:pa55word@shop.example/push?shop=12&api_key=k-123456&Token=t0k3n"})") ==
               R"({"targetUrl":"https://hook:***@shop.example/push?shop=12&api_key=***&Token=***"})");
    BOOST_TEST(r.scrub("sig=abc") == "sig=abc");
    BOOST_TEST(beezup::detail::redactor::is_secret_parameter("X-Api-Key"));
    BOOST_TEST(!beezup::detail::redactor::is_secret_parameter("pageNumber"));
}

BOOST_AUTO_TEST_CASE(buyer_personal_data_is_removed_from_bodies) {
    beezup::detail::redactor r;
    const std::string body = R"({"orders":[{"order_Buyer_Name":"Jeanne Martin","order_Buyer_Email":"j@m.fr",
        "order_Shipping_AddressLine1":"3 rue des Lilas","order_Shipping_Phone":"+33612345678",
        "order_Shipping_CarrierName":"DHL","order_Shipping_Method":"Express","order_TotalPrice":12,
        "order_MarketplaceOrderId":"MO-1"}]})";
    const auto shown = r.body(body);
    for (const char* personal : {"Jeanne", "j@m.fr", "Lilas", "+33612345678"})
        BOOST_TEST(shown.find(personal) == std::string::npos, personal << " leaked in " << shown);
    for (const char* kept : {"DHL", "Express", "\"order_TotalPrice\":12", "MO-1"})
        BOOST_TEST(shown.find(kept) != std::string::npos, kept << " missing in " << shown);
    BOOST_TEST(r.body("<html>secret page</html>") == "<24 bytes, not JSON>");
}

BOOST_AUTO_TEST_CASE(no_log_line_or_error_contains_the_key) {
    const std::string key = "APIKEY-d41d8cd98f00b204";
    std::vector<std::string> lines;
    beezup::client_options o;
    o.api_key = key;
    o.rate_limit.enabled = false;
    o.min_log_level = beezup::log_level::trace;
    o.logger = [&](beezup::log_level, std::string_view line) { lines.emplace_back(line); };
    auto transport = std::make_shared<fake_transport>();
    beezup::detail::pipeline p(o, transport, std::make_shared<fake_clock>(), [] { return 0.5; });

    transport->push(503, "");
    transport->push(200, R"({"echo":")" + key + R"(","order_Buyer_Email":"buyer@example.com"})");
    beezup::detail::api_request r;
    r.path = "/v2/user/lov/X";
    r.query = "apiKey=" + key;
    p.send(r, {});

    transport->push(400, R"({"errors":[{"code":"Bad","message":"you sent )" + key + R"("}]})");
    try {
        p.send(r, {});
    } catch (const beezup::error& e) {
        lines.emplace_back(e.what());
    }
    BOOST_TEST(lines.size() >= 5u);
    bool saw_header_line = false;
    for (const auto& line : lines) {
        BOOST_TEST(line.find(key) == std::string::npos, "leak: " << line);
        BOOST_TEST(line.find("buyer@example.com") == std::string::npos, "leak: " << line);
        if (line.find("Ocp-Apim-Subscription-Key: ***") != std::string::npos) saw_header_line = true;
    }
    BOOST_TEST(saw_header_line);  // trace shows headers, redacted
}

BOOST_AUTO_TEST_SUITE_END()
