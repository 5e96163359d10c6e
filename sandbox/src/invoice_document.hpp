#pragma once
// An order invoice as BeezUP's "OM Invoice" feature makes it: settings, exact VAT arithmetic, the
// HTML document and the plain-text lines the PDF shows (see invoice_pdf.hpp).
//
// Money is exact: int64 cents (order_model's `money`). VAT percentages are exact decimals
// (`vat_rate`: units / 10^scale percent, e.g. 5.5 % = {55, 1}); no double is ever involved.
//
// Rounding (documented for users of the sandbox): amounts on BeezUP orders include VAT. The VAT
// of a tax-included amount G at rate r % is  G * r / (100 + r),  rounded half up to the cent,
// computed ONCE PER RATE on the invoice total of that rate (not line by line):
//   products VAT = round(sum of line totals * rP / (100 + rP))
//   shipping VAT = round(shipping total    * rS / (100 + rS))
//   total VAT = products VAT + shipping VAT;  total excl. VAT = total - total VAT.
// Lines show their VAT rate, their unit price excluding VAT (the unit price less its own VAT,
// rounded half up: information, not summed) and their tax-included amounts. A summary states the
// net amount and the VAT of each rate, from the per-rate totals above.

#include "order_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beezup::sandbox {

/// A VAT percentage as an exact decimal: units / 10^scale percent, 0 <= value <= 100.
struct vat_rate {
    std::int64_t units = 0;
    int scale = 0;  // 0..max_scale

    static constexpr int max_scale = 6;

    /// Parses a JSON number's text ("20", "5.5", "2.10", "1e1", "0.055E2"). nullopt when it is
    /// not a number, is negative, above 100 or needs more than max_scale decimals.
    static std::optional<vat_rate> parse(std::string_view number_text);

    /// Shortest decimal text: "20", "5.5" (as a JSON number).
    std::string text() const;
    /// For people: "20", "5.5" (en) or "5,5" (fr).
    std::string display(const std::string& culture) const;

    /// The VAT part of a tax-included amount, rounded half up to the cent.
    money vat_of_gross(money gross) const;

    friend bool operator==(const vat_rate& a, const vat_rate& b);
};

struct invoice_general_settings {
    std::string culture_name;  // "en" | "fr"
    vat_rate product_vat, shipping_vat;
    std::string invoice_prefix;
    std::int64_t starting_sequence_number = 0;
};

struct invoice_design_settings {
    std::optional<std::string> header_html, footer_html;
};

struct invoice_line {
    std::string title, sku;
    std::int64_t quantity = 1;
    money unit_price;       // tax included
    money total;            // unit_price * quantity
    money unit_price_excl;  // unit_price less its VAT (rounded half up), for French invoices
};

/// The net amount and the VAT of one rate: what a French invoice states per rate.
struct vat_summary_line {
    vat_rate rate;
    money net, vat;
};

/// Everything an invoice shows, computed once when it is generated.
struct invoice_data {
    std::string culture;          // "en" | "fr"
    std::string number;           // prefix + sequence
    std::int64_t sequence = 0;
    time_point date{};
    std::string currency;
    std::string marketplace, marketplace_order_id, beezup_order_id, payment_method, shipping_method;
    time_point purchase{};
    address buyer, shipping;
    std::vector<invoice_line> lines;
    vat_rate product_vat, shipping_vat;
    money products_total, products_vat, shipping_total, shipping_vat_amount, total, total_vat, total_excl_vat;
    std::vector<vat_summary_line> vat_summary;  // one line per rate (products and shipping share one when equal)
    std::string header_html, footer_html;  // the merchant's design, inserted as is
};

/// prefix + decimal sequence, e.g. "TOTO879".
std::string invoice_number(const std::string& prefix, std::int64_t sequence);

/// The invoice of `o` with `number`, dated `date`.
invoice_data make_invoice(const order& o, const invoice_general_settings& general,
                          const invoice_design_settings& design, std::int64_t sequence, time_point date);
/// A made-up order's invoice, for previewing a design.
invoice_data sample_invoice(const invoice_general_settings& general, const invoice_design_settings& design,
                            std::int64_t sequence, time_point date);

/// "1,234.56 EUR" (en) or "1 234,56 EUR" (fr).
std::string format_amount(money m, const std::string& currency, const std::string& culture);
/// "November 26, 2026" (en) or "26 novembre 2026" (fr).
std::string format_date(time_point t, const std::string& culture);

std::string html_escape(std::string_view text);
/// The complete HTML document.
std::string invoice_html(const invoice_data& invoice);

/// One line of the invoice as plain text, for the PDF.
struct text_line {
    enum class style { title, heading, normal, small, table_header, table_row, total, grand_total, rule, gap };
    style kind = style::normal;
    std::vector<std::string> cells;  // one cell, or the columns of a table row (UTF-8)
};
/// The invoice's content as plain text, in reading order (the same content as the HTML).
std::vector<text_line> invoice_text(const invoice_data& invoice);

/// The text of an HTML fragment: tags dropped, entities decoded, block elements on their own line.
std::vector<std::string> html_to_text_lines(std::string_view html);

}  // namespace beezup::sandbox
