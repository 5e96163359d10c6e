#pragma once
// The invoice settings' JSON: orderInvoiceGeneralSettings (and its GET answer with
// lastInvoiceSequenceNumber), orderInvoiceDesignSettings, and the design preview's answer.

#include <beezup/invoices.hpp>

#include <string>
#include <string_view>

namespace beezup::detail::json {

/// Each decoder throws decode_error naming the JSON path of the fault.
invoice_general_settings decode_invoice_general_settings(std::string_view body);
std::string encode_invoice_general_settings(const invoice_general_settings& settings);

invoice_design_settings decode_invoice_design_settings(std::string_view body);
std::string encode_invoice_design_settings(const invoice_design_settings& settings);

/// The invoiceHtmlContent of a preview answer.
std::string decode_invoice_html(std::string_view body);

}  // namespace beezup::detail::json
