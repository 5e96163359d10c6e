#include "marketplace_rules.hpp"

#include <map>

namespace beezup::sandbox {

bool needs_acceptance(const std::string& mtc) {
    // Marketplaces where the seller confirms each order before shipping it.
    return mtc == "Cdiscount" || mtc == "PriceMinister" || mtc == "Fnac" || mtc == "ManoMano";
}

std::string carrier_list(const std::string& mtc) { return mtc + "CarrierName"; }
std::string shipping_method_list(const std::string& mtc) { return "ShippingMethod_" + mtc; }
std::string cancel_reason_list(const std::string& mtc) { return mtc + "CancelReason"; }
std::string refund_reason_list(const std::string& mtc) { return mtc + "RefundReason"; }

std::string marketplace_status_for(const std::string& mtc, const std::string& status) {
    static const std::map<std::string, std::map<std::string, std::string>> wording = {
        {"Amazon", {{"New", "Unshipped"}, {"InProgress", "Unshipped"}, {"Shipped", "Shipped"}, {"Closed", "Shipped"},
                    {"Canceled", "Canceled"}, {"Aborted", "Canceled"}}},
        {"Cdiscount", {{"New", "WaitingForShipmentAcceptation"}, {"InProgress", "AcceptedBySeller"},
                       {"Shipped", "Shipped"}, {"Closed", "Shipped"}, {"Canceled", "CancelledByCustomer"},
                       {"Aborted", "RefusedBySeller"}}},
        {"Fnac", {{"New", "Created"}, {"InProgress", "Accepted"}, {"Shipped", "Shipped"}, {"Closed", "Received"},
                  {"Canceled", "Cancelled"}, {"Aborted", "Refused"}}},
        {"ManoMano", {{"New", "PENDING"}, {"InProgress", "WAITING_SHIPMENT"}, {"Shipped", "SHIPPED"},
                      {"Closed", "SHIPPED"}, {"Canceled", "REFUNDED"}, {"Aborted", "REFUSED"}}},
        {"eBay", {{"New", "Active"}, {"InProgress", "Active"}, {"Shipped", "Shipped"}, {"Closed", "Completed"},
                  {"Canceled", "Cancelled"}, {"Aborted", "Cancelled"}}},
        {"PriceMinister", {{"New", "new"}, {"InProgress", "current"}, {"Shipped", "shipped"}, {"Closed", "closed"},
                           {"Canceled", "cancelled"}, {"Aborted", "refused"}}},
    };
    auto m = wording.find(mtc);
    if (m != wording.end()) {
        auto s = m->second.find(status);
        if (s != m->second.end()) return s->second;
    }
    return status;
}

namespace {

transition ship(const std::string& mtc) {
    return {"ShipOrder",
            {{"order_Shipping_CarrierName", "string", true, carrier_list(mtc), true},
             {"order_Shipping_Method", "string", true, shipping_method_list(mtc), false},
             {"order_Shipping_ShipperTrackingNumber", "string", true, "", false},
             {"order_Shipping_FulfillmentDate", "date-time", true, "", false},
             {"order_Shipping_ShippingUrl", "string", false, "", false},
             {"order_Shipping_EstimatedDeliveryDate", "date-time", false, "", false}},
            "Shipped",
            marketplace_status_for(mtc, "Shipped")};
}

transition cancel(const std::string& mtc) {
    return {"CancelOrder",
            {{"order_Cancel_Reason", "string", true, cancel_reason_list(mtc), true}},
            "Canceled",
            marketplace_status_for(mtc, "Canceled")};
}

}  // namespace

std::vector<transition> allowed_transitions(const order& o) {
    const auto& mtc = o.acct.marketplace_technical_code;
    std::vector<transition> out;
    if (o.processing) return out;
    if (o.beezup_status == "New" && needs_acceptance(mtc)) {
        out.push_back({"AcceptOrder", {}, "InProgress", marketplace_status_for(mtc, "InProgress")});
        out.push_back({"RefuseOrder", {}, "Aborted", marketplace_status_for(mtc, "Aborted")});
    } else if (o.beezup_status == "New" || o.beezup_status == "InProgress") {
        out.push_back(ship(mtc));
        out.push_back(cancel(mtc));
    } else if (o.beezup_status == "Shipped") {
        out.push_back({"RefundOrder",
                       {{"order_Refund_Reason", "string", true, refund_reason_list(mtc), true}},
                       "Closed",
                       marketplace_status_for(mtc, "Closed")});
    }
    return out;
}

std::optional<transition> find_transition(const order& o, const std::string& change_type) {
    for (auto& t : allowed_transitions(o))
        if (t.change_type == change_type) return t;
    return std::nullopt;
}

}  // namespace beezup::sandbox
