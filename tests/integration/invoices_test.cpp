// Invoice settings against the sandbox: validated before sending (the sandbox's request count
// proves nothing left), saved and read back exactly, and the design previewed.

#include "sandbox_fixture.hpp"

using namespace beezup::testing;

namespace {

beezup::invoice_general_settings french_settings() {
    beezup::invoice_general_settings s;
    s.culture_name = "fr";
    s.product_vat_percent = beezup::decimal(55, 1);  // 5.5
    s.shipping_vat_percent = beezup::decimal(20, 0);
    s.invoice_prefix = "FA-2026_#";
    s.starting_sequence_number = 1000;
    return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(invoices)

BOOST_AUTO_TEST_CASE(invalid_settings_are_refused_before_sending) {
    beezup::sandbox::server s(sandbox_options(50));
    beezup::client c(client_options(s));
    const auto invoices = c.invoices();
    const auto expect_refused = [&](const beezup::invoice_general_settings& settings, const std::string& field) {
        const auto sent = s.requests_received();
        try {
            invoices.save_general_settings(settings);
            BOOST_ERROR("accepted an invalid " + field);
        } catch (const beezup::invalid_request& e) {
            BOOST_TEST(std::string(e.what()).find(field) != std::string::npos, e.what());
        }
        BOOST_TEST(s.requests_received() == sent, field);
    };
    auto bad = french_settings();
    bad.invoice_prefix = "FA 2026";  // a space
    expect_refused(bad, "invoice_prefix");
    bad.invoice_prefix = std::string(51, 'A');
    expect_refused(bad, "invoice_prefix");
    bad.invoice_prefix.clear();
    expect_refused(bad, "invoice_prefix");
    bad = french_settings();
    bad.product_vat_percent = beezup::decimal(10001, 2);  // 100.01
    expect_refused(bad, "product_vat_percent");
    bad = french_settings();
    bad.shipping_vat_percent = beezup::decimal(-1, 0);
    expect_refused(bad, "shipping_vat_percent");
    bad = french_settings();
    bad.starting_sequence_number = -1;
    expect_refused(bad, "starting_sequence_number");
    bad = french_settings();
    bad.culture_name.clear();
    expect_refused(bad, "culture_name");

    beezup::invoice_design_settings design;
    design.header_html = std::string(1001, 'x');
    const auto sent = s.requests_received();
    BOOST_CHECK_THROW(invoices.save_design_settings(design), beezup::invalid_request);
    BOOST_CHECK_THROW(invoices.preview_design(design), beezup::invalid_request);
    BOOST_TEST(s.requests_received() == sent);
    // 1,000 characters of two bytes each are within the limit: it counts characters.
    std::string accents;
    for (int i = 0; i < 1000; ++i) accents += "\xC3\xA9";
    design.header_html = accents;
    BOOST_CHECK_NO_THROW(design.validate());
}

BOOST_AUTO_TEST_CASE(settings_are_saved_and_read_back_exactly) {
    beezup::sandbox::server s(sandbox_options(50));
    beezup::client c(client_options(s));
    const auto invoices = c.invoices();
    BOOST_CHECK_THROW(invoices.general_settings(), beezup::not_found_error);

    const auto settings = french_settings();
    invoices.save_general_settings(settings);
    const auto back = invoices.general_settings();
    BOOST_TEST(back.culture_name == "fr");
    BOOST_TEST(back.product_vat_percent.to_string() == "5.5");
    BOOST_TEST((back.shipping_vat_percent == beezup::decimal(20, 0)));
    BOOST_TEST(back.invoice_prefix == settings.invoice_prefix);
    BOOST_TEST(back.starting_sequence_number == 1000);

    beezup::invoice_design_settings design;
    design.header_html = "<p>SARL Exemple &ndash; 12 rue de l&rsquo;&Eacute;glise</p>";
    design.footer_html = "<p>TVA FR00123456789</p>";
    invoices.save_design_settings(design);
    const auto design_back = invoices.design_settings();
    BOOST_TEST(design_back.header_html == design.header_html);
    BOOST_TEST(design_back.footer_html == design.footer_html);
    const auto html = invoices.preview_design(design);
    BOOST_TEST(html.find("TVA FR00123456789") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
