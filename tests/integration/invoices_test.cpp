// Invoice settings against the sandbox: validated before sending (the sandbox's request count
// proves nothing left), saved and read back exactly, and the design previewed.

#include "sandbox_fixture.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

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

// ------------------------------------------------------------------------------------------------
// Generation: one invoice followed to its document, a batch numbered consecutively, conflicts
// that name the order and the number, and the PDF.

namespace {

struct invoicing_sandbox {
    beezup::sandbox::server s{sandbox_options(800)};
    beezup::client c{client_options(s)};
    invoicing_sandbox() {
        auto settings = french_settings();
        c.invoices().save_general_settings(settings);
        beezup::invoice_design_settings design;
        design.header_html = "<p>SARL Exemple</p>";
        c.invoices().save_design_settings(design);
    }
    /// Orders that can be invoiced (shipped or closed), oldest first.
    std::vector<beezup::order> invoiceable(std::size_t count) {
        std::vector<beezup::order> out;
        for (const auto& o : c.orders().all(last_days(365))) {
            if ((o.status.str() == "Shipped" || o.status.str() == "Closed") && !o.invoice_number) out.push_back(o);
            if (out.size() == count) break;
        }
        BOOST_REQUIRE_EQUAL(out.size(), count);
        return out;
    }
};

std::string run(const std::string& command) {
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
        ::pclose(pipe);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(invoice_generation)

BOOST_AUTO_TEST_CASE(one_invoice_is_generated_followed_and_downloaded_as_pdf) {
    invoicing_sandbox t;
    const auto order = t.invoiceable(1).front();
    const auto html = t.c.invoices().preview(order.key, 4242);
    BOOST_TEST(html.find("FA-2026_#4242") != std::string::npos);

    const auto invoice = t.c.invoices().generate(order.key, 4242);
    BOOST_TEST(!invoice.location.empty());
    BOOST_TEST(!invoice.recovered);
    const auto again = t.c.orders().get(order.key);
    BOOST_TEST(again.invoice_number.value_or("") == "FA-2026_#4242");
    BOOST_TEST(again.invoice_uri.value_or("") == invoice.location);

    const auto path = std::filesystem::temp_directory_path() / ("beezup-invoice-" + std::to_string(::getpid()) + ".pdf");
    t.c.invoices().download_pdf(invoice.location, path.string());
    std::ifstream in(path, std::ios::binary);
    std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(pdf.rfind("%PDF-", 0) == 0u);
    const auto text = run("pdftotext -q " + path.string() + " - 2>/dev/null");
    BOOST_TEST(text.find("FA-2026_#4242") != std::string::npos, text.substr(0, 300));
    BOOST_TEST(text.find(order.buyer_name.value_or("?")) != std::string::npos);
    std::filesystem::remove(path);

    // The same order again, or its number for another order: 409s that say which and why.
    try {
        t.c.invoices().generate(order.key);
        BOOST_ERROR("invoiced twice");
    } catch (const beezup::conflict_error& e) {
        BOOST_TEST(std::string(e.what()).find(order.key.beezup_order_id) != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find("already has an invoice") != std::string::npos, e.what());
    }
    const auto other = t.invoiceable(1).front();
    try {
        t.c.invoices().generate(other.key, 4242);
        BOOST_ERROR("a number used twice");
    } catch (const beezup::conflict_error& e) {
        BOOST_TEST(std::string(e.what()).find(other.key.beezup_order_id) != std::string::npos, e.what());
        BOOST_TEST(std::string(e.what()).find("4242") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_batch_of_fifty_gets_consecutive_unique_numbers) {
    invoicing_sandbox t;
    const auto orders = t.invoiceable(50);
    std::vector<beezup::order_key> keys;
    for (const auto& o : orders) keys.push_back(o.key);
    const auto results = t.c.invoices().generate_batch(keys, 7000);
    BOOST_REQUIRE_EQUAL(results.size(), 50u);
    std::set<std::string> numbers;
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST(results[i].key == keys[i]);
        BOOST_TEST(results[i].success);
        BOOST_TEST(results[i].sequence_number == 7000 + static_cast<std::int64_t>(i));
        const auto number = t.c.orders().get(keys[i]).invoice_number.value_or("");
        BOOST_TEST(number == "FA-2026_#" + std::to_string(7000 + i));
        numbers.insert(number);
    }
    BOOST_TEST(numbers.size() == 50u);

    // Reusing a number refuses the whole batch; the order that caused it is named.
    const auto more = t.invoiceable(2);
    const auto refused = t.c.invoices().generate_batch({more[0].key, more[1].key}, 7049);
    BOOST_REQUIRE_EQUAL(refused.size(), 2u);
    BOOST_TEST(!refused[0].success);
    BOOST_TEST(!refused[1].success);
    BOOST_REQUIRE(!refused[0].errors.empty());
    BOOST_TEST(refused[0].errors.front().code == "OrderInvoiceNumberAlreadyUsedException");
    BOOST_TEST(!t.c.orders().get(more[1].key).invoice_number);  // all or none
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(invoice_user_name)

// BeezUP requires userName of generations, as of changes: without one, nothing is sent.
BOOST_AUTO_TEST_CASE(generation_without_a_user_name_is_refused_before_sending) {
    beezup::sandbox::server s(sandbox_options(50));
    auto options = client_options(s);
    options.user_name.clear();
    beezup::client c(options);
    const beezup::order_key key{"Amazon", 1001, "00000000-0000-0000-0000-000000000000"};
    const auto sent = s.requests_received();
    BOOST_CHECK_THROW(c.invoices().generate(key), beezup::invalid_request);
    BOOST_CHECK_THROW(c.invoices().generate_batch({key}, 1), beezup::invalid_request);
    BOOST_TEST(s.requests_received() == sent);
}

BOOST_AUTO_TEST_SUITE_END()
