#pragma once
// Bodies of the subscription API: the create and activate requests, subscriptions and their push
// reporting. Each decoder throws decode_error with the JSON path of the fault.

#include <beezup/subscriptions.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// createSubscriptionRequest (the id goes in the path, not here).
std::string encode_create_subscription(const subscription_request& request);
/// activateSubscriptionRequest: the window's dates, "{}" for real-time changes only.
std::string encode_activation(const activation_window& window);

/// subscriptionIndex (GET subscriptions/{id}).
subscription decode_subscription(std::string_view body);
/// An array of subscriptionIndex (GET subscriptions/).
std::vector<subscription> decode_subscription_list(std::string_view body);
/// An array of subscriptionPushReporting (GET subscriptions/{id}/reporting).
std::vector<push_report_row> decode_push_reports(std::string_view body);

}  // namespace beezup::detail::json
