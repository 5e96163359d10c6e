// A push receiver in C++: push_server stores each signed push in a SQLite inbox before it
// answers 200, and push_dispatcher hands each order version to the shop once, in order per
// order. The sample subscribes it, ships an order, and waits for that order's push.
//
// BEEZUP_PUSH_SECRETS: the HMAC secrets (comma-separated, newest first; the sandbox signs with
// "sandbox-push-secret").

#include "connect.hpp"

#include <filesystem>
#include <sstream>
#include <thread>

int main() {
    auto client = client_from_environment("sample-push-receiver");
    if (!client) return 2;
    std::vector<std::string> secrets;
    {
        const char* text = std::getenv("BEEZUP_PUSH_SECRETS");
        std::stringstream in(text && *text ? text : "sandbox-push-secret");
        for (std::string s; std::getline(in, s, ',');) secrets.push_back(s);
    }
    const auto inbox_path = std::filesystem::temp_directory_path() / ("beezup-sample-inbox-" + std::to_string(::getpid()) + ".db");
    try {
        const auto inbox = beezup::make_sqlite_push_inbox(inbox_path.string());
        beezup::push_receiver_options receiving;
        receiving.authenticators = {beezup::hmac_signature(secrets)};  // forged pushes get 401
        beezup::push_server server(std::make_shared<beezup::push_receiver>(inbox, receiving));
        std::cout << "receiving pushes at " << server.url() << "\n";

        const auto subscription = beezup::new_subscription_id();
        client->subscriptions().create({subscription, server.url(), "sample receiver", "sample-push-receiver", "1.0", std::nullopt});
        client->subscriptions().activate(subscription);  // BeezUP first checks that the URL answers

        beezup::order_filter filter;
        filter.marketplace_technical_codes = {"Amazon"};
        filter.statuses = {beezup::order_statuses::in_progress};
        const auto o = first_order_allowing(*client, beezup::change_types::ship, filter);
        if (!o) {
            std::cerr << "failed: no order to ship\n";
            return 1;
        }
        beezup::shipment parcel{first_value_of(*client, *o, beezup::change_types::ship, "order_Shipping_CarrierName"), "Standard",
                                "PUSH0001", std::nullopt, std::nullopt, std::nullopt};
        client->orders().ship(o->key, parcel).wait(beezup::call_context::with_timeout(std::chrono::minutes(2)));

        bool received = false;
        beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) {
            // Your shop's code: d.idempotency_key is the same on every delivery of this version.
            std::cout << "push: " << d.pushed.marketplace_order_id << " " << d.pushed.status.str() << "\n";
            if (d.pushed.key == o->key && d.pushed.status == beezup::order_statuses::shipped) received = true;
        });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!received && std::chrono::steady_clock::now() < deadline)
            if (dispatcher.dispatch_ready() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        client->subscriptions().remove(subscription);
        std::filesystem::remove(inbox_path);
        if (!received) {
            std::cerr << "failed: no push of the shipped order within 60 s\n";
            return 1;
        }
        std::cout << "the shipped order's push was received, stored and handed over\n";
        return 0;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
