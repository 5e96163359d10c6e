#pragma once
// The sandbox's lists of values: what BeezUP serves at /v2/{user,public}/lov/{listName}.

#include <optional>
#include <string>
#include <vector>

namespace beezup::sandbox {

struct lov_entry {
    std::string code;
    int int_id;
    std::string label_en;
    std::string label_fr;
};

/// The entries of a list, or nullopt for an unknown list.
const std::vector<lov_entry>* find_list(const std::string& name);
/// Names of every list, sorted.
std::vector<std::string> list_names();

}  // namespace beezup::sandbox
