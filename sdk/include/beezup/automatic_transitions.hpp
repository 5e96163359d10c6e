#pragma once
// Automatic transitions: changes BeezUP applies by itself to the new orders of a marketplace
// account. The one merchants use is auto-acceptance, on marketplaces that need an acceptance
// step (Cdiscount, Fnac, ManoMano, Rakuten...): every new order of the account is accepted as it
// arrives. An accepted order is a promise to the buyer: enable it only for an account whose
// stock and shipping can honour every order.

#include <beezup/call_context.hpp>
#include <beezup/order.hpp>
#include <beezup/vocabulary.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

namespace detail { class pipeline; }

/// One automatic transition of an account, as BeezUP lists it (automaticTransitionInfo).
struct automatic_transition {
    std::string marketplace_technical_code, marketplace_business_code;
    std::int32_t account_id = 0;
    std::int32_t transition_id = 0;  ///< orderStatusTransitionId: BeezUP's, stable
    order_status from_status;        ///< the orders it applies to, e.g. "New"
    change_type operation;           ///< what it does, e.g. "AcceptOrder"
    bool enabled = false;

    bool is_acceptance() const { return operation == change_types::accept; }
};

/// Whether an account can accept its new orders automatically, and whether it does.
struct account_auto_acceptance {
    std::string marketplace_technical_code, marketplace_business_code;
    std::int32_t account_id = 0;
    bool enabled = false;
    std::int32_t transition_id = 0;
};

class automatic_transitions_api {
public:
    /// Every automatic transition of the merchant's accounts (of one store when `store_id` is set).
    std::vector<automatic_transition> list(const std::optional<std::string>& store_id = std::nullopt,
                                           const call_context& context = {}) const;
    /// Enables or disables transitions, all in one request. Each names its account and id as
    /// list() gave them.
    void configure(const std::vector<automatic_transition>& transitions, const call_context& context = {}) const;

    /// The accounts where auto-acceptance is available, and whether it is enabled. An account
    /// missing here has no acceptance step (or no such transition) on its marketplace.
    std::vector<account_auto_acceptance> auto_acceptance(const call_context& context = {}) const;
    /// Enables or disables auto-acceptance on an account. Throws invalid_request, with nothing
    /// sent, when the account has none available.
    void set_auto_acceptance(const std::string& marketplace_technical_code, std::int32_t account_id, bool enabled,
                             const call_context& context = {}) const;

private:
    friend class client;
    explicit automatic_transitions_api(std::shared_ptr<detail::pipeline> pipeline) : pipeline_(std::move(pipeline)) {}
    std::shared_ptr<detail::pipeline> pipeline_;
};

}  // namespace beezup
