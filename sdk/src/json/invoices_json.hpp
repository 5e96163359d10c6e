#pragma once
// The invoice settings' JSON: orderInvoiceGeneralSettings (and its GET answer with
// lastInvoiceSequenceNumber), orderInvoiceDesignSettings, and the design preview's answer.

#include <beezup/invoices.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// Each decoder throws decode_error naming the JSON path of the fault.
invoice_general_settings decode_invoice_general_settings(std::string_view body);
std::string encode_invoice_general_settings(const invoice_general_settings& settings);

invoice_design_settings decode_invoice_design_settings(std::string_view body);
std::string encode_invoice_design_settings(const invoice_design_settings& settings);

/// The invoiceHtmlContent of a preview answer.
std::string decode_invoice_html(std::string_view body);

/// generateOrderInvoiceRequest / previewOrderInvoiceRequest.
std::string encode_invoice_request(std::optional<std::int64_t> sequence_number);

struct batch_invoice_item {
    order_key key;
    std::int64_t sequence_number = 0;
    std::optional<std::string> location;
};
std::string encode_batch_invoice_request(const std::vector<batch_invoice_item>& items);
/// generateBatchOrderInvoiceResponse.
std::vector<batch_invoice_item> decode_batch_invoice_response(std::string_view body);

/// One refused item of generateBatchOrderInvoiceErrorResponse; `key` is absent for an error about
/// the whole request.
struct batch_invoice_error {
    std::optional<order_key> key;
    api_error_detail detail;  ///< code: the errorType, message: the errorMessage
};
std::vector<batch_invoice_error> decode_batch_invoice_errors(std::string_view body);

/// getOrderInvoicePdfFromHtmlInvoiceUrlRequest.
std::string encode_pdf_request(const std::string& location);

}  // namespace beezup::detail::json
