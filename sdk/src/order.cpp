#include <beezup/order.hpp>

namespace beezup {

const allowed_change* order::find_change(const change_type& type) const {
    for (const auto& change : allowed_changes)
        if (change.type == type) return &change;
    return nullptr;
}

}  // namespace beezup
