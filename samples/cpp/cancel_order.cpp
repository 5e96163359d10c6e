// Cancels an order with a reason from the marketplace's list, then waits for the confirmation.

#include "connect.hpp"

int main() {
    auto client = client_from_environment("sample-cancel-order");
    if (!client) return 2;
    try {
        beezup::order_filter filter;
        filter.marketplace_technical_codes = {"Amazon"};
        filter.statuses = {beezup::order_statuses::in_progress};
        const auto o = first_order_allowing(*client, beezup::change_types::cancel, filter);
        if (!o) {
            std::cerr << "failed: no order to cancel\n";
            return 1;
        }
        // Where the reason comes from a list, only its codes are accepted (the SDK checks first).
        std::string reason = "Out of stock";
        for (const auto& p : o->find_change(beezup::change_types::cancel)->parameters)
            if (p.name == "order_Cancel_Reason" && p.lov_href) reason = client->orders().values(p).items.at(0).code_identifier;
        auto change = client->orders().cancel(o->key, reason);
        const auto cancelled = change.wait(beezup::call_context::with_timeout(std::chrono::minutes(2)));
        std::cout << "order " << o->marketplace_order_id << " cancelled (" << reason << "): " << cancelled.status.str() << "\n";
        return cancelled.status == beezup::order_statuses::canceled ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
