// beezup demo: the README's main job, on a sandbox started in this process.

#include "commands.hpp"

#include <beezup/beezup.hpp>
#include <beezup/sandbox/server.hpp>

#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <thread>

namespace beezup::cli {
namespace {

/// A folder of its own under the system's temporary one, removed with the object.
struct scratch_folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("beezup-demo-" + std::to_string(std::random_device{}()));
    scratch_folder() { std::filesystem::create_directories(path); }
    ~scratch_folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

/// Waits for the push of `key`'s version in `status`, handing each stored push to the dispatcher.
std::optional<beezup::push_delivery> wait_for_push(const std::shared_ptr<beezup::push_inbox>& inbox, const beezup::order_key& key,
                                                   const beezup::order_status& status, std::chrono::seconds patience) {
    std::optional<beezup::push_delivery> found;
    beezup::push_dispatcher dispatcher(inbox, [&](const beezup::push_delivery& d) {
        if (d.pushed.key == key && d.pushed.status == status) found = d;
    });
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (!found && std::chrono::steady_clock::now() < deadline) {
        if (dispatcher.dispatch_ready() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return found;
}

int demo(std::size_t orders) {
    const std::string push_secret = "demo-push-secret";
    beezup::sandbox::server_options sandbox;
    sandbox.api_key = "demo-key";
    sandbox.orders = orders;
    sandbox.change_delay = std::chrono::milliseconds(1500);
    sandbox.push_secret = push_secret;
    sandbox.push_retry_base = std::chrono::milliseconds(500);
    beezup::sandbox::server server(sandbox);
    std::cout << "sandbox: " << server.base_url() << " with " << orders << " orders over the last 365 days\n";

    // A push receiver on loopback: signed pushes are stored in a durable inbox before 200.
    scratch_folder folder;
    const auto inbox = beezup::make_sqlite_push_inbox((folder.path / "inbox.db").string());
    beezup::push_receiver_options receiving;
    receiving.authenticators = {beezup::hmac_signature({push_secret})};
    beezup::push_server receiver(std::make_shared<beezup::push_receiver>(inbox, receiving));

    beezup::client_options options;
    options.base_url = server.base_url();
    options.api_key = "demo-key";
    options.user_name = "demo";
    beezup::client client(options);

    const auto subscription = beezup::new_subscription_id();
    client.subscriptions().create({subscription, receiver.url(), "demo", "beezup-cli", beezup::version_string, std::nullopt});
    client.subscriptions().activate(subscription);  // BeezUP checks the receiver answers first
    std::cout << "push subscription active: BeezUP pushes every order change to " << receiver.url() << "\n";

    // 1. Pull the last 30 days.
    beezup::order_filter last_month;
    last_month.begin = std::chrono::system_clock::now() - std::chrono::days(30);
    last_month.date_type = beezup::date_search_type::purchase;
    std::map<std::string, int> by_status;
    std::optional<beezup::order> to_ship;
    auto range = client.orders().all(last_month);
    for (const auto& o : range) {
        ++by_status[o.status.str()];
        if (!to_ship && o.find_change(beezup::change_types::ship)) to_ship = o;
    }
    std::cout << "pulled " << range.calls() << " page(s):";
    for (const auto& [status, n] : by_status) std::cout << " " << status << "=" << n;
    std::cout << "\n";
    if (!to_ship) {
        std::cout << "no order to ship in the last 30 days\n";
        return 1;
    }

    // 2. Ship one with tracking and follow it until the marketplace confirms.
    const auto& ship = *to_ship->find_change(beezup::change_types::ship);
    std::string carrier;
    for (const auto& p : ship.parameters)
        if (p.name == "order_Shipping_CarrierName" && p.lov_href) {
            const auto name = p.lov_href->substr(p.lov_href->rfind('/') + 1);
            carrier = client.get_list_of_values(name).items.at(0).code_identifier;
        }
    beezup::shipment parcel;
    parcel.carrier = carrier;
    parcel.shipping_method = "Standard";
    parcel.tracking_number = "DEMO0001";
    parcel.tracking_url = "https://track.example/DEMO0001";
    std::cout << "shipping " << to_ship->key.marketplace_technical_code << " order " << to_ship->marketplace_order_id
              << " (" << to_ship->status.str() << ") with " << carrier << " DEMO0001\n";
    auto handle = client.orders().ship(to_ship->key, parcel);
    std::cout << "accepted by BeezUP, execution " << handle.execution_id() << "; waiting for the marketplace...\n";
    const auto shipped = handle.wait(beezup::call_context::with_timeout(std::chrono::minutes(1)));
    std::cout << "confirmed: status " << shipped.status.str() << ", marketplace status "
              << shipped.marketplace_status.value_or("?") << "\n";
    if (shipped.status != beezup::order_statuses::shipped) return 1;

    // 3. The shipped version arrives as a push, stored, then handed over once.
    const auto push = wait_for_push(inbox, to_ship->key, beezup::order_statuses::shipped, std::chrono::seconds(30));
    client.subscriptions().remove(subscription);
    if (!push) {
        std::cout << "no push of the shipped order within 30 s\n";
        return 1;
    }
    std::cout << "push received: " << push->pushed.key.marketplace_technical_code << " order "
              << push->pushed.marketplace_order_id << " " << push->pushed.status.str() << " (event " << push->event_id
              << ", idempotency key " << push->idempotency_key << ")\n";
    return 0;
}

}  // namespace

command demo_command() {
    return {"demo",
            "Start a sandbox in this process, pull orders, ship one with tracking, wait for the marketplace's "
            "confirmation and receive its push through a local receiver.",
            [](po::options_description& o) {
                o.add_options()("orders", po::value<std::size_t>()->default_value(2000), "orders in the sandbox");
            },
            {}, false, [](const po::variables_map& values) { return demo(values["orders"].as<std::size_t>()); }, {}, {}};
}

}  // namespace beezup::cli
