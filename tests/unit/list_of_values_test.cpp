#include "fake_transport.hpp"

#include <beezup/client.hpp>

#include <boost/test/unit_test.hpp>

using beezup::testing::fake_transport;

namespace {

struct fixture {
    std::shared_ptr<fake_transport> transport = std::make_shared<fake_transport>();
    beezup::client make() {
        beezup::client_options o;
        o.base_url = "http://sandbox.test";
        o.api_key = "k";
        o.rate_limit.enabled = false;
        o.retry.max_attempts = 1;
        return beezup::client(o, transport);
    }
};

const std::string carriers = R"({"items":[{"codeIdentifier":"DHL","intIdentifier":1,"position":1,"translationText":"DHL Express"},
  {"codeIdentifier":"UPS","intIdentifier":"2","position":"2"}],"links":{"self":{"href":"/v2/user/lov/X"}}})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(list_of_values, fixture)

BOOST_AUTO_TEST_CASE(fetches_and_decodes_both_number_forms) {
    transport->push(200, carriers, {{"ETag", "\"v1\""}, {"Content-Language", "fr"}});
    auto c = make();
    const auto lov = c.get_list_of_values("Amazon Carrier/Name", "fr");
    const auto sent = transport->requests().at(0);
    BOOST_TEST(sent.url == "http://sandbox.test/v2/user/lov/Amazon%20Carrier%2FName");
    BOOST_TEST(sent.headers.at("Accept-Language") == "fr");
    BOOST_REQUIRE_EQUAL(lov.items.size(), 2u);
    BOOST_TEST(lov.items[0].translation_text.value() == "DHL Express");
    BOOST_TEST(lov.items[1].int_identifier == 2);  // "2" in the JSON
    BOOST_TEST(lov.items[1].position.value() == 2);
    BOOST_TEST(!lov.items[1].translation_text.has_value());
    BOOST_TEST(lov.etag.value() == "\"v1\"");
    BOOST_TEST(lov.content_language.value() == "fr");
    BOOST_TEST(lov.find("UPS") == &lov.items[1]);
    BOOST_TEST(lov.find("FedEx") == nullptr);
}

BOOST_AUTO_TEST_CASE(not_modified_reuses_the_cache_per_language_and_scope) {
    transport->push(200, carriers, {{"ETag", "\"v1\""}});
    transport->push(304);
    transport->push(200, R"({"items":[]})", {{"ETag", "\"en1\""}});
    transport->push(200, carriers, {{"ETag", "\"p1\""}});
    auto c = make();
    c.get_list_of_values("Carriers", "fr");
    const auto again = c.get_list_of_values("Carriers", "fr");
    BOOST_TEST(again.items.size() == 2u);
    const auto english = c.get_list_of_values("Carriers", "en");
    BOOST_TEST(english.items.empty());
    c.get_list_of_values("Carriers", "fr", beezup::lov_scope::public_);
    const auto sent = transport->requests();
    BOOST_TEST(!sent[0].headers.count("If-None-Match"));
    BOOST_TEST(sent[1].headers.at("If-None-Match") == "\"v1\"");
    BOOST_TEST(!sent[2].headers.count("If-None-Match"));  // another language, another entry
    BOOST_TEST(sent[3].url == "http://sandbox.test/v2/public/lov/Carriers");
    BOOST_TEST(!sent[3].headers.count("If-None-Match"));
}

BOOST_AUTO_TEST_CASE(unknown_list_is_not_found) {
    transport->push(404, R"({"errors":[{"code":"ListOfValuesNotFound","message":"unknown list"}]})");
    auto c = make();
    BOOST_CHECK_THROW(c.get_list_of_values("Nope"), beezup::not_found_error);
}

BOOST_AUTO_TEST_CASE(bad_bodies_are_decode_errors_with_a_path) {
    auto c = make();
    const std::pair<std::string, std::string> cases[] = {
        {"{not json", "$"},
        {R"({"items":{}})", "$.items"},
        {R"({"items":[{"intIdentifier":1}]})", "$.items[0]"},
        {R"({"items":[{"codeIdentifier":"A","intIdentifier":"one"}]})", "$.items[0].intIdentifier"},
        {R"({"items":[{"codeIdentifier":"A","intIdentifier":99999999999}]})", "$.items[0].intIdentifier"},
        {R"({"items":[{"codeIdentifier":7,"intIdentifier":1}]})", "$.items[0].codeIdentifier"},
    };
    for (const auto& [body, path] : cases) {
        transport->push(200, body);
        try {
            c.get_list_of_values("X");
            BOOST_FAIL("accepted " << body);
        } catch (const beezup::decode_error& e) {
            BOOST_TEST(e.path() == path, body);
        }
    }
    BOOST_CHECK_THROW(c.get_list_of_values(""), beezup::error);
}

BOOST_AUTO_TEST_CASE(unsolicited_not_modified_is_an_error) {
    transport->push(304);
    auto c = make();
    BOOST_CHECK_THROW(c.get_list_of_values("X"), beezup::decode_error);
}

BOOST_AUTO_TEST_SUITE_END()
