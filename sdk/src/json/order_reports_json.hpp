#pragma once
// Answers of the order API other than orders: change reportings (history), accounts'
// synchronisation, exportations, batch operations. Each throws decode_error with the JSON path.

#include <beezup/orders.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// changeOrderReporting (GET .../history/{executionUUID}).
change_report decode_change_report(std::string_view body);
/// orderHistory's changeOrderReportings (GET .../history); absent means none.
std::vector<change_report> decode_change_history(std::string_view body);
/// accountSynchronizationList (GET /orders/v3/status).
std::vector<account_sync_status> decode_account_synchronizations(std::string_view body);

/// One exportation of a store (GET /v2/user/marketplaces/orders/exportations).
struct exportation_status {
    std::string execution_id;
    std::string processing_status;
    std::optional<std::string> error_message;
    std::optional<std::string> blob_uri;
};
std::vector<exportation_status> decode_exportations(std::string_view body);

/// batchOrderOperationResponse: one outcome per item, in the request's order; `expected` is the
/// number of items sent (a different count is a decode_error).
std::vector<batch_result> decode_batch_operations(std::string_view body, std::size_t expected);

}  // namespace beezup::detail::json
