#pragma once
// Invoices of marketplace orders: the merchant's settings (language, VAT rates, numbering, header
// and footer), previews, and generation. Settings are checked here against the API's rules
// before anything is sent; a refused setting names its field and the rule.

#include <beezup/call_context.hpp>
#include <beezup/decimal.hpp>
#include <beezup/error.hpp>
#include <beezup/order.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace beezup {

namespace detail { class pipeline; }

/// The general settings (orderInvoiceGeneralSettings).
struct invoice_general_settings {
    std::string culture_name = "fr";  ///< the invoices' language: "fr" or "en" (list Go2CultureName)
    decimal product_vat_percent;      ///< 0 to 100, e.g. decimal(20, 0)
    decimal shipping_vat_percent;     ///< 0 to 100
    std::string invoice_prefix;       ///< 1 to 50 of `[a-zA-Z0-9#_-]`, e.g. "FA-2026-"
    std::int64_t starting_sequence_number = 0;  ///< the first invoice's number, >= 0
    /// The last number used, as BeezUP reports it (read back only; ignored when saving).
    std::optional<std::int64_t> last_sequence_number;

    /// Throws invalid_request naming the first field that breaks its rule.
    void validate() const;
};

/// The design settings (orderInvoiceDesignSettings): HTML printed at the top and the bottom of
/// every invoice, at most 1,000 characters each.
struct invoice_design_settings {
    std::string header_html;
    std::string footer_html;

    /// Throws invalid_request naming the field over its length.
    void validate() const;
};

/// An invoice BeezUP generated for an order.
struct generated_invoice {
    order_key key;
    std::optional<std::int64_t> sequence_number;  ///< as asked (or as BeezUP assigned it in a batch)
    std::string location;                         ///< where the invoice document is
    /// True when a send whose answer was lost was found applied: nothing was generated twice.
    bool recovered = false;
};

/// One order's outcome in a batch generation, in the caller's order.
struct invoice_batch_result {
    order_key key;
    std::int64_t sequence_number = 0;
    bool success = false;
    std::optional<std::string> location;  ///< when generated
    std::vector<api_error_detail> errors; ///< why not: this order's errors, or the batch's when it was refused for others
};

class invoices_api {
public:
    /// The general settings; not_found_error when they were never saved.
    invoice_general_settings general_settings(const call_context& context = {}) const;
    /// Validates, then saves. Sending the same settings again is harmless.
    void save_general_settings(const invoice_general_settings& settings, const call_context& context = {}) const;
    /// The design settings; not_found_error when they were never saved.
    invoice_design_settings design_settings(const call_context& context = {}) const;
    void save_design_settings(const invoice_design_settings& settings, const call_context& context = {}) const;
    /// The HTML of an invoice drawn with `settings` (saved or not) on sample data.
    std::string preview_design(const invoice_design_settings& settings, const call_context& context = {}) const;

    /// The HTML of the invoice `order` would get (with `sequence_number`, or the next one).
    std::string preview(const order_key& order, std::optional<std::int64_t> sequence_number = std::nullopt,
                        const call_context& context = {}) const;
    /// Generates the order's invoice (with `sequence_number`, or the next one) and waits until the
    /// document is available, all by the context's deadline. A 429 is waited out and sent again;
    /// after a lost answer the order is read, and an invoice found there is returned as recovered
    /// instead of asking again. A 409 (number used, order invoiced) becomes a conflict_error naming
    /// the order and the number. Like changes, generation needs client_options::user_name
    /// (invalid_request, nothing sent, without it); so does generate_batch.
    generated_invoice generate(const order_key& order, std::optional<std::int64_t> sequence_number = std::nullopt,
                               const call_context& context = {}) const;
    /// Generates the invoices of `orders` numbered `first_sequence_number`, +1, +2... in that
    /// order, 100 per request. BeezUP generates a request's invoices all or none: results say, per
    /// order, the location or the errors.
    std::vector<invoice_batch_result> generate_batch(const std::vector<order_key>& orders, std::int64_t first_sequence_number,
                                                     const call_context& context = {}) const;
    /// The invoice at `location` (a generated invoice's, or an order's invoice_uri) as PDF.
    void download_pdf(const std::string& location, std::ostream& out, const call_context& context = {}) const;
    void download_pdf(const std::string& location, const std::string& path, const call_context& context = {}) const;

private:
    friend class client;
    explicit invoices_api(std::shared_ptr<detail::pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
    std::shared_ptr<detail::pipeline> pipeline_;
};

}  // namespace beezup
