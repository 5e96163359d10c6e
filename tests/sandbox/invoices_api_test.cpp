// The sandbox's invoice API called directly (no HTTP): settings and their validation, generation,
// sequence numbers, conflicts, rate limit, HTML content with exact VAT, languages, PDF, batches.

#include "invoice_document.hpp"
#include "invoice_pdf.hpp"
#include "invoices_api.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "sandbox_calls.hpp"

#include <thread>

using namespace std::chrono_literals;
using namespace beezup::sandbox;
namespace json = boost::json;

namespace {

const std::string base = "/v2/user/marketplaces/orders/invoices";


api_answer call(invoices_api& api, const std::string& method, const std::string& path, const std::string& body = "",
                std::map<std::string, std::string> query = {}) {
    return testing::call(api, method, path, body, std::move(query));
}

std::string general_body(const std::string& culture = "en", const std::string& product_vat = "20",
                         const std::string& shipping_vat = "5.5", const std::string& prefix = "INV-",
                         const std::string& start = "100") {
    return R"({"cultureName":")" + culture + R"(","productVATPercent":)" + product_vat + R"(,"shippingVATPercent":)" +
           shipping_vat + R"(,"invoicePrefix":")" + prefix + R"(","invoiceStartingSequenceNumber":)" + start + "}";
}

const std::string design_body =
    R"({"headerContentHtml":"<div class=\"seller\"><b>ACME SAS</b> &mdash; 1 rue du Port</div>","footerContentHtml":"<p>SIRET 123 456 789</p>"})";

std::string path_of(const order& o, const std::string& action) {
    return base + "/" + o.acct.marketplace_technical_code + "/" + std::to_string(o.acct.account_id) + "/" +
           o.beezup_order_id + "/" + action;
}

order_key key_of(const order& o) { return {o.acct.marketplace_technical_code, o.acct.account_id, o.beezup_order_id}; }

const std::map<std::string, std::string> user{{"userName", "tester"}};

struct fixture {
    order_store store{[] {
        order_store::options o;
        o.seed = 5;
        o.order_count = 400;
        return o;
    }()};
    invoices_api api{store, invoice_limits{1000, 1s}};

    api_answer call(const std::string& method, const std::string& path, const std::string& body = "",
                    std::map<std::string, std::string> query = {}) {
        return ::call(api, method, path, body, std::move(query));
    }

    void configure(invoices_api& target, const std::string& general = general_body()) {
        BOOST_REQUIRE_EQUAL(::call(target, "PUT", base + "/settings/general", general).result.status, 204);
        BOOST_REQUIRE_EQUAL(::call(target, "PUT", base + "/settings/design", design_body).result.status, 204);
    }
    void configure(const std::string& general = general_body()) { configure(api, general); }

    /// Orders that may be invoiced (not Aborted/Canceled, no invoice yet), with some shipping.
    std::vector<order> invoiceable(std::size_t count) {
        list_filter f;
        f.begin = time_point{};
        f.end = store.now() + 24h;
        std::vector<order> out;
        store.list(f, 1, 1'000'000, [&](const order& o) {
            if (out.size() < count && o.beezup_status != "Aborted" && o.beezup_status != "Canceled" &&
                !o.invoice_number && o.shipping_price.cents > 0 && !o.items.empty())
                out.push_back(o);
        });
        BOOST_REQUIRE_EQUAL(out.size(), count);
        return out;
    }
    order with_status(const std::string& status) {
        list_filter f;
        f.begin = time_point{};
        f.end = store.now() + 24h;
        std::optional<order> found;
        store.list(f, 1, 1'000'000, [&](const order& o) {
            if (!found && o.beezup_status == status) found = o;
        });
        BOOST_REQUIRE(found);
        return *found;
    }
    order current(const order& o) {
        auto copy = store.with_order(key_of(o), [](const order& x) { return x; });
        BOOST_REQUIRE(copy);
        return *copy;
    }
    std::string location_of_generated(const order& o, const std::string& body = "{}") {
        auto a = call("POST", path_of(o, "generate"), body, user);
        BOOST_REQUIRE_EQUAL(a.result.status, 202);
        BOOST_REQUIRE(a.result.location);
        return *a.result.location;
    }
    std::string html_of(const std::string& location) {
        auto a = call("GET", location);
        BOOST_REQUIRE_EQUAL(a.result.status, 200);
        BOOST_CHECK_EQUAL(a.result.content_type, "text/html; charset=utf-8");
        return a.result.body;
    }
};

