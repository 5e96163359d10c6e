// The SDK's promises behind a proxy that injects real network faults between it and the
// sandbox: one call makes one change, every call ends by its deadline, a pull misses nothing.

#include "fault_proxy.hpp"
#include "sandbox_fixture.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace beezup::testing;

namespace {

bool is_change_post(const proxied_request& r, const std::string& type) {
    return r.method == "POST" && r.target.find("/" + type + "?") != std::string::npos;
}

/// The changes of `type` BeezUP recorded on the order (test mode excluded).
std::size_t recorded_changes(beezup::client& c, const beezup::order_key& key, const beezup::change_type& type) {
    const auto history = c.orders().history(key);
    return static_cast<std::size_t>(std::count_if(history.begin(), history.end(), [&](const beezup::change_report& r) {
        return r.type == type && !r.test_mode;
    }));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(network_faults)

// cpprest resends a request when a kept-alive connection closes before the status line. The
// proxy forwards the change, then closes the client's connection without answering: the change
// must reach the server once, and the call find it in the history.
BOOST_AUTO_TEST_CASE(change_whose_kept_alive_connection_closes_unanswered_is_sent_once_and_recovered) {
    beezup::sandbox::server s(sandbox_options());
    fault_proxy proxy(port_of(s.base_url()), 0.0, 1);
    bool dropped = false;
    proxy.script([&](const std::string& method, const std::string& target) {
        if (method == "POST" && target.find("/CancelOrder?") != std::string::npos && !dropped) {
            dropped = true;
            return network_fault::answer_lost;
        }
        return network_fault::none;
    });
    beezup::client c(client_options(proxy.url()));
    const auto o = find(c, [](const beezup::order& x) {
        return x.key.marketplace_technical_code == "Amazon" && x.status == beezup::order_statuses::new_;
    });
    // The read before the change leaves a connection in the pool, which the change could reuse.
    auto handle = c.orders().cancel(o.key, "OutOfStock", beezup::call_context::with_timeout(20s));
    BOOST_TEST(proxy.count([](const proxied_request& r) { return is_change_post(r, "CancelOrder"); }) == 1u);
    BOOST_TEST(handle.recovered());
    BOOST_TEST(handle.wait(beezup::call_context::with_timeout(20s)).status == beezup::order_statuses::canceled);
    BOOST_TEST(s.change_executions() == 1u);
}

BOOST_AUTO_TEST_CASE(hundreds_of_changes_at_20_percent_faults_apply_exactly_once_by_their_deadline) {
    beezup::sandbox::server s(sandbox_options(16000));
    fault_proxy proxy(port_of(s.base_url()), 0.0, 2026);
    beezup::client c(client_options(proxy.url()));

    // Orders that take a change: accept where the marketplace wants it first, ship otherwise.
    struct planned {
        beezup::order order;
        beezup::change_type type;
    };
    std::vector<planned> plan;
    for (const auto& o : c.orders().all(last_days(365))) {
        if (o.find_change(beezup::change_types::accept)) plan.push_back({o, beezup::change_types::accept});
        else if (o.find_change(beezup::change_types::ship)) plan.push_back({o, beezup::change_types::ship});
        if (plan.size() == 300) break;
    }
    BOOST_REQUIRE_GE(plan.size(), 200u);  // hundreds

    proxy.set_rate(0.2);
    constexpr auto budget = 20s;
    std::size_t returned = 0, raised = 0, recovered = 0, waited = 0;
    std::vector<bool> succeeded;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& p = plan[i];
        const auto started = std::chrono::steady_clock::now();
        bool ok = false;
        try {
            std::optional<beezup::change_handle> handle;
            if (p.type == beezup::change_types::accept) {
                handle = c.orders().accept(p.order.key, beezup::call_context::with_timeout(budget));
            } else {
                const auto* ship = p.order.find_change(beezup::change_types::ship);
                const auto carrier = std::find_if(ship->parameters.begin(), ship->parameters.end(),
                                                  [](const auto& q) { return q.name == "order_Shipping_CarrierName"; });
                auto parcel_for = parcel();
                parcel_for.carrier = c.orders().values(*carrier).items.at(0).code_identifier;
                handle = c.orders().ship(p.order.key, parcel_for, beezup::call_context::with_timeout(budget));
            }
            ok = true;
            recovered += handle->recovered();
            if (i % 20 == 0) {
                handle->wait(beezup::call_context::with_timeout(budget));
                ++waited;
            }
        } catch (const beezup::error& e) {
            BOOST_TEST_MESSAGE("change " << p.order.key << " raised: " << e.what());
            BOOST_TEST(!dynamic_cast<const beezup::invalid_request*>(&e), "invalid_request under faults: " << e.what());
        }
        const auto elapsed = std::chrono::steady_clock::now() - started;
        // Each call has its own budget (the change, then its wait): neither runs past it.
        BOOST_TEST((elapsed <= (ok && i % 20 == 0 ? 2 : 1) * budget + 500ms), p.order.key << " took too long");
        (ok ? returned : raised) += 1;
        succeeded.push_back(ok);
    }
    proxy.set_rate(0.0);
    BOOST_TEST_MESSAGE(plan.size() << " changes behind 20% faults (" << proxy.faults() << " injected): " << returned
                                   << " returned (" << recovered << " recovered from the history, " << waited
                                   << " followed to confirmation), " << raised << " raised");
    BOOST_TEST(proxy.faults() > 100u);
    BOOST_TEST(recovered > 0u);
    BOOST_TEST(raised <= plan.size() / 50);  // a call raises only after max_attempts doubtful sends

    std::size_t applied = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto n = recorded_changes(c, plan[i].order.key, plan[i].type);
        BOOST_TEST(n <= 1u, plan[i].order.key << " changed " << n << " times");
        // A call returns for exactly the changes it applied, and raises only for the others.
        BOOST_TEST(n == (succeeded[i] ? 1u : 0u), plan[i].order.key << ": applied " << n << ", returned " << succeeded[i]);
        applied += n;
    }
    BOOST_TEST(s.change_executions() == applied);
}

