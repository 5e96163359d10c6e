// Every decoder of API answers: any input ends in a value or in decode_error, never in another
// exception, a crash or undefined behaviour. The first byte picks the decoder.

#include "json/automatic_transitions_json.hpp"
#include "json/invoices_json.hpp"
#include "json/list_of_values_json.hpp"
#include "json/order_json.hpp"
#include "json/order_reports_json.hpp"
#include "json/subscription_json.hpp"

#include <beezup/error.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    namespace json = beezup::detail::json;
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        switch (data[0] % 17) {
        case 0: json::decode_order(body); break;
        case 1: json::decode_order_list_full(body); break;
        case 2: json::decode_order_list_light(body); break;
        case 3: json::decode_change_history(body); break;
        case 4: json::decode_change_report(body); break;
        case 5: json::decode_account_synchronizations(body); break;
        case 6: json::decode_exportations(body); break;
        case 7: json::decode_list_of_values_items(body); break;
        case 8: json::decode_subscription(body); break;
        case 9: json::decode_subscription_list(body); break;
        case 10: json::decode_push_reports(body); break;
        case 11: json::decode_automatic_transitions(body); break;
        case 12: json::decode_invoice_general_settings(body); break;
        case 13: json::decode_invoice_design_settings(body); break;
        case 14: json::decode_invoice_html(body); break;
        case 15: json::decode_batch_invoice_response(body); break;
        case 16: json::decode_batch_invoice_errors(body); break;
        }
    } catch (const beezup::decode_error&) {
    } catch (...) {
        std::abort();  // anything else escaping a decoder is a bug
    }
    return 0;
}
