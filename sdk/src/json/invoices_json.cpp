#include "invoices_json.hpp"

#include "../common/json_escape.hpp"
#include "json_reader.hpp"

namespace beezup::detail::json {

invoice_general_settings decode_invoice_general_settings(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    invoice_general_settings s;
    s.culture_name = root.required("cultureName").string();
    s.product_vat_percent = root.required("productVATPercent").number();
    s.shipping_vat_percent = root.required("shippingVATPercent").number();
    s.invoice_prefix = root.required("invoicePrefix").string();
    s.starting_sequence_number = root.required("invoiceStartingSequenceNumber").int64();
    if (const auto last = root.member("lastInvoiceSequenceNumber")) s.last_sequence_number = last->int64();
    return s;
}

std::string encode_invoice_general_settings(const invoice_general_settings& s) {
    // Written by hand: the VAT rates go out as the exact decimals they are.
    std::string out = "{\"cultureName\":";
    common::append_json_string(out, s.culture_name);
    out += ",\"productVATPercent\":" + s.product_vat_percent.to_string();
    out += ",\"shippingVATPercent\":" + s.shipping_vat_percent.to_string();
    out += ",\"invoicePrefix\":";
    common::append_json_string(out, s.invoice_prefix);
    out += ",\"invoiceStartingSequenceNumber\":" + std::to_string(s.starting_sequence_number) + "}";
    return out;
}

invoice_design_settings decode_invoice_design_settings(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    invoice_design_settings s;
    s.header_html = root.optional_string("headerContentHtml").value_or("");
    s.footer_html = root.optional_string("footerContentHtml").value_or("");
    return s;
}

std::string encode_invoice_design_settings(const invoice_design_settings& s) {
    std::string out = "{\"headerContentHtml\":";
    common::append_json_string(out, s.header_html);
    out += ",\"footerContentHtml\":";
    common::append_json_string(out, s.footer_html);
    return out + "}";
}

std::string decode_invoice_html(std::string_view body) {
    const auto document = parse(body);
    return node(document, "$").required("invoiceHtmlContent").string();
}

}  // namespace beezup::detail::json
