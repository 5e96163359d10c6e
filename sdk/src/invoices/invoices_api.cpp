// Invoice settings and previews. Settings are validated here, before any request, against the
// API's rules; saving the same settings twice is harmless, so saves are repeatable requests.

#include <beezup/invoices.hpp>

#include "../json/invoices_json.hpp"
#include "../pipeline/pipeline.hpp"

#include <algorithm>

namespace beezup {
namespace {

const std::string root = "/v2/user/marketplaces/orders/invoices/settings/";
constexpr std::size_t max_html = 1000;

void check_percent(const decimal& value, const char* field) {
    if (value < decimal(0, 0) || value > decimal(100, 0))
        throw invalid_request(std::string(field) + " must be between 0 and 100, not " + value.to_string());
}

/// Characters as the API counts them (code points), not bytes.
std::size_t utf8_length(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

detail::api_request request(http_method method, const std::string& path, std::string body = {}) {
    detail::api_request r;
    r.method = method;
    r.path = root + path;
    r.body = std::move(body);
    return r;
}

call_context repeatable(call_context context) {
    context.idempotent = true;
    return context;
}

}  // namespace

void invoice_general_settings::validate() const {
    if (culture_name.empty()) throw invalid_request("culture_name is required (\"fr\" or \"en\")");
    check_percent(product_vat_percent, "product_vat_percent");
    check_percent(shipping_vat_percent, "shipping_vat_percent");
    const bool prefix_ok = !invoice_prefix.empty() && invoice_prefix.size() <= 50 &&
                           std::all_of(invoice_prefix.begin(), invoice_prefix.end(), [](char c) {
                               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                      c == '#' || c == '_' || c == '-';
                           });
    if (!prefix_ok)
        throw invalid_request("invoice_prefix must be 1 to 50 characters among a-z, A-Z, 0-9, #, _ and -, not \"" +
                              invoice_prefix.substr(0, 60) + "\"");
    if (starting_sequence_number < 0)
        throw invalid_request("starting_sequence_number must be 0 or more, not " + std::to_string(starting_sequence_number));
}

void invoice_design_settings::validate() const {
    for (const auto& [field, html] : {std::pair{"header_html", &header_html}, std::pair{"footer_html", &footer_html}}) {
        const auto length = utf8_length(*html);
        if (length > max_html)
            throw invalid_request(std::string(field) + " is limited to 1000 characters, not " + std::to_string(length));
    }
}

invoice_general_settings invoices_api::general_settings(const call_context& context) const {
    return detail::json::decode_invoice_general_settings(pipeline_->send(request(http_method::get, "general"), context).body);
}

void invoices_api::save_general_settings(const invoice_general_settings& settings, const call_context& context) const {
    settings.validate();
    pipeline_->send(request(http_method::put, "general", detail::json::encode_invoice_general_settings(settings)),
                    repeatable(context));
}

invoice_design_settings invoices_api::design_settings(const call_context& context) const {
    return detail::json::decode_invoice_design_settings(pipeline_->send(request(http_method::get, "design"), context).body);
}

void invoices_api::save_design_settings(const invoice_design_settings& settings, const call_context& context) const {
    settings.validate();
    pipeline_->send(request(http_method::put, "design", detail::json::encode_invoice_design_settings(settings)),
                    repeatable(context));
}

std::string invoices_api::preview_design(const invoice_design_settings& settings, const call_context& context) const {
    settings.validate();
    const auto r = request(http_method::post, "design/preview", detail::json::encode_invoice_design_settings(settings));
    return detail::json::decode_invoice_html(pipeline_->send(r, repeatable(context)).body);
}

}  // namespace beezup
