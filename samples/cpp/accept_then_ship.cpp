// Accepts a new Cdiscount order (marketplaces with an acceptance step), waits, then ships it.

#include "connect.hpp"

#include <thread>

int main() {
    auto client = client_from_environment("sample-accept-then-ship");
    if (!client) return 2;
    try {
        beezup::order_filter filter;
        filter.marketplace_technical_codes = {"Cdiscount"};
        filter.statuses = {beezup::order_statuses::new_};
        // New orders come and go quickly on Cdiscount (accepted, or cancelled by the buyer): wait a
        // little for one if none is there now.
        auto o = first_order_allowing(*client, beezup::change_types::accept, filter, 30);
        for (int attempt = 0; !o && attempt < 30; ++attempt) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            o = first_order_allowing(*client, beezup::change_types::accept, filter, 30);
        }
        if (!o) {
            std::cerr << "failed: no Cdiscount order to accept\n";
            return 1;
        }
        const auto timeout = [] { return beezup::call_context::with_timeout(std::chrono::minutes(2)); };
        const auto accepted = client->orders().accept(o->key).wait(timeout());
        std::cout << "accepted " << o->marketplace_order_id << ": " << accepted.status.str() << "\n";
        beezup::shipment parcel;
        parcel.carrier = first_value_of(*client, accepted, beezup::change_types::ship, "order_Shipping_CarrierName");
        parcel.shipping_method = "Standard";
        parcel.tracking_number = "CD0001";
        const auto shipped = client->orders().ship(o->key, parcel).wait(timeout());
        std::cout << "shipped with " << parcel.carrier << ": " << shipped.status.str() << "\n";
        return shipped.status == beezup::order_statuses::shipped ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