BOOST_AUTO_TEST_CASE(full_pull_at_20_percent_faults_delivers_every_order_once) {
    beezup::sandbox::server s(sandbox_options(4000));
    fault_proxy proxy(port_of(s.base_url()), 0.2, 7);
    beezup::client c(client_options(proxy.url()));
    std::map<std::string, int> seen;
    for (const auto& o : c.orders().all(last_days(400), beezup::call_context::with_timeout(120s))) ++seen[o.key.beezup_order_id];
    BOOST_TEST(proxy.faults() > 5u);
    BOOST_TEST(seen.size() == 4000u);
    BOOST_TEST(std::all_of(seen.begin(), seen.end(), [](const auto& e) { return e.second == 1; }));
}

BOOST_AUTO_TEST_CASE(a_change_refused_with_retry_after_waits_before_sending_again) {
    beezup::sandbox::server s(sandbox_options());
    fault_proxy proxy(port_of(s.base_url()), 0.0, 3);
    proxy.set_retry_after(1);
    int refusals = 0;
    proxy.script([&](const std::string& method, const std::string& target) {
        if (method == "POST" && target.find("/CancelOrder?") != std::string::npos && refusals < 2) {
            ++refusals;
            return refusals == 1 ? network_fault::refused_503 : network_fault::refused_429;
        }
        return network_fault::none;
    });
    auto options = client_options(proxy.url());
    options.rate_limit.enabled = false;  // the change path itself honours Retry-After
    beezup::client c(options);
    const auto o = find(c, [](const beezup::order& x) {
        return x.key.marketplace_technical_code == "Amazon" && x.status == beezup::order_statuses::new_;
    });
    const auto started = std::chrono::steady_clock::now();
    auto handle = c.orders().cancel(o.key, "OutOfStock", beezup::call_context::with_timeout(20s));
    BOOST_TEST((std::chrono::steady_clock::now() - started >= 2s));  // 1 s after the 503, 1 s after the 429
    BOOST_TEST(proxy.count([](const proxied_request& r) { return is_change_post(r, "CancelOrder"); }) == 3u);
    BOOST_TEST(s.change_executions() == 1u);
    BOOST_TEST(!handle.recovered());
}