std::string code_of(const api_answer& a) { return a.result.error_code; }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Independent exact arithmetic: VAT of a tax-included amount, half up, at 20 % and at 5.5 %.
std::int64_t vat20(std::int64_t gross) { return (gross * 20 * 2 + 120) / 240; }
std::int64_t vat5_5(std::int64_t gross) { return (gross * 55 * 2 + 1055) / 2110; }

}  // namespace

BOOST_AUTO_TEST_SUITE(invoices_api_suite)

BOOST_AUTO_TEST_CASE(vat_rates_are_exact_decimals_rounded_half_up) {
    BOOST_CHECK(vat_rate::parse("5.5") == (vat_rate{55, 1}));
    BOOST_CHECK(vat_rate::parse("5.50") == (vat_rate{55, 1}));
    BOOST_CHECK(vat_rate::parse("0.055e2") == (vat_rate{55, 1}));
    BOOST_CHECK(vat_rate::parse("1E1") == (vat_rate{10, 0}));
    BOOST_CHECK(vat_rate::parse("100") == (vat_rate{100, 0}));
    BOOST_CHECK(vat_rate::parse("0") == (vat_rate{0, 0}));
    BOOST_CHECK(vat_rate::parse("19.6")->text() == "19.6");
    BOOST_CHECK(!vat_rate::parse("100.01"));
    BOOST_CHECK(!vat_rate::parse("-1"));
    BOOST_CHECK(!vat_rate::parse("1000"));
    BOOST_CHECK(!vat_rate::parse("1.0000001"));  // more than 6 decimals
    BOOST_CHECK(!vat_rate::parse("abc"));
    BOOST_CHECK(!vat_rate::parse("01"));

    const vat_rate twenty{20, 0}, five_and_a_half{55, 1};
    BOOST_CHECK_EQUAL(twenty.vat_of_gross({120}).cents, 20);
    BOOST_CHECK_EQUAL(twenty.vat_of_gross({1000}).cents, 167);  // 166.67
    BOOST_CHECK_EQUAL(twenty.vat_of_gross({3}).cents, 1);       // 0.5 -> half up
    BOOST_CHECK_EQUAL(twenty.vat_of_gross({9}).cents, 2);       // 1.5 -> 2
    BOOST_CHECK_EQUAL(twenty.vat_of_gross({1}).cents, 0);
    BOOST_CHECK_EQUAL(five_and_a_half.vat_of_gross({1055}).cents, 55);
    BOOST_CHECK_EQUAL(five_and_a_half.vat_of_gross({4990}).cents, 260);  // 260.14
    BOOST_CHECK_EQUAL((vat_rate{0, 0}.vat_of_gross({4990}).cents), 0);
    BOOST_CHECK_EQUAL((vat_rate{100, 0}.vat_of_gross({4990}).cents), 2495);
    // Large amounts do not overflow (128-bit intermediates).
    BOOST_CHECK_EQUAL((vat_rate{19'999'999, 6}.vat_of_gross({900'000'000'000'000}).cents), 149'999'993'750'000);

    BOOST_CHECK_EQUAL(format_amount({123456}, "EUR", "en"), "1,234.56 EUR");
    BOOST_CHECK_EQUAL(format_amount({123456}, "EUR", "fr"), "1 234,56 EUR");
    BOOST_CHECK_EQUAL(format_amount({5}, "GBP", "en"), "0.05 GBP");
    BOOST_CHECK_EQUAL(format_amount({-1234567}, "EUR", "en"), "-12,345.67 EUR");
}

