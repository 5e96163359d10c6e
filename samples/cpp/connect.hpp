// The C++ samples' shared start: a client from BEEZUP_API_KEY (required), BEEZUP_BASE_URL
// (default: the real API; the test command points it at the sandbox) and BEEZUP_USER_NAME.

#pragma once

#include <beezup/beezup.hpp>

#include <cstdlib>
#include <iostream>
#include <optional>

inline std::optional<beezup::client> client_from_environment(const char* sample) {
    const char* key = std::getenv("BEEZUP_API_KEY");
    if (!key || !*key) {
        std::cerr << "set BEEZUP_API_KEY (and BEEZUP_BASE_URL to use the sandbox)\n";
        return std::nullopt;
    }
    beezup::client_options options;
    options.api_key = key;
    if (const char* url = std::getenv("BEEZUP_BASE_URL")) options.base_url = url;
    const char* user = std::getenv("BEEZUP_USER_NAME");
    options.user_name = user && *user ? user : "sample";  // recorded with every change
    options.user_agent_suffix = std::string(sample) + "/1.0";
    return beezup::client(options);
}

/// The first order of the last `days` days that allows `change` now, if any.
inline std::optional<beezup::order> first_order_allowing(beezup::client& client, const beezup::change_type& change,
                                                         beezup::order_filter filter, int days = 365) {
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(days);
    for (const auto& o : client.orders().all(filter))
        if (o.find_change(change) && !o.processing) return o;
    return std::nullopt;
}

/// A code of the list of values behind `parameter` of `change` on `o` (e.g. a carrier).
inline std::string first_value_of(beezup::client& client, const beezup::order& o, const beezup::change_type& change,
                                  const std::string& parameter) {
    for (const auto& p : o.find_change(change)->parameters)
        if (p.name == parameter) return client.orders().values(p).items.at(0).code_identifier;
    throw beezup::invalid_request(parameter + " is not a parameter of " + change.str());
}
