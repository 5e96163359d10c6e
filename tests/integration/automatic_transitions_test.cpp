// Auto-acceptance against the sandbox: enabled on a Cdiscount account, the account's new orders
// arrive accepted (InProgress) on the marketplace clock; disabled, they arrive New. Other
// accounts are untouched, and an account without an acceptance step is refused before sending.

#include "sandbox_fixture.hpp"

#include <algorithm>
#include <thread>

using namespace beezup::testing;

namespace {

// The statuses of the orders of one account purchased in [from, until).
std::vector<std::string> statuses_between(beezup::client& c, const std::string& mtc, std::int32_t account,
                                          std::chrono::system_clock::time_point from,
                                          std::chrono::system_clock::time_point until) {
    auto filter = last_days(1);
    filter.marketplace_technical_codes = {mtc};
    filter.account_ids = {account};
    std::vector<std::string> out;
    for (const auto& o : c.orders().all(filter))
        if (o.purchase_date >= from && o.purchase_date < until) out.push_back(o.status.str());
    return out;
}

bool all_are(const std::vector<std::string>& statuses, const std::string& status) {
    return std::all_of(statuses.begin(), statuses.end(), [&](const auto& st) { return st == status; });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(automatic_transitions)

BOOST_AUTO_TEST_CASE(auto_acceptance_makes_new_orders_of_its_account_arrive_accepted) {
    auto options = sandbox_options(500);
    options.new_orders_per_hour = 360'000;  // a hundred a second
    beezup::sandbox::server s(options);
    beezup::client c(client_options(s));
    const auto transitions = c.automatic_transitions();

    const auto accounts = transitions.auto_acceptance();
    BOOST_REQUIRE(!accounts.empty());
    BOOST_TEST(std::none_of(accounts.begin(), accounts.end(), [](const auto& a) { return a.enabled; }));
    BOOST_TEST(std::none_of(accounts.begin(), accounts.end(), [](const auto& a) {
        return a.marketplace_technical_code == "Amazon";  // no acceptance step there
    }));
    const auto cdiscount = std::find_if(accounts.begin(), accounts.end(),
                                        [](const auto& a) { return a.marketplace_technical_code == "Cdiscount"; });
    BOOST_REQUIRE(cdiscount != accounts.end());
    const auto other = std::find_if(accounts.begin(), accounts.end(), [&](const auto& a) {
        return a.marketplace_technical_code != "Cdiscount" || a.account_id != cdiscount->account_id;
    });
    BOOST_REQUIRE(other != accounts.end());

    transitions.set_auto_acceptance("Cdiscount", cdiscount->account_id, true);
    for (const auto& a : transitions.auto_acceptance())
        BOOST_TEST(a.enabled == (a.marketplace_technical_code == "Cdiscount" && a.account_id == cdiscount->account_id));

    // New orders arrive on the marketplace clock (ten a second for each account): those of the
    // account arrive accepted while auto-acceptance is on, New once it is off again. Each window
    // keeps a second of margin at both ends: listed dates are whole seconds.
    const auto enabled_from = std::chrono::ceil<std::chrono::seconds>(s.now()) + 1s;
    std::this_thread::sleep_for(4s);
    const auto enabled_until = std::chrono::floor<std::chrono::seconds>(s.now()) - 1s;
    transitions.set_auto_acceptance("Cdiscount", cdiscount->account_id, false);
    const auto disabled_from = std::chrono::ceil<std::chrono::seconds>(s.now()) + 1s;
    std::this_thread::sleep_for(4s);
    const auto disabled_until = std::chrono::floor<std::chrono::seconds>(s.now()) - 1s;
    std::this_thread::sleep_for(3s);  // lists end two seconds before now

    const auto accepted = statuses_between(c, "Cdiscount", cdiscount->account_id, enabled_from, enabled_until);
    BOOST_REQUIRE(!accepted.empty());
    BOOST_TEST(all_are(accepted, "InProgress"), [&] { std::string all; for (const auto& st : accepted) all += st + " "; return all; }());
    const auto others = statuses_between(c, other->marketplace_technical_code, other->account_id, enabled_from, enabled_until);
    BOOST_REQUIRE(!others.empty());
    BOOST_TEST(all_are(others, "New"));
    const auto later = statuses_between(c, "Cdiscount", cdiscount->account_id, disabled_from, disabled_until);
    BOOST_REQUIRE(!later.empty());
    BOOST_TEST(all_are(later, "New"));

    const auto sent = s.requests_received();
    BOOST_CHECK_THROW(transitions.set_auto_acceptance("Amazon", 1001, true), beezup::invalid_request);
    BOOST_TEST(s.requests_received() == sent + 1);  // the list only: nothing was configured
    BOOST_CHECK_THROW(transitions.configure({}), beezup::invalid_request);
}

BOOST_AUTO_TEST_CASE(the_list_reads_every_transition_and_a_store_filter) {
    beezup::sandbox::server s(sandbox_options(100));
    beezup::client c(client_options(s));
    const auto all = c.automatic_transitions().list();
    BOOST_REQUIRE(!all.empty());
    for (const auto& t : all) {
        BOOST_TEST(t.is_acceptance());
        BOOST_TEST(t.from_status.str() == "New");
        BOOST_TEST(!t.marketplace_business_code.empty());
        BOOST_TEST(t.transition_id != 0);
    }
    BOOST_CHECK_THROW(c.automatic_transitions().list(std::string("00000000-0000-0000-0000-000000000000")),
                      beezup::not_found_error);
}

BOOST_AUTO_TEST_SUITE_END()