BOOST_FIXTURE_TEST_CASE(general_settings_are_validated_and_read_back, fixture) {
    auto missing = call("GET", base + "/settings/general");
    BOOST_CHECK_EQUAL(missing.result.status, 404);
    BOOST_CHECK_EQUAL(code_of(missing), "OrderInvoiceGeneralSettingsNotFoundException");

    const std::vector<std::string> invalid{
        general_body("de"),
        general_body("en", "101"),
        general_body("en", "-1"),
        general_body("en", "20", "100.5"),
        general_body("en", "\"20\""),
        general_body("en", "20", "20", "bad prefix"),
        general_body("en", "20", "20", std::string(51, 'A')),
        general_body("en", "20", "20", ""),
        general_body("en", "20", "20", "INV", "-1"),
        general_body("en", "20", "20", "INV", "1.5"),
        R"({"cultureName":"en","productVATPercent":20,"shippingVATPercent":20,"invoicePrefix":"INV"})",
        R"({"cultureName":"en","productVATPercent":null,"shippingVATPercent":20,"invoicePrefix":"INV","invoiceStartingSequenceNumber":1})",
        "[]",
        "{oops",
        ""};
    for (const auto& body : invalid) {
        auto a = call("PUT", base + "/settings/general", body);
        BOOST_TEST_CONTEXT(body) {
            BOOST_CHECK_EQUAL(a.result.status, 400);
            BOOST_CHECK_EQUAL(code_of(a), "OrderInvoiceGeneralSettingsValidationFailedException");
            BOOST_CHECK(!a.result.error_message.empty());
        }
    }
    BOOST_CHECK_EQUAL(call("GET", base + "/settings/general").result.status, 404);  // nothing was saved

    BOOST_CHECK_EQUAL(call("PUT", base + "/settings/general", general_body("fr", "19.60", "5.5", "F#_2026-", "0")).result.status,
                      204);
    auto saved = call("GET", base + "/settings/general");
    BOOST_REQUIRE_EQUAL(saved.result.status, 200);
    // Percentages come back exactly as decimals, not as doubles (19.6, never 19.600000000000001).
    BOOST_CHECK(contains(saved.result.body, R"("productVATPercent":19.6,)"));
    BOOST_CHECK(contains(saved.result.body, R"("shippingVATPercent":5.5,)"));
    const auto doc = json::parse(saved.result.body).as_object();
    BOOST_CHECK_EQUAL(doc.at("cultureName").as_string(), "fr");
    BOOST_CHECK_EQUAL(doc.at("invoicePrefix").as_string(), "F#_2026-");
    BOOST_CHECK_EQUAL(doc.at("invoiceStartingSequenceNumber").as_int64(), 0);
    BOOST_CHECK(!doc.contains("lastInvoiceSequenceNumber"));  // no invoice yet

    BOOST_CHECK_EQUAL(call("DELETE", base + "/settings/general").result.status, 405);
    BOOST_CHECK(!api.handle(testing::make_call("GET", "/v2/user/marketplaces/orders/exportations")));
}

BOOST_FIXTURE_TEST_CASE(design_settings_are_validated_and_previewed, fixture) {
    auto missing = call("GET", base + "/settings/design");
    BOOST_CHECK_EQUAL(missing.result.status, 404);
    BOOST_CHECK_EQUAL(code_of(missing), "OrderInvoiceDesignSettingsNotFoundException");

    std::string e_acute_1000;  // 1000 characters, 2000 bytes: within maxLength
    for (int i = 0; i < 1000; ++i) e_acute_1000 += "\xc3\xa9";
    for (const auto& body : {R"({"headerContentHtml":")" + std::string(1001, 'x') + R"("})",
                             R"({"footerContentHtml":")" + e_acute_1000 + "\xc3\xa9" + R"("})",
                             std::string(R"({"headerContentHtml":42})"), std::string("[1]")}) {
        auto a = call("PUT", base + "/settings/design", body);
        BOOST_CHECK_EQUAL(a.result.status, 400);
        BOOST_CHECK_EQUAL(code_of(a), "OrderInvoiceDesignSettingsValidationFailedException");
    }
    BOOST_CHECK_EQUAL(call("PUT", base + "/settings/design", R"({"headerContentHtml":")" + e_acute_1000 + R"("})").result.status,
                      204);
    BOOST_CHECK_EQUAL(call("PUT", base + "/settings/design", design_body).result.status, 204);
    auto saved = call("GET", base + "/settings/design");
    BOOST_REQUIRE_EQUAL(saved.result.status, 200);
    BOOST_CHECK(json::parse(saved.result.body) == json::parse(design_body));

    // The preview shows the design given in the request, inserted as is, on a sample invoice.
    auto preview = call("POST", base + "/settings/design/preview", R"({"headerContentHtml":"<h2 id=\"x\">Preview & co</h2>"})");
    BOOST_REQUIRE_EQUAL(preview.result.status, 200);
    const auto html = std::string(json::parse(preview.result.body).at("invoiceHtmlContent").as_string());
    BOOST_CHECK(contains(html, R"(<h2 id="x">Preview & co</h2>)"));
    BOOST_CHECK(contains(html, "<html"));
    BOOST_CHECK(contains(html, "INV1"));  // default settings before any general settings: INV, from 1
}

