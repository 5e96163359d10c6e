// Ships an Amazon order with a carrier from its list and a tracking number, then waits until the
// marketplace confirms. A lost answer never ships twice: the order's history settles it.

#include "connect.hpp"

int main() {
    auto client = client_from_environment("sample-ship-with-tracking");
    if (!client) return 2;
    try {
        beezup::order_filter filter;
        filter.marketplace_technical_codes = {"Amazon"};
        filter.statuses = {beezup::order_statuses::in_progress};
        const auto o = first_order_allowing(*client, beezup::change_types::ship, filter);
        if (!o) {
            std::cerr << "failed: no Amazon order to ship\n";
            return 1;
        }
        beezup::shipment parcel;
        parcel.carrier = first_value_of(*client, *o, beezup::change_types::ship, "order_Shipping_CarrierName");
        parcel.shipping_method = "Standard";
        parcel.tracking_number = "1Z999AA10123456784";
        parcel.tracking_url = "https://track.example/1Z999AA10123456784";
        auto change = client->orders().ship(o->key, parcel);
        std::cout << "sent ShipOrder for " << o->marketplace_order_id << " with " << parcel.carrier << " (execution "
                  << change.execution_id() << ")\n";
        const auto shipped = change.wait(beezup::call_context::with_timeout(std::chrono::minutes(2)));
        std::cout << "confirmed: " << shipped.status.str() << " (" << shipped.marketplace_status.value_or("?") << ")\n";
        return shipped.status == beezup::order_statuses::shipped ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
