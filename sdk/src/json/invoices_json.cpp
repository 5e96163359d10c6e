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

std::string encode_invoice_request(std::optional<std::int64_t> sequence_number) {
    return sequence_number ? "{\"invoiceSequenceNumber\":" + std::to_string(*sequence_number) + "}" : std::string("{}");
}

namespace {

order_key key_of(const node& n) {
    return {n.required("marketplaceTechnicalCode").string(), n.required("accountId").int32(),
            n.required("beezUPOrderUUID").string()};
}

}  // namespace

std::string encode_batch_invoice_request(const std::vector<batch_invoice_item>& items) {
    std::string out = "[";
    for (const auto& item : items) {
        if (out.size() > 1) out += ',';
        out += "{\"marketplaceTechnicalCode\":";
        common::append_json_string(out, item.key.marketplace_technical_code);
        out += ",\"accountId\":" + std::to_string(item.key.account_id) + ",\"beezUPOrderUUID\":";
        common::append_json_string(out, item.key.beezup_order_id);
        out += ",\"invoiceSequenceNumber\":" + std::to_string(item.sequence_number) + "}";
    }
    return out + "]";
}

std::vector<batch_invoice_item> decode_batch_invoice_response(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    std::vector<batch_invoice_item> out;
    for (std::size_t i = 0; i < root.array().size(); ++i) {
        const auto n = root.at(i);
        batch_invoice_item item;
        item.key = key_of(n);
        if (const auto sequence = n.member("invoiceSequenceNumber")) item.sequence_number = sequence->int64();
        item.location = n.optional_string("invoiceLocation");
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<batch_invoice_error> decode_batch_invoice_errors(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    std::vector<batch_invoice_error> out;
    for (std::size_t i = 0; i < root.array().size(); ++i) {
        const auto group = root.at(i);
        const auto type = group.required("errorType").string();
        const auto errors = group.member("errors");
        if (!errors) continue;
        for (std::size_t j = 0; j < errors->array().size(); ++j) {
            const auto e = errors->at(j);
            batch_invoice_error error;
            error.detail.code = type;
            error.detail.message = type;
            if (const auto message = e.member("errorMessage")) {  // a userErrorMessage
                error.detail.code = message->optional_string("code").value_or(type);
                error.detail.message = message->optional_string("message").value_or(type);
            }
            if (const auto request = e.member("request")) error.key = key_of(*request);
            out.push_back(std::move(error));
        }
    }
    return out;
}

std::string encode_pdf_request(const std::string& location) {
    std::string out = "{\"orderInvoiceUri\":";
    common::append_json_string(out, location);
    return out + "}";
}

}  // namespace beezup::detail::json
