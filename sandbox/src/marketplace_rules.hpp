#pragma once
// What each marketplace lets a merchant do with an order, and what it asks for: the source of
// `transitionLinks` and of the validation of change requests.

#include "order_model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace beezup::sandbox {

struct transition_parameter {
    std::string name;       // "order_Shipping_CarrierName"
    std::string type;       // "string", "date-time"
    bool required = false;
    std::string lov_list;   // the list of values the value comes from, "" for none
    bool lov_required = false;
};

struct transition {
    std::string change_type;  // "ShipOrder"
    std::vector<transition_parameter> parameters;
    std::string resulting_status;           // BeezUP status once the marketplace confirms
    std::string resulting_marketplace_status;
};

/// True when orders of this marketplace must be accepted before they can be shipped.
bool needs_acceptance(const std::string& marketplace_technical_code);

/// The changes allowed on `o` now (none while a change is processing).
std::vector<transition> allowed_transitions(const order& o);

/// The transition named `change_type` if allowed on `o`.
std::optional<transition> find_transition(const order& o, const std::string& change_type);

/// Names of the per-marketplace lists of values (carriers, shipping methods, reasons).
std::string carrier_list(const std::string& marketplace_technical_code);
std::string shipping_method_list(const std::string& marketplace_technical_code);
std::string cancel_reason_list(const std::string& marketplace_technical_code);
std::string refund_reason_list(const std::string& marketplace_technical_code);

/// The marketplace's own status wording for a BeezUP status.
std::string marketplace_status_for(const std::string& marketplace_technical_code, const std::string& beezup_status);

}  // namespace beezup::sandbox