BOOST_FIXTURE_TEST_CASE(generation_is_forbidden_until_both_settings_exist, fixture) {
    const auto o = invoiceable(1).front();
    auto a = call("POST", path_of(o, "generate"), "{}", user);
    BOOST_CHECK_EQUAL(a.result.status, 403);
    BOOST_CHECK_EQUAL(code_of(a), "OrderInvoiceGeneralSettingsNotFoundException");
    BOOST_CHECK_EQUAL(call("POST", path_of(o, "preview"), "{}").result.status, 403);
    BOOST_CHECK_EQUAL(call("PUT", base + "/settings/general", general_body()).result.status, 204);
    a = call("POST", path_of(o, "generate"), "{}", user);
    BOOST_CHECK_EQUAL(a.result.status, 403);
    BOOST_CHECK_EQUAL(code_of(a), "OrderInvoiceDesignSettingsNotFoundException");
    a = call("POST", base + "/generate",
             R"([{"marketplaceTechnicalCode":")" + o.acct.marketplace_technical_code + R"(","accountId":)" +
                 std::to_string(o.acct.account_id) + R"(,"beezUPOrderUUID":")" + o.beezup_order_id +
                 R"(","invoiceSequenceNumber":1}])",
             user);
    BOOST_CHECK_EQUAL(a.result.status, 403);
    BOOST_CHECK(!current(o).invoice_number);
    BOOST_CHECK_EQUAL(call("PUT", base + "/settings/design", design_body).result.status, 204);
    BOOST_CHECK_EQUAL(call("POST", path_of(o, "generate"), "{}", user).result.status, 202);
}

BOOST_FIXTURE_TEST_CASE(generation_numbers_invoices_and_refuses_conflicts, fixture) {
    configure(general_body("en", "20", "5.5", "INV-", "100"));
    const auto orders = invoiceable(6);

    // Bad requests and unknown orders.
    BOOST_CHECK_EQUAL(call("POST", path_of(orders[0], "generate"), "{}").result.status, 400);  // no userName
    BOOST_CHECK_EQUAL(call("POST", path_of(orders[0], "generate"), "", user).result.status, 400);
    BOOST_CHECK_EQUAL(call("POST", path_of(orders[0], "generate"), R"({"invoiceSequenceNumber":-3})", user).result.status, 400);
    auto unknown = call("POST", base + "/Amazon/1001/00000000-0000-4000-8000-000000000000/generate", "{}", user);
    BOOST_CHECK_EQUAL(unknown.result.status, 404);
    BOOST_CHECK_EQUAL(code_of(unknown), "OrderNotFoundException");
    BOOST_CHECK_EQUAL(call("POST", base + "/Amazon/abc/x/generate", "{}", user).result.status, 404);
    const auto canceled = with_status("Canceled");
    auto forbidden = call("POST", path_of(canceled, "generate"), "{}", user);
    BOOST_CHECK_EQUAL(forbidden.result.status, 403);
    BOOST_CHECK_EQUAL(code_of(forbidden), "OrderInvoiceGenerationBeezUPOrderStatusForbiddenException");

    // First invoice: the starting number; the order gets its number and URI.
    const auto version = current(orders[0]).version;
    const auto location = location_of_generated(orders[0]);
    BOOST_CHECK_EQUAL(location, std::string(invoices_api::documents_prefix) + orders[0].beezup_order_id + ".html");
    auto invoiced = current(orders[0]);
    BOOST_CHECK_EQUAL(invoiced.invoice_number.value_or(""), "INV-100");
    BOOST_CHECK_EQUAL(invoiced.invoice_uri.value_or(""), location);
    BOOST_CHECK_GT(invoiced.version, version);
    BOOST_CHECK(contains(html_of(location), "INV-100"));

    // Then last + 1.
    location_of_generated(orders[1]);
    BOOST_CHECK_EQUAL(current(orders[1]).invoice_number.value_or(""), "INV-101");

    // Conflicts.
    auto again = call("POST", path_of(orders[0], "generate"), "{}", user);
    BOOST_CHECK_EQUAL(again.result.status, 409);
    BOOST_CHECK_EQUAL(code_of(again), "OrderAlreadyHasInvoiceException");
    BOOST_CHECK_EQUAL(code_of(call("POST", path_of(orders[0], "preview"), "{}")), "OrderAlreadyHasInvoiceException");
    auto used = call("POST", path_of(orders[2], "generate"), R"({"invoiceSequenceNumber":100})", user);
    BOOST_CHECK_EQUAL(used.result.status, 409);
    BOOST_CHECK_EQUAL(code_of(used), "OrderInvoiceNumberAlreadyUsedException");
    BOOST_CHECK(!current(orders[2]).invoice_number);

    // An explicit number is taken as is; the next automatic one follows the highest.
    location_of_generated(orders[2], R"({"invoiceSequenceNumber":500})");
    BOOST_CHECK_EQUAL(current(orders[2]).invoice_number.value_or(""), "INV-500");
    location_of_generated(orders[3], R"({"invoiceSequenceNumber":7})");  // a free lower number
    location_of_generated(orders[4]);
    BOOST_CHECK_EQUAL(current(orders[4]).invoice_number.value_or(""), "INV-501");
    auto general = json::parse(call("GET", base + "/settings/general").result.body).as_object();
    BOOST_CHECK_EQUAL(general.at("lastInvoiceSequenceNumber").as_int64(), 501);

    // A higher starting number wins over last + 1.
    configure(general_body("en", "20", "5.5", "INV-", "1000"));
    auto preview = call("POST", path_of(orders[5], "preview"), "{}");
    BOOST_REQUIRE_EQUAL(preview.result.status, 200);
    BOOST_CHECK(contains(std::string(json::parse(preview.result.body).at("invoiceHtmlContent").as_string()), "INV-1000"));
    BOOST_CHECK(!current(orders[5]).invoice_number);  // a preview changes nothing
    location_of_generated(orders[5]);
    BOOST_CHECK_EQUAL(current(orders[5]).invoice_number.value_or(""), "INV-1000");
}

