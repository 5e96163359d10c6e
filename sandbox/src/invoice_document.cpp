#include "invoice_document.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace beezup::sandbox {
namespace {

__extension__ typedef __int128 int128;  // exact intermediates for amount * rate

constexpr std::int64_t pow10(int n) {
    std::int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

bool french(const std::string& culture) { return culture == "fr"; }

/// The invoice's words, in English and French.
struct labels {
    const char *invoice, *invoice_number, *invoice_date, *order, *order_date, *marketplace_order_id,
        *payment_method, *billing_address, *shipping_address, *item, *sku, *quantity, *unit_price, *vat_rate,
        *line_total, *products_total, *products_vat, *shipping, *shipping_vat, *total_excl_vat, *total_vat,
        *total_incl_vat, *amounts_note, *unit_price_excl, *vat_summary, *net_at, *vat_at;
};

constexpr labels english{"Invoice",          "Invoice number",         "Invoice date",
                         "Order",            "Order date",             "Marketplace order ID",
                         "Payment method",   "Billing address",        "Shipping address",
                         "Item",             "SKU",                    "Qty",
                         "Unit price incl. VAT", "VAT",                "Total incl. VAT",
                         "Products (incl. VAT)", "Products VAT",       "Shipping (incl. VAT)",
                         "Shipping VAT",     "Total excl. VAT",        "Total VAT",
                         "Total incl. VAT",  "Amounts in",
                         "Unit price excl. VAT", "VAT summary",    "Net at",
                         "VAT at"};
constexpr labels francais{"Facture",            "Num\xc3\xa9ro de facture",   "Date de facture",
                          "Commande",           "Date de commande",           "Num\xc3\xa9ro de commande marketplace",
                          "Moyen de paiement",  "Adresse de facturation",     "Adresse de livraison",
                          "Article",            "R\xc3\xa9" "f\xc3\xa9rence", "Qt\xc3\xa9",
                          "Prix unitaire TTC",  "TVA",                        "Total TTC",
                          "Produits (TTC)",     "TVA sur les produits",       "Frais de port (TTC)",
                          "TVA sur les frais de port", "Total HT",            "Total TVA",
                          "Total TTC",          "Montants en",
                          "Prix unitaire HT",   "R\xc3\xa9" "capitulatif TVA", "Base HT \xc3\xa0",
                          "TVA \xc3\xa0"};

const labels& words(const std::string& culture) { return french(culture) ? francais : english; }

std::string percent(const vat_rate& r, const std::string& culture) {
    return r.display(culture) + (french(culture) ? "\xc2\xa0%" : "%");
}

std::vector<std::string> address_lines(const address& a) {
    std::vector<std::string> out;
    auto add = [&](std::string s) {
        if (!s.empty()) out.push_back(std::move(s));
    };
    std::string name = a.first_name;
    if (!a.last_name.empty()) name += (name.empty() ? "" : " ") + a.last_name;
    if (!a.civility.empty() && !name.empty()) name = a.civility + " " + name;
    add(name);
    add(a.company_name);
    add(a.line1);
    add(a.line2);
    add(a.line3);
    std::string city = a.postal_code;
    if (!a.city.empty()) city += (city.empty() ? "" : " ") + a.city;
    add(city);
    add(a.state_or_region);
    add(a.country_name.empty() ? a.country_iso2 : a.country_name);
    return out;
}

}  // namespace

// ------------------------------------------------------------------------------------- vat_rate

std::optional<vat_rate> vat_rate::parse(std::string_view s) {
    // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    std::size_t i = 0;
    bool negative = false;
    if (i < s.size() && s[i] == '-') negative = true, ++i;
    std::string digits;
    const auto int_start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits += s[i++];
    if (i == int_start || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
    long long exponent = 0;
    if (i < s.size() && s[i] == '.') {
        const auto frac_start = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') digits += s[i++], --exponent;
        if (i == frac_start) return std::nullopt;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
        const auto exp_start = i;
        long long e = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (e < 100000) e = e * 10 + (s[i] - '0');
            ++i;
        }
        if (i == exp_start) return std::nullopt;
        exponent += exp_negative ? -e : e;
    }
    if (i != s.size()) return std::nullopt;

    // value = digits * 10^exponent, normalised: no leading zeros, no trailing zeros.
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    if (digits.empty()) return vat_rate{0, 0};  // 0, -0, 0.000, 0e5
    if (negative) return std::nullopt;
    while (digits.back() == '0') digits.pop_back(), ++exponent;
    if (exponent >= 0) {
        if (static_cast<long long>(digits.size()) + exponent > 3) return std::nullopt;  // >= 1000
        std::int64_t units = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), units);
        units *= pow10(static_cast<int>(exponent));
        if (units > 100) return std::nullopt;
        return vat_rate{units, 0};
    }
    if (-exponent > max_scale) return std::nullopt;
    const int scale = static_cast<int>(-exponent);
    if (digits.size() > 3 + static_cast<std::size_t>(scale)) return std::nullopt;
    std::int64_t units = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), units);
    if (units > 100 * pow10(scale)) return std::nullopt;
    return vat_rate{units, scale};
}

