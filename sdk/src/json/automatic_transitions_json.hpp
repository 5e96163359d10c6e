#pragma once
// automaticTransitionInfoList in, configureAutomaticTransitionRequest out.

#include <beezup/automatic_transitions.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// Throws decode_error naming the JSON path of the fault.
std::vector<automatic_transition> decode_automatic_transitions(std::string_view body);

std::string encode_configure_automatic_transitions(const std::vector<automatic_transition>& transitions);

}  // namespace beezup::detail::json
