// Lists the accounts where BeezUP can accept new orders automatically, turns it on for one
// Cdiscount account, checks, and turns it off again.
//
// An accepted order is a promise to the buyer: the marketplace expects it shipped, and cancelling
// it afterwards counts against the merchant's rating. Enable it only where stock and shipping can
// honour every order.

#include "connect.hpp"

int main() {
    auto client = client_from_environment("sample-auto-acceptance");
    if (!client) return 2;
    try {
        auto transitions = client->automatic_transitions();
        std::optional<beezup::account_auto_acceptance> cdiscount;
        for (const auto& a : transitions.auto_acceptance()) {
            std::cout << a.marketplace_technical_code << "/" << a.account_id << ": " << (a.enabled ? "on" : "off") << "\n";
            if (!cdiscount && a.marketplace_technical_code == "Cdiscount") cdiscount = a;
        }
        if (!cdiscount) {
            std::cerr << "failed: no Cdiscount account\n";
            return 1;
        }
        const auto enabled_now = [&] {
            for (const auto& a : transitions.auto_acceptance())
                if (a.account_id == cdiscount->account_id) return a.enabled;
            return false;
        };
        transitions.set_auto_acceptance("Cdiscount", cdiscount->account_id, true);
        const bool on = enabled_now();
        transitions.set_auto_acceptance("Cdiscount", cdiscount->account_id, false);
        const bool off = !enabled_now();
        std::cout << "Cdiscount/" << cdiscount->account_id << ": turned on (" << on << "), then off (" << off << ")\n";
        return on && off ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