std::string vat_rate::text() const {
    const auto p = pow10(scale);
    std::string out = std::to_string(units / p);
    if (scale > 0 && units % p != 0) {
        std::string fraction = std::to_string(units % p);
        fraction.insert(0, static_cast<std::size_t>(scale) - fraction.size(), '0');
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
        out += "." + fraction;
    }
    return out;
}

std::string vat_rate::display(const std::string& culture) const {
    auto out = text();
    if (french(culture)) std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

money vat_rate::vat_of_gross(money gross) const {
    if (gross.cents < 0) return {-vat_of_gross({-gross.cents}).cents};
    // gross * (units / 10^scale) / (100 + units / 10^scale) = gross * units / (100 * 10^scale + units)
    const int128 numerator = static_cast<int128>(gross.cents) * units;
    const int128 denominator = static_cast<int128>(100) * pow10(scale) + units;
    return {static_cast<std::int64_t>((2 * numerator + denominator) / (2 * denominator))};  // half up
}

bool operator==(const vat_rate& a, const vat_rate& b) {
    return static_cast<int128>(a.units) * pow10(b.scale) == static_cast<int128>(b.units) * pow10(a.scale);
}

// ------------------------------------------------------------------------------------- building

std::string invoice_number(const std::string& prefix, std::int64_t sequence) {
    return prefix + std::to_string(sequence);
}

namespace {

void compute_totals(invoice_data& inv) {
    inv.products_total = {};
    for (const auto& l : inv.lines) inv.products_total = inv.products_total + l.total;
    inv.total = inv.products_total + inv.shipping_total;
    inv.products_vat = inv.product_vat.vat_of_gross(inv.products_total);
    inv.shipping_vat_amount = inv.shipping_vat.vat_of_gross(inv.shipping_total);
    inv.total_vat = inv.products_vat + inv.shipping_vat_amount;
    inv.total_excl_vat = {inv.total.cents - inv.total_vat.cents};
    for (auto& l : inv.lines) l.unit_price_excl = {l.unit_price.cents - inv.product_vat.vat_of_gross(l.unit_price).cents};
    inv.vat_summary.clear();
    if (inv.product_vat == inv.shipping_vat) {
        inv.vat_summary.push_back({inv.product_vat, inv.total_excl_vat, inv.total_vat});
    } else {
        inv.vat_summary.push_back({inv.product_vat, {inv.products_total.cents - inv.products_vat.cents}, inv.products_vat});
        if (inv.shipping_total.cents != 0)
            inv.vat_summary.push_back(
                {inv.shipping_vat, {inv.shipping_total.cents - inv.shipping_vat_amount.cents}, inv.shipping_vat_amount});
    }
}

invoice_data start(const invoice_general_settings& general, const invoice_design_settings& design,
                   std::int64_t sequence, time_point date) {
    invoice_data inv;
    inv.culture = general.culture_name;
    inv.sequence = sequence;
    inv.number = invoice_number(general.invoice_prefix, sequence);
    inv.date = date;
    inv.product_vat = general.product_vat;
    inv.shipping_vat = general.shipping_vat;
    inv.header_html = design.header_html.value_or("");
    inv.footer_html = design.footer_html.value_or("");
    return inv;
}

}  // namespace

invoice_data make_invoice(const order& o, const invoice_general_settings& general,
                          const invoice_design_settings& design, std::int64_t sequence, time_point date) {
    auto inv = start(general, design, sequence, date);
    inv.currency = o.currency;
    inv.marketplace = o.acct.marketplace_business_code.empty() ? o.acct.marketplace_technical_code
                                                               : o.acct.marketplace_business_code;
    inv.marketplace_order_id = o.marketplace_order_id;
    inv.beezup_order_id = o.beezup_order_id;
    inv.payment_method = o.payment_method;
    inv.shipping_method = o.shipping_method;
    inv.purchase = o.purchase;
    inv.buyer = o.buyer;
    inv.shipping = o.shipping;
    for (const auto& item : o.items)
        inv.lines.push_back({item.title, item.merchant_product_id, item.quantity, item.item_price,
                             item.item_price * item.quantity, {}});  // unit_price_excl: compute_totals
    inv.shipping_total = o.shipping_price;
    compute_totals(inv);
    return inv;
}

invoice_data sample_invoice(const invoice_general_settings& general, const invoice_design_settings& design,
                            std::int64_t sequence, time_point date) {
    auto inv = start(general, design, sequence, date);
    inv.currency = "EUR";
    inv.marketplace = "AMAZON_FR";
    inv.marketplace_order_id = "171-0000000-0000000";
    inv.beezup_order_id = "00000000-0000-4000-8000-000000000000";
    inv.payment_method = "CreditCard";
    inv.shipping_method = "Standard";
    inv.purchase = date - std::chrono::days(2);
    inv.buyer.first_name = "Jeanne";
    inv.buyer.last_name = "Martin";
    inv.buyer.line1 = "12 rue des Lilas";
    inv.buyer.postal_code = "75011";
    inv.buyer.city = "Paris";
    inv.buyer.country_iso2 = "FR";
    inv.buyer.country_name = "France";
    inv.shipping = inv.buyer;
    inv.lines.push_back({"Sample product", "SKU-0001", 2, {1990}, {3980}, {}});
    inv.lines.push_back({"Another sample product", "SKU-0002", 1, {4500}, {4500}, {}});
    inv.shipping_total = {490};
    compute_totals(inv);
    return inv;
}

// ------------------------------------------------------------------------------------- formatting

std::string format_amount(money m, const std::string& currency, const std::string& culture) {
    const bool fr = french(culture);
    const auto abs = m.cents < 0 ? -static_cast<int128>(m.cents) : static_cast<int128>(m.cents);
    std::string units = std::to_string(static_cast<unsigned long long>(abs / 100));
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0) grouped += fr ? ' ' : ',';
        grouped += units[i];
    }
    char cents[4];
    std::snprintf(cents, sizeof cents, "%02d", static_cast<int>(abs % 100));
    return std::string(m.cents < 0 ? "-" : "") + grouped + (fr ? "," : ".") + cents + " " + currency;
}

