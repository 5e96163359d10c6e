#pragma once
// Shared set-up of the tests that run the SDK against the in-process sandbox.

#include <beezup/beezup.hpp>
#include <beezup/sandbox/server.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <ostream>
#include <string>

namespace beezup {
// For Boost.Test's messages.
inline std::ostream& operator<<(std::ostream& os, const order_key& k) {
    return os << k.marketplace_technical_code << "/" << k.account_id << "/" << k.beezup_order_id;
}
template <class Tag>
std::ostream& operator<<(std::ostream& os, const vocabulary_value<Tag>& v) {
    return os << v.str();
}
}  // namespace beezup

namespace beezup::testing {

using namespace std::chrono_literals;

/// A sandbox without rate limit, quick to confirm changes.
inline sandbox::server_options sandbox_options(std::size_t orders = 3000) {
    sandbox::server_options o;
    o.api_key = "orders-key";
    o.rate_limit_per_minute = 0;
    o.orders = orders;
    o.seed = 17;
    o.change_delay = 200ms;
    o.harvest_interval = 1s;
    return o;
}

/// A client of `base_url` (the sandbox's, or a proxy's in front of it) with short retry delays.
inline client_options client_options(const std::string& base_url) {
    beezup::client_options o;
    o.base_url = base_url;
    o.api_key = "orders-key";
    o.user_name = "integration";
    o.rate_limit.enabled = false;
    o.retry.base_delay = 10ms;
    o.retry.max_delay = 50ms;
    o.retry.max_attempts = 6;
    return o;
}
inline beezup::client_options client_options(const sandbox::server& s) { return client_options(s.base_url()); }

inline order_filter last_days(int days, date_search_type type = date_search_type::purchase) {
    order_filter f;
    f.begin = std::chrono::system_clock::now() - std::chrono::days(days);
    f.date_type = type;
    return f;
}

/// The first order of the last 30 days matching `pred`.
inline order find(client& c, const std::function<bool(const order&)>& pred) {
    for (const auto& o : c.orders().all(last_days(30)))
        if (pred(o)) return o;
    BOOST_FAIL("no order matches");
    throw;
}

inline shipment parcel() {
    shipment p;
    p.carrier = "DHL";
    p.shipping_method = "Express";
    p.tracking_number = "JD0002233445566";
    p.tracking_url = "https://track.example/JD0002233445566";
    return p;
}

/// The port of an "http://host:port" URL.
inline int port_of(const std::string& url) { return std::stoi(url.substr(url.rfind(':') + 1)); }

}  // namespace beezup::testing
