// Lists the Amazon and Cdiscount orders of the last 30 days that wait to be shipped, newest
// purchase first, with their totals: order_filter, all() over BeezUP's 30-day windows, count().

#include "connect.hpp"

#include <algorithm>

int main() {
    auto client = client_from_environment("sample-list-orders-with-filters");
    if (!client) return 2;
    try {
        beezup::order_filter filter;
        filter.begin = std::chrono::system_clock::now() - std::chrono::days(30);
        filter.date_type = beezup::date_search_type::purchase;
        filter.marketplace_technical_codes = {"Amazon", "Cdiscount"};
        filter.statuses = {beezup::order_statuses::in_progress};
        std::vector<beezup::order> orders;
        for (const auto& o : client->orders().all(filter)) orders.push_back(o);
        std::sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.purchase_date > b.purchase_date; });
        for (const auto& o : orders)
            std::cout << o.key.marketplace_technical_code << "  " << o.marketplace_order_id << "  " << o.status.str() << "  "
                      << (o.total_price ? o.total_price->to_string() : "?") << " " << o.currency_code.value_or("") << "\n";
        const auto counted = client->orders().count(filter);
        std::cout << orders.size() << " orders to ship (BeezUP counts " << counted << ")\n";
        if (orders.empty() || counted != static_cast<std::int64_t>(orders.size())) {
            std::cerr << "failed: expected orders to ship, as many as BeezUP counts\n";
            return 1;
        }
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
