#pragma once
/// @file
/// Lists of values (LOVs): the server-owned vocabularies (carriers, statuses, reasons, ...).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

/// One entry of a list of values.
struct list_of_values_item {
    std::string code_identifier;               ///< the value to send to the API
    std::int32_t int_identifier = 0;
    std::optional<std::int32_t> position;
    std::optional<std::string> translation_text; ///< label in the requested language
};

/// Which side of the API serves the list: `/v2/user/lov/` (needs the API key) or `/v2/public/lov/`.
enum class lov_scope { user, public_ };

/// A list of values as served, with the ETag used to revalidate it.
struct list_of_values {
    std::string name;
    std::string language;  ///< the Accept-Language it was asked in ("" = server default)
    std::vector<list_of_values_item> items;
    std::optional<std::string> etag;
    std::optional<std::string> content_language;

    /// The item with this code, if any.
    const list_of_values_item* find(const std::string& code) const;
};

}  // namespace beezup
