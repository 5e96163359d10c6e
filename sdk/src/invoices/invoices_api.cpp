// Invoice settings and previews. Settings are validated here, before any request, against the
// API's rules; saving the same settings twice is harmless, so saves are repeatable requests.

#include <beezup/invoices.hpp>

#include "../json/invoices_json.hpp"
#include "../json/order_json.hpp"
#include "../orders/orders_impl.hpp"
#include "../pipeline/pipeline.hpp"
#include "../pipeline/url_encoding.hpp"

#include <algorithm>
#include <fstream>
#include <map>

namespace beezup {
namespace {

const std::string root = "/v2/user/marketplaces/orders/invoices/settings/";
const std::string invoices_root = "/v2/user/marketplaces/orders/invoices/";
constexpr std::size_t batch_size = 100;
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

std::string describe(const order_key& key) {
    return key.marketplace_technical_code + "/" + std::to_string(key.account_id) + "/" + key.beezup_order_id;
}

detail::api_request order_request(const order_key& key, const char* action, std::optional<std::int64_t> sequence,
                                  const std::string& user_name) {
    detail::api_request r;
    r.method = http_method::post;
    r.path = invoices_root + detail::percent_encode(key.marketplace_technical_code) + "/" + std::to_string(key.account_id) +
             "/" + detail::percent_encode(key.beezup_order_id) + "/" + action;
    if (!user_name.empty()) r.query = "userName=" + detail::percent_encode(user_name);  // generation only
    r.body = detail::json::encode_invoice_request(sequence);
    return r;
}

/// Where the order's invoice is, when it has one: how a doubtful generation is settled.
std::optional<std::string> invoice_uri_of(detail::pipeline& http, const order_key& key, const call_context& context) {
    detail::api_request read;
    read.path = detail::order_path(key);
    return detail::json::decode_order(http.send(read, context).body).invoice_uri;
}

/// A 409 that names the order and the number it was about.
[[noreturn]] void throw_conflict(const conflict_error& e, const order_key& key, std::optional<std::int64_t> sequence) {
    std::string what = "cannot invoice order " + describe(key);
    if (sequence) what += " as number " + std::to_string(*sequence);
    what += e.has_code("OrderInvoiceNumberAlreadyUsedException") ? ": the invoice number is already used"
            : e.has_code("OrderAlreadyHasInvoiceException")        ? ": the order already has an invoice"
                                                                   : "";
    throw conflict_error(what + " (" + e.what() + ")",
                         {e.status(), e.details(), e.raw_body(), e.request_id(), e.retry_after(), e.location()});
}

bool doubtful(const transport_error& e) {
    // The request may have been applied: anything but a failure before sending.
    return e.failure() != transport_failure::connect && e.failure() != transport_failure::cancelled &&
           e.failure() != transport_failure::tls;
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

std::string invoices_api::preview(const order_key& order, std::optional<std::int64_t> sequence_number,
                                  const call_context& context) const {
    if (sequence_number && *sequence_number < 0) throw invalid_request("an invoice sequence number is 0 or more");
    // A preview changes nothing: it may be sent again.
    return detail::json::decode_invoice_html(
        pipeline_->send(order_request(order, "preview", sequence_number, ""), repeatable(context)).body);
}

generated_invoice invoices_api::generate(const order_key& order, std::optional<std::int64_t> sequence_number,
                                         const call_context& context) const {
    if (sequence_number && *sequence_number < 0) throw invalid_request("an invoice sequence number is 0 or more");
    auto& http = *pipeline_;
    const auto c = http.bound(context);
    const auto request =
        order_request(order, "generate", sequence_number, detail::required_user_name(http.options(), "invoices"));
    const auto invoice_of_order = [&] { return invoice_uri_of(http, order, c); };
    generated_invoice out{order, sequence_number, {}, false};
    bool doubt = false;
    for (int attempt = 1;; ++attempt) {
        const bool last = attempt >= std::max(1, http.options().retry.max_attempts);
        try {
            const auto response = http.send(request, c);
            out.location = response.header("Location").value_or("");
            break;
        } catch (const conflict_error& e) {
            // After a doubt, "already has an invoice" is our own first send, applied.
            if (doubt && e.has_code("OrderAlreadyHasInvoiceException")) {
                if (const auto uri = invoice_of_order()) {
                    out.location = *uri;
                    out.recovered = true;
                    break;
                }
            }
            throw_conflict(e, order, sequence_number);
        } catch (const api_error& e) {
            if (e.status() == 429 && !last && http.wait_as_asked(e.retry_after(), http.backoff_delay(attempt), c)) continue;
            if (e.status() < 500) throw;
            doubt = true;  // a 5xx may come after the work is done
            if (const auto uri = invoice_of_order()) {
                out = {order, sequence_number, *uri, true};
                break;
            }
            if (last || !http.wait_as_asked(e.retry_after(), http.backoff_delay(attempt), c)) throw;
        } catch (const transport_error& e) {
            if (!doubtful(e)) throw;
            doubt = true;
            if (const auto uri = invoice_of_order()) {
                out = {order, sequence_number, *uri, true};
                break;
            }
            if (last || !http.sleep_within(http.backoff_delay(attempt), c)) throw;
        }
    }
    if (out.location.empty()) {
        if (const auto uri = invoice_of_order()) out.location = *uri;
        else throw decode_error("header Location", "the generation was accepted without saying where the invoice is");
    }
    // "Might take a few seconds to be available": poll the document until it is there.
    detail::api_request document;
    const bool absolute = out.location.find("://") != std::string::npos;
    (absolute ? document.foreign_url : document.path) = out.location;
    for (int poll = 1;; ++poll) {
        try {
            http.send(document, c);
            return out;
        } catch (const not_found_error&) {
            http.pause(http.backoff_delay(poll), c, "the generated invoice");
        }
    }
}

std::vector<invoice_batch_result> invoices_api::generate_batch(const std::vector<order_key>& orders,
                                                               std::int64_t first_sequence_number,
                                                               const call_context& context) const {
    if (first_sequence_number < 0) throw invalid_request("an invoice sequence number is 0 or more");
    auto& http = *pipeline_;
    const auto& user = detail::required_user_name(http.options(), "invoices");
    const auto c = http.bound(context);
    std::vector<invoice_batch_result> results;
    results.reserve(orders.size());
    for (std::size_t i = 0; i < orders.size(); ++i)
        results.push_back({orders[i], first_sequence_number + static_cast<std::int64_t>(i), false, std::nullopt, {}});
    for (std::size_t start = 0; start < orders.size(); start += batch_size) {
        const auto end = std::min(orders.size(), start + batch_size);
        std::vector<detail::json::batch_invoice_item> items;
        for (auto i = start; i < end; ++i) items.push_back({results[i].key, results[i].sequence_number, std::nullopt});
        detail::api_request r;
        r.method = http_method::post;
        r.path = invoices_root + "generate";
        r.query = "userName=" + detail::percent_encode(user);
        r.body = detail::json::encode_batch_invoice_request(items);
        const auto chunk = [&](auto&& f) {
            for (auto i = start; i < end; ++i) f(results[i]);
        };
        // After a send whose answer was lost, the orders say whether it was applied (all or none).
        const auto settle_doubt = [&]() {
            std::size_t invoiced = 0;
            for (auto i = start; i < end; ++i) {
                if (const auto uri = invoice_uri_of(http, results[i].key, c)) {
                    results[i].success = true;
                    results[i].location = *uri;
                    ++invoiced;
                }
            }
            if (invoiced > 0)
                for (auto i = start; i < end; ++i)
                    if (!results[i].success)
                        results[i].errors.push_back(
                            {"NotGenerated", "no invoice after a send whose answer was lost", {}, {}, {}});
            return invoiced;
        };
        for (int attempt = 1;; ++attempt) {
            const bool last = attempt >= std::max(1, http.options().retry.max_attempts);
            try {
                const auto generated = detail::json::decode_batch_invoice_response(http.send(r, c).body);
                std::map<std::string, const detail::json::batch_invoice_item*> by_order;
                for (const auto& g : generated) by_order[g.key.beezup_order_id] = &g;
                chunk([&](invoice_batch_result& result) {
                    const auto found = by_order.find(result.key.beezup_order_id);
                    result.success = found != by_order.end();
                    if (result.success) result.location = found->second->location;
                    else result.errors.push_back({"NotInAnswer", "BeezUP's answer does not name this order", {}, {}, {}});
                });
                break;
            } catch (const transport_error& e) {
                if (!doubtful(e)) throw;
                if (settle_doubt() > 0) break;  // applied: generated once, the results say where
                if (last || !http.sleep_within(http.backoff_delay(attempt), c)) throw;
                continue;
            } catch (const api_error& e) {
                if (e.status() == 429 && !last && http.wait_as_asked(e.retry_after(), http.backoff_delay(attempt), c))
                    continue;
                if (e.status() >= 500) {
                    if (settle_doubt() > 0) break;
                    if (last || !http.wait_as_asked(e.retry_after(), http.backoff_delay(attempt), c)) throw;
                    continue;
                }
                if (e.raw_body().empty() || e.raw_body().front() != '[') throw;
                // Refused, all or none: each named order gets its errors, the others the batch's.
                std::vector<detail::json::batch_invoice_error> refused;
                try {
                    refused = detail::json::decode_batch_invoice_errors(e.raw_body());
                } catch (const decode_error&) {
                    throw e;
                }
                std::vector<api_error_detail> general;
                for (const auto& x : refused)
                    if (!x.key) general.push_back(x.detail);
                chunk([&](invoice_batch_result& result) {
                    for (const auto& x : refused)
                        if (x.key && x.key->beezup_order_id == result.key.beezup_order_id) result.errors.push_back(x.detail);
                    if (result.errors.empty()) {
                        result.errors = general;
                        result.errors.push_back({"BatchRefused", "not generated: BeezUP refused the batch for other orders", {}, {}, {}});
                    }
                });
                break;
            }
        }
    }
    return results;
}

void invoices_api::download_pdf(const std::string& location, std::ostream& out, const call_context& context) const {
    if (location.empty()) throw invalid_request("download_pdf() needs the invoice's location");
    detail::api_request r;
    r.method = http_method::post;
    r.path = invoices_root + "getPdfInvoice";
    r.body = detail::json::encode_pdf_request(location);
    r.headers["Accept"] = "application/pdf";
    const auto pdf = pipeline_->send(r, repeatable(context)).body;
    out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
    if (!out) throw error("writing the invoice PDF failed");
}

void invoices_api::download_pdf(const std::string& location, const std::string& path, const call_context& context) const {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw error("cannot write " + path);
    download_pdf(location, file, context);
    file.close();
    if (!file) throw error("writing " + path + " failed");
}

}  // namespace beezup
