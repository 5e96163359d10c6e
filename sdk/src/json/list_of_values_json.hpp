#pragma once
// Mapping of the LOV responses (publicListOfValuesResponse / userListOfValuesResponse).

#include <beezup/list_of_values.hpp>

#include <string_view>
#include <vector>

namespace beezup::detail::json {

/// Decodes `{"items": [ListOfValueItem...], "links": ...}`; throws decode_error.
std::vector<list_of_values_item> decode_list_of_values_items(std::string_view body);

}  // namespace beezup::detail::json
