#pragma once
// Push subscriptions (/v2/user/marketplaces/orders/subscriptions...) and their delivery: order
// changes from the store are queued per active subscription and POSTed to its target URL by one
// background thread, as docs/push.md describes.

#include "api_module.hpp"
#include "order_store.hpp"
#include "push_delivery.hpp"

#include <memory>
#include <thread>

namespace beezup::sandbox {

class subscriptions_api final : public api_module {
public:
    subscriptions_api(order_store& store, push_settings settings);
    /// Stops the delivery thread (an attempt in flight is cancelled).
    ~subscriptions_api() override;
    subscriptions_api(const subscriptions_api&) = delete;
    subscriptions_api& operator=(const subscriptions_api&) = delete;

    /// Answers a call under /v2/user/marketplaces/orders/subscriptions; nullopt for other paths.
    std::optional<api_answer> handle(const api_call& call) override;

private:
    struct state;  // shared with the store's listener, which may outlive this module

    api_answer list() const;
    api_answer get(const std::string& id) const;
    api_answer create(const std::string& id, const std::string& body);
    api_answer remove(const std::string& id);
    api_answer activate(const std::string& id, const std::string& body);
    api_answer deactivate(const std::string& id);
    api_answer reporting(const api_call& call, const std::string& id) const;
    api_answer retry(const std::string& id);
    void deliver();  // the delivery thread

    order_store& store_;
    push_settings settings_;
    std::shared_ptr<state> state_;
    std::thread worker_;
};

}  // namespace beezup::sandbox
