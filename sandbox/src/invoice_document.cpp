#include "invoice_document.hpp"

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
        *total_incl_vat, *amounts_note;
};

constexpr labels english{"Invoice",          "Invoice number",         "Invoice date",
                         "Order",            "Order date",             "Marketplace order ID",
                         "Payment method",   "Billing address",        "Shipping address",
                         "Item",             "SKU",                    "Qty",
                         "Unit price incl. VAT", "VAT",                "Total incl. VAT",
                         "Products (incl. VAT)", "Products VAT",       "Shipping (incl. VAT)",
                         "Shipping VAT",     "Total excl. VAT",        "Total VAT",
                         "Total incl. VAT",  "Amounts in"};
constexpr labels francais{"Facture",            "Num\xc3\xa9ro de facture",   "Date de facture",
                          "Commande",           "Date de commande",           "Num\xc3\xa9ro de commande marketplace",
                          "Moyen de paiement",  "Adresse de facturation",     "Adresse de livraison",
                          "Article",            "R\xc3\xa9" "f\xc3\xa9rence", "Qt\xc3\xa9",
                          "Prix unitaire TTC",  "TVA",                        "Total TTC",
                          "Produits (TTC)",     "TVA sur les produits",       "Frais de port (TTC)",
                          "TVA sur les frais de port", "Total HT",            "Total TVA",
                          "Total TTC",          "Montants en"};

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

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x110000) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
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
                             item.item_price * item.quantity});
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
    inv.lines.push_back({"Sample product", "SKU-0001", 2, {1990}, {3980}});
    inv.lines.push_back({"Another sample product", "SKU-0002", 1, {4500}, {4500}});
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
         "</th><th class=\"num\">" + html_escape(w.quantity) + "</th><th class=\"num\">" + html_escape(w.unit_price) +
         "</th><th class=\"num\">" + html_escape(w.vat_rate) + "</th><th class=\"num\">" + html_escape(w.line_total) +
         "</th></tr></thead>\n<tbody>\n";
    for (const auto& l : inv.lines)
        h += "<tr class=\"item\"><td>" + html_escape(l.title) + "</td><td>" + html_escape(l.sku) +
             "</td><td class=\"num\">" + std::to_string(l.quantity) + "</td><td class=\"num\">" + amount(l.unit_price) +
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
    add(st::table_header, {w.item, w.quantity, w.unit_price, w.vat_rate, w.line_total});
    for (const auto& l : inv.lines)
        add(st::table_row, {l.title + (l.sku.empty() ? "" : " (" + l.sku + ")"), std::to_string(l.quantity),
                            amount(l.unit_price), percent(inv.product_vat, inv.culture), amount(l.total)});
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
    add(st::small, {std::string(w.amounts_note) + " " + inv.currency});
    if (!inv.footer_html.empty()) add(st::gap, {});
    for (auto& line : html_to_text_lines(inv.footer_html)) add(st::small, {std::move(line)});
    return out;
}

std::vector<std::string> html_to_text_lines(std::string_view html) {
    static constexpr std::array<std::string_view, 22> blocks{
        "br", "p",  "div", "h1", "h2", "h3",   "h4",    "h5",     "h6",     "li",      "tr",
        "ul", "ol", "hr",  "table", "section", "header", "footer", "address", "article", "blockquote", "pre"};
    std::vector<std::string> lines;
    std::string current;
    bool pending_space = false;
    auto flush = [&] {
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        pending_space = false;
    };
    auto put = [&](const std::string& text) {
        if (pending_space && !current.empty()) current += ' ';
        pending_space = false;
        current += text;
    };
    std::size_t i = 0;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '<') {
            if (html.substr(i, 4) == "<!--") {
                const auto end = html.find("-->", i + 4);
                i = end == std::string_view::npos ? html.size() : end + 3;
                continue;
            }
            const auto end = html.find('>', i);
            if (end == std::string_view::npos) break;
            auto tag = html.substr(i + 1, end - i - 1);
            const bool closing = !tag.empty() && tag[0] == '/';
            if (closing) tag.remove_prefix(1);
            std::string name;
            for (char t : tag) {
                if (!std::isalnum(static_cast<unsigned char>(t))) break;
                name += static_cast<char>(std::tolower(static_cast<unsigned char>(t)));
            }
            i = end + 1;
            if (!closing && (name == "script" || name == "style")) {
                const auto close = html.find("</", i);
                i = close == std::string_view::npos ? html.size() : close;  // skip the content
                continue;
            }
            if (std::find(blocks.begin(), blocks.end(), name) != blocks.end())
                flush();
            else if (name == "td" || name == "th")
                pending_space = true;
            continue;
        }
        if (c == '&') {
            const auto semicolon = html.find(';', i);
            if (semicolon != std::string_view::npos && semicolon - i <= 10) {
                const auto entity = html.substr(i + 1, semicolon - i - 1);
                std::uint32_t cp = 0;
                if (!entity.empty() && entity[0] == '#') {
                    const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
                    const auto digits = entity.substr(hex ? 2 : 1);
                    std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
                } else {
                    static constexpr std::array<std::pair<std::string_view, std::uint32_t>, 14> named{{
                        {"amp", '&'},     {"lt", '<'},       {"gt", '>'},       {"quot", '"'},   {"apos", '\''},
                        {"nbsp", ' '},    {"euro", 0x20AC},  {"copy", 0xA9},    {"reg", 0xAE},   {"eacute", 0xE9},
                        {"egrave", 0xE8}, {"agrave", 0xE0},  {"ccedil", 0xE7},  {"ecirc", 0xEA}}};
                    for (const auto& [n, v] : named)
                        if (n == entity) cp = v;
                }
                if (cp != 0 && cp < 0x110000) {
                    std::string decoded;
                    append_utf8(decoded, cp);
                    put(decoded);
                    i = semicolon + 1;
                    continue;
                }
            }
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            pending_space = true;
            ++i;
            continue;
        }
        put(std::string(1, c));
        ++i;
    }
    flush();
    return lines;
}

}  // namespace beezup::sandbox