BOOST_FIXTURE_TEST_CASE(generating_too_fast_gets_429, fixture) {
    invoices_api limited{store, invoice_limits{2, 300ms}};
    configure(limited);
    const auto orders = invoiceable(4);
    BOOST_CHECK_EQUAL(::call(limited, "POST", path_of(orders[0], "generate"), "{}", user).result.status, 202);
    BOOST_CHECK_EQUAL(::call(limited, "POST", path_of(orders[1], "generate"), "{}", user).result.status, 202);
    auto refused = ::call(limited, "POST", path_of(orders[2], "generate"), "{}", user);
    BOOST_CHECK_EQUAL(refused.result.status, 429);
    BOOST_CHECK_EQUAL(code_of(refused), "OrderInvoiceTooManyRequestsException");
    BOOST_CHECK(refused.result.retry_after_seconds.has_value());
    BOOST_CHECK(!current(orders[2]).invoice_number);
    // Previews are not generations.
    BOOST_CHECK_EQUAL(::call(limited, "POST", path_of(orders[2], "preview"), "{}").result.status, 200);
    std::this_thread::sleep_for(350ms);
    BOOST_CHECK_EQUAL(::call(limited, "POST", path_of(orders[2], "generate"), "{}", user).result.status, 202);

    // The default allows 10 within a second, not 11.
    invoices_api by_default{store};
    configure(by_default, general_body("en", "20", "20", "D-", "1"));
    const auto more = invoiceable(12);
    int accepted = 0, limited_count = 0;
    for (std::size_t k = 0; k < 11; ++k) {
        const auto status = ::call(by_default, "POST", path_of(more[k], "generate"), "{}", user).result.status;
        accepted += status == 202;
        limited_count += status == 429;
    }
    BOOST_CHECK_EQUAL(accepted, 10);
    BOOST_CHECK_EQUAL(limited_count, 1);
    // The window runs on the store's clock (what a state-file replay holds still).
    store.advance(1s);
    BOOST_CHECK_EQUAL(::call(by_default, "POST", path_of(more[11], "generate"), "{}", user).result.status, 202);
}

