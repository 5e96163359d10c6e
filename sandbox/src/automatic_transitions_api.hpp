#pragma once
// Automatic transitions (/v2/user/marketplaces/orders/automaticTransitions): the sandbox offers
// automatic acceptance for each account of a marketplace that needs orders accepted.

#include "api_module.hpp"
#include "order_store.hpp"

namespace beezup::sandbox {

class automatic_transitions_api final : public api_module {
public:
    explicit automatic_transitions_api(order_store& store) : store_(store) {}
    std::optional<api_answer> handle(const api_call& call) override;

private:
    api_answer list(const api_call& call);
    api_answer configure(const api_call& call);
    order_store& store_;
};

}  // namespace beezup::sandbox