std::string format_date(time_point t, const std::string& culture) {
    static constexpr std::array<const char*, 12> en{"January", "February", "March",     "April",   "May",      "June",
                                                    "July",    "August",   "September", "October", "November", "December"};
    static constexpr std::array<const char*, 12> fr{"janvier", "f\xc3\xa9vrier", "mars",      "avril",
                                                    "mai",     "juin",           "juillet",   "ao\xc3\xbbt",
                                                    "septembre", "octobre",      "novembre",  "d\xc3\xa9" "cembre"};
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    const auto day = static_cast<unsigned>(ymd.day());
    const auto month = static_cast<unsigned>(ymd.month()) - 1;
    const auto year = std::to_string(static_cast<int>(ymd.year()));
    if (french(culture)) return (day == 1 ? std::string("1er") : std::to_string(day)) + " " + fr[month] + " " + year;
    return std::string(en[month]) + " " + std::to_string(day) + ", " + year;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

// ------------------------------------------------------------------------------------- HTML

std::string invoice_html(const invoice_data& inv) {
    const auto& w = words(inv.culture);
    const auto amount = [&](money m) { return html_escape(format_amount(m, inv.currency, inv.culture)); };
    std::string h;
    h.reserve(8192);
    h += "<!DOCTYPE html>\n<html lang=\"" + html_escape(inv.culture) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    h += "<title>" + html_escape(std::string(w.invoice) + " " + inv.number) + "</title>\n";
    h += "<style>\n"
         "body{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#222;margin:24px}\n"
         "table{border-collapse:collapse}\n"
         ".items{width:100%;margin:16px 0}.items th,.items td{border-bottom:1px solid #ccc;padding:4px;text-align:left}\n"
         ".num{text-align:right!important}\n"
         ".addresses{display:flex;gap:48px;margin:16px 0}\n"
         ".totals{margin-left:auto}.totals th{text-align:left;padding:2px 16px 2px 0}.totals td{text-align:right}\n"
         ".grand-total{font-weight:bold;font-size:14px}\n"
         "</style>\n</head>\n<body>\n";
    h += "<header class=\"invoice-header\">" + inv.header_html + "</header>\n";
    h += "<h1>" + html_escape(w.invoice) + " <span class=\"invoice-number\">" + html_escape(inv.number) +
         "</span></h1>\n";
    h += "<table class=\"meta\">\n";
    auto meta = [&](const char* label, const std::string& value, const char* cls) {
        h += std::string("<tr class=\"") + cls + "\"><th scope=\"row\">" + html_escape(label) + "</th><td>" +
             html_escape(value) + "</td></tr>\n";
    };
    meta(w.invoice_number, inv.number, "number");
    meta(w.invoice_date, format_date(inv.date, inv.culture), "date");
    meta(w.order, inv.marketplace + " " + inv.marketplace_order_id, "order");
    meta(w.order_date, format_date(inv.purchase, inv.culture), "order-date");
    if (!inv.payment_method.empty()) meta(w.payment_method, inv.payment_method, "payment");
    h += "</table>\n<div class=\"addresses\">\n";
    auto address_block = [&](const char* label, const address& a, const char* cls) {
        h += std::string("<address class=\"") + cls + "\"><strong>" + html_escape(label) + "</strong><br>\n";
        for (const auto& line : address_lines(a)) h += html_escape(line) + "<br>\n";
        h += "</address>\n";
    };
    address_block(w.billing_address, inv.buyer, "buyer");
    address_block(w.shipping_address, inv.shipping, "shipping");
    h += "</div>\n<table class=\"items\">\n<thead><tr><th>" + html_escape(w.item) + "</th><th>" + html_escape(w.sku) +
         "</th><th class=\"num\">" + html_escape(w.quantity) + "</th><th class=\"num\">" + html_escape(w.unit_price_excl) +
         "</th><th class=\"num\">" + html_escape(w.unit_price) +
         "</th><th class=\"num\">" + html_escape(w.vat_rate) + "</th><th class=\"num\">" + html_escape(w.line_total) +
         "</th></tr></thead>\n<tbody>\n";
    for (const auto& l : inv.lines)
        h += "<tr class=\"item\"><td>" + html_escape(l.title) + "</td><td>" + html_escape(l.sku) +
             "</td><td class=\"num\">" + std::to_string(l.quantity) + "</td><td class=\"num unit-excl\">" +
             amount(l.unit_price_excl) + "</td><td class=\"num\">" + amount(l.unit_price) +
             "</td><td class=\"num\">" + html_escape(percent(inv.product_vat, inv.culture)) +
             "</td><td class=\"num\">" + amount(l.total) + "</td></tr>\n";
    h += "</tbody>\n</table>\n<table class=\"totals\">\n";
    auto total = [&](const std::string& label, money m, const char* cls) {
        h += std::string("<tr class=\"") + cls + "\"><th scope=\"row\">" + html_escape(label) + "</th><td>" +
             amount(m) + "</td></tr>\n";
    };
    total(w.products_total, inv.products_total, "products-total");
    total(std::string(w.products_vat) + " (" + percent(inv.product_vat, inv.culture) + ")", inv.products_vat,
          "products-vat");
    total(w.shipping, inv.shipping_total, "shipping-total");
    total(std::string(w.shipping_vat) + " (" + percent(inv.shipping_vat, inv.culture) + ")", inv.shipping_vat_amount,
          "shipping-vat");
    total(w.total_excl_vat, inv.total_excl_vat, "total-excl-vat");
    total(w.total_vat, inv.total_vat, "total-vat");
    total(w.total_incl_vat, inv.total, "grand-total");
    h += "</table>\n<table class=\"totals vat-summary\">\n<caption>" + html_escape(w.vat_summary) + "</caption>\n";
    for (const auto& r : inv.vat_summary) {
        const auto rate = percent(r.rate, inv.culture);
        total(std::string(w.net_at) + " " + rate, r.net, "vat-net");
        total(std::string(w.vat_at) + " " + rate, r.vat, "vat-amount");
    }
    h += "</table>\n<p class=\"currency\">" + html_escape(std::string(w.amounts_note) + " " + inv.currency) + "</p>\n";
    h += "<footer class=\"invoice-footer\">" + inv.footer_html + "</footer>\n</body>\n</html>\n";
    return h;
}

// ------------------------------------------------------------------------------------- text

std::vector<text_line> invoice_text(const invoice_data& inv) {
    const auto& w = words(inv.culture);
    const auto amount = [&](money m) { return format_amount(m, inv.currency, inv.culture); };
    using st = text_line::style;
    std::vector<text_line> out;
    auto add = [&](st kind, std::vector<std::string> cells) { out.push_back({kind, std::move(cells)}); };
    for (auto& line : html_to_text_lines(inv.header_html)) add(st::small, {std::move(line)});
    if (!inv.header_html.empty()) add(st::gap, {});
    add(st::title, {std::string(w.invoice) + " " + inv.number});
    add(st::normal, {std::string(w.invoice_number) + ": " + inv.number});
    add(st::normal, {std::string(w.invoice_date) + ": " + format_date(inv.date, inv.culture)});
    add(st::normal, {std::string(w.order) + ": " + inv.marketplace + " " + inv.marketplace_order_id});
    add(st::normal, {std::string(w.order_date) + ": " + format_date(inv.purchase, inv.culture)});
    if (!inv.payment_method.empty()) add(st::normal, {std::string(w.payment_method) + ": " + inv.payment_method});
    add(st::gap, {});
    add(st::heading, {w.billing_address});
    for (auto& line : address_lines(inv.buyer)) add(st::normal, {std::move(line)});
    add(st::gap, {});
    add(st::heading, {w.shipping_address});
    for (auto& line : address_lines(inv.shipping)) add(st::normal, {std::move(line)});
    add(st::gap, {});
    add(st::table_header, {w.item, w.quantity, w.unit_price_excl, w.unit_price, w.vat_rate, w.line_total});
    for (const auto& l : inv.lines)
        add(st::table_row, {l.title + (l.sku.empty() ? "" : " (" + l.sku + ")"), std::to_string(l.quantity),
                            amount(l.unit_price_excl), amount(l.unit_price), percent(inv.product_vat, inv.culture),
                            amount(l.total)});
    add(st::rule, {});
    add(st::total, {w.products_total, amount(inv.products_total)});
    add(st::total, {std::string(w.products_vat) + " (" + percent(inv.product_vat, inv.culture) + ")",
                    amount(inv.products_vat)});
    add(st::total, {w.shipping, amount(inv.shipping_total)});
    add(st::total, {std::string(w.shipping_vat) + " (" + percent(inv.shipping_vat, inv.culture) + ")",
                    amount(inv.shipping_vat_amount)});
    add(st::total, {w.total_excl_vat, amount(inv.total_excl_vat)});
    add(st::total, {w.total_vat, amount(inv.total_vat)});
    add(st::grand_total, {w.total_incl_vat, amount(inv.total)});
    add(st::gap, {});
    add(st::heading, {w.vat_summary});
    for (const auto& r : inv.vat_summary) {
        const auto rate = percent(r.rate, inv.culture);
        add(st::total, {std::string(w.net_at) + " " + rate, amount(r.net)});
        add(st::total, {std::string(w.vat_at) + " " + rate, amount(r.vat)});
    }
    add(st::gap, {});
    add(st::small, {std::string(w.amounts_note) + " " + inv.currency});
    if (!inv.footer_html.empty()) add(st::gap, {});
    for (auto& line : html_to_text_lines(inv.footer_html)) add(st::small, {std::move(line)});
    return out;
}

namespace {

/// Walks gumbo's tree: text as it reads (character references decoded by the parser), a line
/// break around each block element, a space between table cells, nothing of scripts and styles.
class text_lines {
public:
    void walk(const GumboNode& node) {
        switch (node.type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE: text(node.v.text.text); break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: element(node.v.element); break;
        case GUMBO_NODE_DOCUMENT: children(node.v.document.children); break;
        default: break;  // comments
        }
    }

    std::vector<std::string> take() {
        flush();
        return std::move(lines_);
    }

private:
    void element(const GumboElement& e) {
        if (e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_STYLE || e.tag == GUMBO_TAG_HEAD) return;
        const bool block = is_block(e.tag);
        if (block) flush();
        if (e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) pending_space_ = true;
        children(e.children);
        if (block) flush();
    }

    void children(const GumboVector& nodes) {
        for (unsigned i = 0; i < nodes.length; ++i) walk(*static_cast<const GumboNode*>(nodes.data[i]));
    }

    static bool is_block(GumboTag tag) {
        static constexpr std::array<GumboTag, 22> blocks{
            GUMBO_TAG_BR,      GUMBO_TAG_P,       GUMBO_TAG_DIV,     GUMBO_TAG_H1,     GUMBO_TAG_H2,      GUMBO_TAG_H3,
            GUMBO_TAG_H4,      GUMBO_TAG_H5,      GUMBO_TAG_H6,      GUMBO_TAG_LI,     GUMBO_TAG_TR,      GUMBO_TAG_UL,
            GUMBO_TAG_OL,      GUMBO_TAG_HR,      GUMBO_TAG_TABLE,   GUMBO_TAG_SECTION, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
            GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE};
        return std::find(blocks.begin(), blocks.end(), tag) != blocks.end();
    }

    void text(std::string_view t) {
        for (std::size_t i = 0; i < t.size(); ++i) {
            const char c = t[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pending_space_ = true;
                continue;
            }
            // A no-break space (U+00A0) prints as a space.
            if (c == '\xC2' && i + 1 < t.size() && t[i + 1] == '\xA0') {
                pending_space_ = true;
                ++i;
                continue;
            }
            if (pending_space_ && !current_.empty()) current_ += ' ';
            pending_space_ = false;
            current_ += c;
        }
    }

    void flush() {
        if (!current_.empty()) lines_.push_back(std::move(current_));
        current_.clear();
        pending_space_ = false;
    }

    std::vector<std::string> lines_;
    std::string current_;
    bool pending_space_ = false;
};

}  // namespace

std::vector<std::string> html_to_text_lines(std::string_view html) {
    GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
    text_lines lines;
    lines.walk(*parsed->document);
    gumbo_destroy_output(&kGumboDefaultOptions, parsed);
    return lines.take();
}

}  // namespace beezup::sandbox
