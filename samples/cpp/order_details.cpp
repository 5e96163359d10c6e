// Reads one order in full: buyer, shipping address, items and the changes it allows now.

#include "connect.hpp"

int main() {
    auto client = client_from_environment("sample-order-details");
    if (!client) return 2;
    try {
        beezup::order_filter filter;
        filter.begin = std::chrono::system_clock::now() - std::chrono::days(7);
        auto recent = client->orders().all(filter);
        auto first = recent.begin();
        if (first == recent.end()) {
            std::cerr << "failed: no order in the last 7 days\n";
            return 1;
        }
        // get() re-reads it; a second get() is answered 304 from the SDK's cache.
        const auto o = client->orders().get(first->key);
        std::cout << o.key.marketplace_technical_code << " order " << o.marketplace_order_id << ": " << o.status.str()
                  << ", " << (o.total_price ? o.total_price->to_string() : "?") << " " << o.currency_code.value_or("") << "\n"
                  << "buyer: " << o.buyer_name.value_or("?") << "\n"
                  << "ship to: " << o.shipping.line1.value_or("") << ", " << o.shipping.postal_code.value_or("") << " "
                  << o.shipping.city.value_or("") << " " << o.shipping.country_iso2.value_or("") << "\n";
        for (const auto& item : o.items)
            std::cout << "  " << (item.quantity ? item.quantity->to_string() : "?") << " x " << item.title.value_or("?") << " at "
                      << (item.item_price ? item.item_price->to_string() : "?") << "\n";
        for (const auto& change : o.allowed_changes) {
            std::cout << "allows " << change.type.str() << ":";
            for (const auto& p : change.parameters) std::cout << " " << p.name << (p.required ? "" : "?");
            std::cout << "\n";
        }
        if (o.items.empty()) {
            std::cerr << "failed: an order without items\n";
            return 1;
        }
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
