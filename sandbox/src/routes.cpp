#include "routes.hpp"

namespace beezup::sandbox {
namespace {

std::vector<std::string_view> split(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const auto part = path.substr(0, slash);
        if (!part.empty()) out.push_back(part);
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

// Literal segments matched, or -1 when the pattern's parts do not match.
int match(const std::vector<std::string_view>& parts, const std::vector<std::string>& segments) {
    if (parts.size() != segments.size()) return -1;
    int literals = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (parts[i].front() == '{') continue;
        if (parts[i] != segments[i]) return -1;
        ++literals;
    }
    return literals;
}

}  // namespace

const std::vector<route>& all_routes() {
    // The deprecated v2 order operations answer 410 and name their v3 replacement (docs/sandbox.md).
    static const std::vector<route> routes = {
        {"/orders/v3/batches/changeOrders", "POST", ""},
        {"/orders/v3/batches/changeOrders/{changeOrderType}", "POST", ""},
        {"/orders/v3/batches/clearMerchantOrderInfos", "POST", ""},
        {"/orders/v3/batches/setMerchantOrderInfos", "POST", ""},
        {"/orders/v3/harvest", "POST", ""},
        {"/orders/v3/list/full", "POST", ""},
        {"/orders/v3/list/light", "POST", ""},
        {"/orders/v3/lov/orderManagementReadyMarketplaceBusinessCode", "GET", ""},
        {"/orders/v3/status", "GET", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/harvest", "POST", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}", "GET, HEAD", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/clearMerchantOrderInfo", "POST", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/harvest", "POST", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/history", "GET", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/history/{orderChangeExecutionUUID}", "GET", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/setMerchantOrderInfo", "POST", ""},
        {"/orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/{changeOrderType}", "POST", ""},
        {"/v2/public/lov/", "GET", ""},
        {"/v2/public/lov/{listName}", "GET", ""},
        {"/v2/user/lov/", "GET", ""},
        {"/v2/user/lov/{listName}", "GET", ""},
        {"/v2/user/marketplaces/orders/", "GET", "GET /orders/v3/status"},
        {"/v2/user/marketplaces/orders/automaticTransitions", "GET, POST", ""},
        {"/v2/user/marketplaces/orders/batches/changeOrders/{changeOrderType}", "POST",
         "POST /orders/v3/batches/changeOrders/{changeOrderType}"},
        {"/v2/user/marketplaces/orders/batches/clearMerchantOrderInfos", "POST",
         "POST /orders/v3/batches/clearMerchantOrderInfos"},
        {"/v2/user/marketplaces/orders/batches/setMerchantOrderInfos", "POST",
         "POST /orders/v3/batches/setMerchantOrderInfos"},
        {"/v2/user/marketplaces/orders/exportations", "GET, POST", ""},
        {"/v2/user/marketplaces/orders/harvest", "POST", "POST /orders/v3/harvest"},
        {"/v2/user/marketplaces/orders/invoices/generate", "POST", ""},
        {"/v2/user/marketplaces/orders/invoices/getPdfInvoice", "POST", ""},
        {"/v2/user/marketplaces/orders/invoices/settings/design", "GET, PUT", ""},
        {"/v2/user/marketplaces/orders/invoices/settings/design/preview", "POST", ""},
        {"/v2/user/marketplaces/orders/invoices/settings/general", "GET, PUT", ""},
        {"/v2/user/marketplaces/orders/invoices/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderUUID}/generate", "POST", ""},
        {"/v2/user/marketplaces/orders/invoices/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderUUID}/preview", "POST", ""},
        {"/v2/user/marketplaces/orders/list/full", "POST", "POST /orders/v3/list/full"},
        {"/v2/user/marketplaces/orders/list/light", "POST", "POST /orders/v3/list/light"},
        {"/v2/user/marketplaces/orders/status", "GET", "GET /orders/v3/status"},
        {"/v2/user/marketplaces/orders/subscriptions/", "GET", ""},
        {"/v2/user/marketplaces/orders/subscriptions/{id}", "DELETE, GET, POST", ""},
        {"/v2/user/marketplaces/orders/subscriptions/{id}/activate", "POST", ""},
        {"/v2/user/marketplaces/orders/subscriptions/{id}/deactivate", "POST", ""},
        {"/v2/user/marketplaces/orders/subscriptions/{id}/reporting", "GET", ""},
        {"/v2/user/marketplaces/orders/subscriptions/{id}/retry", "POST", ""},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}", "GET, HEAD",
         "GET or HEAD /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}"},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/clearMerchantOrderInfo", "POST",
         "POST /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/clearMerchantOrderInfo"},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/harvest", "POST",
         "POST /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/harvest"},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/history", "GET",
         "GET /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/history"},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/setMerchantOrderInfo", "POST",
         "POST /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/setMerchantOrderInfo"},
        {"/v2/user/marketplaces/orders/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/{changeOrderType}", "POST",
         "POST /orders/v3/{marketplaceTechnicalCode}/{accountId}/{beezUPOrderId}/{changeOrderType}"},
        // The sandbox's own: what the invoice URIs and exportation blobNameUris it hands out point to.
        {"/v2/user/marketplaces/orders/invoices/documents/{document}", "GET", ""},
        {"/v2/user/marketplaces/orders/exportations/files/{file}", "GET", ""},
    };
    return routes;
}

const route* find_route(const std::vector<std::string>& segments) {
    static const auto patterns = [] {
        std::vector<std::vector<std::string_view>> parts;
        for (const auto& r : all_routes()) parts.push_back(split(r.pattern));
        return parts;
    }();
    const route* best = nullptr;
    int best_literals = -1;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const auto& r = all_routes()[i];
        const int literals = match(patterns[i], segments);
        if (literals > best_literals) {
            best = &r;
            best_literals = literals;
        }
    }
    return best;
}

bool allows(const route& r, std::string_view method) {
    std::string_view rest = r.methods;  // "GET, HEAD"
    while (!rest.empty()) {
        const auto comma = rest.find(", ");
        if (rest.substr(0, comma) == method) return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 2);
    }
    return false;
}

}  // namespace beezup::sandbox
