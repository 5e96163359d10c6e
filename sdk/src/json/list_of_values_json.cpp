#include "list_of_values_json.hpp"

#include "json_reader.hpp"

namespace beezup::detail::json {

std::vector<list_of_values_item> decode_list_of_values_items(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    std::vector<list_of_values_item> items;
    const auto array = root.member("items");
    if (!array) return items;  // the schema does not require `items`: an absent list is empty
    const auto& elements = array->array();
    items.reserve(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i) {
        const auto entry = array->at(i);
        list_of_values_item item;
        item.code_identifier = entry.required("codeIdentifier").string();
        item.int_identifier = entry.required("intIdentifier").int32();
        item.position = entry.optional_int32("position");
        item.translation_text = entry.optional_string("translationText");
        items.push_back(std::move(item));
    }
    return items;
}

}  // namespace beezup::detail::json