BOOST_FIXTURE_TEST_CASE(html_invoice_shows_buyer_items_and_exact_vat, fixture) {
    configure(general_body("en", "20", "5.5", "ACME-", "42"));
    const auto o = invoiceable(1).front();
    BOOST_REQUIRE(store.update_order(key_of(o), [](order& x) { x.buyer.company_name = "<b>Evil & Co</b>"; }));
    const auto html = html_of(location_of_generated(o));

    BOOST_CHECK(contains(html, "<span class=\"invoice-number\">ACME-42</span>"));
    BOOST_CHECK(contains(html, html_escape(o.buyer.first_name + " " + o.buyer.last_name)));
    BOOST_CHECK(contains(html, html_escape(o.shipping.line1)));
    BOOST_CHECK(contains(html, "&lt;b&gt;Evil &amp; Co&lt;/b&gt;"));  // buyer data escaped
    BOOST_CHECK(!contains(html, "<b>Evil"));
    BOOST_CHECK(contains(html, "<b>ACME SAS</b> &mdash; 1 rue du Port"));  // design inserted as is
    BOOST_CHECK(contains(html, "<p>SIRET 123 456 789</p>"));
    BOOST_CHECK(contains(html, "Invoice date"));

    std::int64_t products = 0;
    for (const auto& item : o.items) {
        products += item.item_price.cents * item.quantity;
        BOOST_CHECK(contains(html, html_escape(item.title)));
        // The unit price excluding VAT: the unit price less its own VAT, half up to the cent.
        const auto unit_excl = item.item_price.cents - vat20(item.item_price.cents);
        BOOST_CHECK(contains(html, "<td class=\"num\">" + std::to_string(item.quantity) + "</td><td class=\"num unit-excl\">" +
                                       format_amount({unit_excl}, o.currency, "en") + "</td><td class=\"num\">" +
                                       format_amount(item.item_price, o.currency, "en") + "</td><td class=\"num\">20%</td>"));
    }
    const auto shipping = o.shipping_price.cents;
    const auto amount = [&](std::int64_t cents) { return format_amount({cents}, o.currency, "en"); };
    const auto products_vat = vat20(products), shipping_vat = vat5_5(shipping);
    BOOST_CHECK(contains(html, "Products VAT (20%)</th><td>" + amount(products_vat) + "</td>"));
    BOOST_CHECK(contains(html, "Shipping VAT (5.5%)</th><td>" + amount(shipping_vat) + "</td>"));
    BOOST_CHECK(contains(html, "Total VAT</th><td>" + amount(products_vat + shipping_vat) + "</td>"));
    BOOST_CHECK(contains(html, "Total excl. VAT</th><td>" + amount(products + shipping - products_vat - shipping_vat) + "</td>"));
    BOOST_CHECK(contains(html, "Total incl. VAT</th><td>" + amount(o.total_price.cents) + "</td>"));
    BOOST_CHECK_EQUAL(products + shipping, o.total_price.cents);
    // Two rates: the net and the VAT of each, as French invoices state them.
    BOOST_CHECK(contains(html, "Net at 20%</th><td>" + amount(products - products_vat) + "</td>"));
    BOOST_CHECK(contains(html, "VAT at 20%</th><td>" + amount(products_vat) + "</td>"));
    BOOST_CHECK(contains(html, "Net at 5.5%</th><td>" + amount(shipping - shipping_vat) + "</td>"));
    BOOST_CHECK(contains(html, "VAT at 5.5%</th><td>" + amount(shipping_vat) + "</td>"));
}

BOOST_FIXTURE_TEST_CASE(invoices_are_in_french_or_english, fixture) {
    const auto orders = invoiceable(2);
    configure(general_body("fr", "20", "5.5", "F-", "1"));
    const auto fr = html_of(location_of_generated(orders[0]));
    configure(general_body("en", "20", "5.5", "E-", "1"));
    const auto en = html_of(location_of_generated(orders[1]));

    const auto fr_total = format_amount(orders[0].total_price, orders[0].currency, "fr");
    BOOST_CHECK(contains(fr, "<html lang=\"fr\">"));
    BOOST_CHECK(contains(fr, "<h1>Facture <span class=\"invoice-number\">F-1</span></h1>"));
    BOOST_CHECK(contains(fr, "Adresse de facturation"));
    BOOST_CHECK(contains(fr, "TVA sur les frais de port (5,5\xc2\xa0%)"));
    BOOST_CHECK(contains(fr, "Total TTC</th><td>" + fr_total + "</td>"));
    BOOST_CHECK(contains(fr_total, ","));
    BOOST_CHECK(!contains(fr, "Invoice"));

    BOOST_CHECK(contains(en, "<html lang=\"en\">"));
    BOOST_CHECK(contains(en, "<h1>Invoice <span class=\"invoice-number\">E-2</span></h1>"));  // last + 1
    BOOST_CHECK(contains(en, "Billing address"));
    BOOST_CHECK(contains(en, "Shipping VAT (5.5%)"));
    BOOST_CHECK(!contains(en, "Facture"));

    BOOST_CHECK_EQUAL(format_date(time_point{std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}}, "fr"),
                      "1er novembre 2026");
    BOOST_CHECK_EQUAL(format_date(time_point{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26}}, "en"),
                      "November 26, 2026");
}

