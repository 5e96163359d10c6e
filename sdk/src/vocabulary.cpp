#include <beezup/vocabulary.hpp>

namespace beezup::order_statuses {

bool is_known(const order_status& s) {
    for (const auto* known : {&new_, &in_progress, &shipped, &canceled, &closed, &aborted})
        if (s == *known) return true;
    return false;
}

}  // namespace beezup::order_statuses
