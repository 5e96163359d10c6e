#pragma once
// Invoices of marketplace orders: the merchant's settings (language, VAT rates, numbering, header
// and footer), previews, and generation. Settings are checked here against the API's rules
// before anything is sent; a refused setting names its field and the rule.

#include <beezup/call_context.hpp>
#include <beezup/decimal.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace beezup {

namespace detail { class pipeline; }

/// The general settings (orderInvoiceGeneralSettings).
struct invoice_general_settings {
    std::string culture_name = "fr";  ///< the invoices' language: "fr" or "en" (list Go2CultureName)
    decimal product_vat_percent;      ///< 0 to 100, e.g. decimal(20, 0)
    decimal shipping_vat_percent;     ///< 0 to 100
    std::string invoice_prefix;       ///< 1 to 50 of [a-zA-Z0-9#_-], e.g. "FA-2026-"
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

private:
    friend class client;
    explicit invoices_api(std::shared_ptr<detail::pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
    std::shared_ptr<detail::pipeline> pipeline_;
};

}  // namespace beezup