BOOST_FIXTURE_TEST_CASE(pdf_version_of_a_generated_invoice, fixture) {
    configure(general_body("en", "20", "5.5", "PDF-", "9"));
    const auto o = invoiceable(1).front();
    // Characters outside Windows-1252 must not break the PDF.
    BOOST_REQUIRE(store.update_order(key_of(o), [](order& x) { x.buyer.first_name = "\xc5\x81ukasz \xe5\x8c\x97 \xe2\x82\xac"; }));
    const auto location = location_of_generated(o);

    auto a = call("POST", base + "/getPdfInvoice", R"({"orderInvoiceUri":")" + location + R"("})");
    BOOST_REQUIRE_EQUAL(a.result.status, 200);
    BOOST_CHECK_EQUAL(a.result.content_type, "application/pdf");
    const auto& pdf = a.result.body;
    BOOST_CHECK_EQUAL(pdf.substr(0, 5), "%PDF-");
    BOOST_CHECK_GT(pdf.size(), 1024u);
    BOOST_CHECK(contains(pdf, "%%EOF"));
    // Content streams are not compressed: the text is there as written.
    BOOST_CHECK(contains(pdf, "(Invoice PDF-9)"));
    BOOST_CHECK(contains(pdf, "(" + format_amount(o.total_price, o.currency, "en") + ")"));
    BOOST_CHECK(contains(pdf, "Lukasz ? \\200 "));  // libharu writes non-ASCII bytes as octal escapes

    // An absolute URI with the same path works too; unknown ones are 404.
    BOOST_CHECK_EQUAL(call("POST", base + "/getPdfInvoice", R"({"orderInvoiceUri":"http://localhost:8080)" + location + R"("})")
                          .result.status,
                      200);
    auto unknown = call("POST", base + "/getPdfInvoice", R"({"orderInvoiceUri":"http://blob.com/generated.html"})");
    BOOST_CHECK_EQUAL(unknown.result.status, 404);
    BOOST_CHECK_EQUAL(code_of(unknown), "OrderInvoiceNotFoundException");
    BOOST_CHECK_EQUAL(call("POST", base + "/getPdfInvoice", R"({"uri":"x"})").result.status, 400);
    BOOST_CHECK_EQUAL(call("GET", std::string(invoices_api::documents_prefix) + "nope.html").result.status, 404);
    auto direct = call("GET", location.substr(0, location.size() - 5) + ".pdf");
    BOOST_CHECK_EQUAL(direct.result.status, 200);
    BOOST_CHECK_EQUAL(direct.result.body.substr(0, 5), "%PDF-");
}

BOOST_AUTO_TEST_CASE(text_for_the_pdf_fonts) {
    BOOST_CHECK_EQUAL(to_win_ansi("Fran\xc3\xa7ois"), "Fran\xe7ois");
    BOOST_CHECK_EQUAL(to_win_ansi("\xc5\x81\xc3\xb3" "d\xc5\xba"), "L\xf3" "dz");
    BOOST_CHECK_EQUAL(to_win_ansi("\xe2\x82\xac \xc5\x93 \xe2\x80\x94"), "\x80 \x9c \x97");
    BOOST_CHECK_EQUAL(to_win_ansi("a\xe2\x80\xaf" "b\tc"), "a b c");
    BOOST_CHECK_EQUAL(to_win_ansi("\xe5\x8c\x97\xf0\x9f\x98\x80"), "??");
    BOOST_CHECK_EQUAL(to_win_ansi("bad \xff\xc3"), "bad ??");
    BOOST_CHECK_EQUAL(to_win_ansi(std::string("nul\0x", 5)), "nulx");

    const auto lines = html_to_text_lines("<div>ACME &amp; Co<br>1 rue <b>du</b> Port</div><script>x()</script><p>T&eacute;l &#233; &#x41;</p>");
    BOOST_REQUIRE_EQUAL(lines.size(), 3u);
    BOOST_CHECK_EQUAL(lines[0], "ACME & Co");
    BOOST_CHECK_EQUAL(lines[1], "1 rue du Port");
    BOOST_CHECK_EQUAL(lines[2], "T\xc3\xa9l \xc3\xa9 A");

    // Every named reference HTML5 knows, not a table of a few: the merchant's French header, and
    // references only HTML5 has.
    const auto header = html_to_text_lines("<p>SARL &ndash; 12 rue de l&rsquo;&Eacute;glise</p><p>&bigstar; &NotEqual; &half;&nbsp;kg</p>");
    BOOST_REQUIRE_EQUAL(header.size(), 2u);
    BOOST_CHECK_EQUAL(header[0], "SARL \xe2\x80\x93 12 rue de l\xe2\x80\x99\xc3\x89glise");
    BOOST_CHECK_EQUAL(header[1], "\xe2\x98\x85 \xe2\x89\xa0 \xc2\xbd kg");
}

BOOST_FIXTURE_TEST_CASE(batch_generation_is_all_or_nothing, fixture) {
    configure(general_body("en", "20", "5.5", "B-", "1"));
    const auto orders = invoiceable(4);
    auto item = [](const order& o, std::int64_t sequence) {
        return R"({"marketplaceTechnicalCode":")" + o.acct.marketplace_technical_code + R"(","accountId":)" +
               std::to_string(o.acct.account_id) + R"(,"beezUPOrderUUID":")" + o.beezup_order_id +
               R"(","invoiceSequenceNumber":)" + std::to_string(sequence) + "}";
    };

    auto ok = call("POST", base + "/generate", "[" + item(orders[0], 10) + "," + item(orders[1], 11) + "]", user);
    BOOST_REQUIRE_EQUAL(ok.result.status, 202);
    const auto done = json::parse(ok.result.body).as_array();
    BOOST_REQUIRE_EQUAL(done.size(), 2u);
    BOOST_CHECK_EQUAL(done[0].at("beezUPOrderUUID").as_string(), orders[0].beezup_order_id);
    BOOST_CHECK_EQUAL(done[0].at("invoiceSequenceNumber").as_int64(), 10);
    BOOST_CHECK_EQUAL(done[1].at("invoiceLocation").as_string(), current(orders[1]).invoice_uri.value_or(""));
    BOOST_CHECK_EQUAL(current(orders[0]).invoice_number.value_or(""), "B-10");
    BOOST_CHECK_EQUAL(current(orders[1]).invoice_number.value_or(""), "B-11");

    const std::string unknown =
        R"({"marketplaceTechnicalCode":"Amazon","accountId":1001,"beezUPOrderUUID":"00000000-0000-4000-8000-000000000000","invoiceSequenceNumber":50})";
    auto bad = call("POST", base + "/generate",
                    "[" + item(orders[2], 20) + "," + unknown + "," + item(orders[3], 11) + "," + item(orders[0], 21) +
                        R"(,{"accountId":"x"},)" + item(orders[2], 22) + "]",
                    user);
    BOOST_REQUIRE_EQUAL(bad.result.status, 400);
    const auto groups = json::parse(bad.result.body).as_array();
    std::map<std::string, std::int64_t> counts;
    for (const auto& g : groups) {
        counts[std::string(g.at("errorType").as_string())] = g.at("count").as_int64();
        BOOST_CHECK_EQUAL(g.at("errors").as_array().size(), static_cast<std::size_t>(g.at("count").as_int64()));
    }
    BOOST_CHECK_EQUAL(counts["OrderNotFoundException"], 1);
    BOOST_CHECK_EQUAL(counts["OrderInvoiceNumberAlreadyUsedException"], 1);  // B-11
    BOOST_CHECK_EQUAL(counts["OrderAlreadyHasInvoiceException"], 2);        // orders[0], orders[2] twice
    BOOST_CHECK_EQUAL(counts["InvalidRequestBody"], 1);
    const auto& first = groups.at(0).at("errors").at(0);
    BOOST_CHECK(first.as_object().contains("request"));
    BOOST_CHECK(!current(orders[2]).invoice_number);  // nothing generated

    BOOST_CHECK_EQUAL(call("POST", base + "/generate", "[" + item(orders[2], 20) + "]").result.status, 400);  // userName
    BOOST_CHECK_EQUAL(call("POST", base + "/generate", "[]", user).result.status, 400);
    BOOST_CHECK_EQUAL(call("POST", base + "/generate", "{}", user).result.status, 400);
}

BOOST_AUTO_TEST_SUITE_END()