// Invoices: a generation whose answer is lost is settled by reading the order (never asked
// twice); one the proxy refuses or resets before forwarding is sent again. Single and batch.
namespace {

struct invoicing_behind_a_proxy {
    beezup::sandbox::server s{sandbox_options(800)};
    fault_proxy proxy{port_of(s.base_url()), 0.0, 11};
    beezup::client c{client_options(proxy.url())};

    invoicing_behind_a_proxy() {
        beezup::invoice_general_settings general;
        general.product_vat_percent = beezup::decimal(20, 0);
        general.shipping_vat_percent = beezup::decimal(20, 0);
        general.invoice_prefix = "F-";
        general.starting_sequence_number = 1;
        c.invoices().save_general_settings(general);
        c.invoices().save_design_settings({"<p>Shop</p>", ""});
    }
    /// The first `n` requests whose target contains `what` meet `fault`.
    void fault_first(const std::string& what, network_fault fault, int n = 1) {
        auto left = std::make_shared<int>(n);
        proxy.script([what, fault, left](const std::string& method, const std::string& target) {
            if (method == "POST" && target.find(what) != std::string::npos && *left > 0) {
                --*left;
                return fault;
            }
            return network_fault::none;
        });
    }
    std::size_t posts_to(const std::string& what) const {
        return proxy.count([&](const proxied_request& r) { return r.method == "POST" && r.target.find(what) != std::string::npos; });
    }
    std::vector<beezup::order_key> invoiceable(std::size_t count) {
        std::vector<beezup::order_key> out;
        for (const auto& o : c.orders().all(last_days(365)))
            if ((o.status.str() == "Shipped" || o.status.str() == "Closed") && !o.invoice_number && out.size() < count)
                out.push_back(o.key);
        BOOST_REQUIRE_EQUAL(out.size(), count);
        return out;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_invoice_generation_whose_answer_is_lost_is_generated_once) {
    invoicing_behind_a_proxy t;
    const auto keys = t.invoiceable(2);
    t.fault_first("/generate?", network_fault::answer_lost);
    const auto lost = t.c.invoices().generate(keys[0], 100, beezup::call_context::with_timeout(20s));
    BOOST_TEST(lost.recovered);
    BOOST_TEST(t.posts_to("/generate?") == 1u);
    BOOST_TEST(t.c.orders().get(keys[0]).invoice_number.value_or("") == "F-100");

    t.fault_first("/generate?", network_fault::reset);  // never forwarded: sent again
    const auto reset = t.c.invoices().generate(keys[1], 101, beezup::call_context::with_timeout(20s));
    BOOST_TEST(!reset.recovered);
    BOOST_TEST(t.posts_to("/generate?") == 3u);
    BOOST_TEST(t.c.orders().get(keys[1]).invoice_number.value_or("") == "F-101");
}

BOOST_AUTO_TEST_CASE(a_batch_generation_whose_answer_is_lost_is_generated_once) {
    invoicing_behind_a_proxy t;
    const auto keys = t.invoiceable(10);
    const std::vector<beezup::order_key> first(keys.begin(), keys.begin() + 5), second(keys.begin() + 5, keys.end());
    t.fault_first("/invoices/generate?", network_fault::answer_lost);
    for (const auto& r : t.c.invoices().generate_batch(first, 200, beezup::call_context::with_timeout(20s))) {
        BOOST_TEST(r.success);
        BOOST_TEST(t.c.orders().get(r.key).invoice_number.value_or("") == "F-" + std::to_string(r.sequence_number));
    }
    BOOST_TEST(t.posts_to("/invoices/generate?") == 1u);

    t.fault_first("/invoices/generate?", network_fault::refused_429);
    for (const auto& r : t.c.invoices().generate_batch(second, 300, beezup::call_context::with_timeout(20s))) BOOST_TEST(r.success);
    BOOST_TEST(t.posts_to("/invoices/generate?") == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
