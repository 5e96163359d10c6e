#pragma once
// The order endpoints of the v3 API (/orders/v3/...), over an order_store.

#include "api_module.hpp"
#include "order_store.hpp"
#include "outcome.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace beezup::sandbox {

class orders_api final : public api_module {
public:
    explicit orders_api(order_store& store) : store_(store) {}

    /// Answers a call under /orders/v3/; nullopt when the path is not an order path.
    std::optional<api_answer> handle(const api_call& call) override;

private:
    api_answer list(const api_call& call, bool full);
    api_answer status(const api_call& call);
    api_answer ready_business_codes(const api_call& call);
    api_answer get_order(const api_call& call, const order_key& key);
    api_answer history(const order_key& key, const std::string* execution);
    api_answer change(const api_call& call, const order_key& key, const std::string& change_type);
    api_answer merchant_info(const api_call& call, const order_key& key, bool set);
    api_answer batch(const api_call& call, const std::string& kind, const std::string& change_type);

    order_store& store_;
};

}  // namespace beezup::sandbox
