#pragma once
// How the CLI reads order keys, times and order filters from its arguments.

#include "command_tree.hpp"

#include <beezup/order.hpp>
#include <beezup/order_list.hpp>

#include <string>

namespace beezup::cli {

/// An option's text (the option is required or has a default).
inline const std::string& string_of(const po::variables_map& values, const char* name) { return values[name].as<std::string>(); }

/// Whether a switch (po::bool_switch) was given.
inline bool flag_set(const po::variables_map& values, const char* name) { return values.count(name) && values[name].as<bool>(); }

/// "Amazon/1234/0b3c..." (as in the order's path) -> the key; usage_error otherwise.
order_key parse_order_key(const std::string& text);

/// "7d", "12h", "30m", "90s" (that long ago), "2026-11-01" (midnight UTC) or an RFC 3339 time.
utc_time parse_time(const std::string& text, const std::string& option);

/// "2026-11-29T10:00:00Z": times as the CLI writes them.
std::string format_time(utc_time t);

/// The filter flags of `orders list`, `orders export` and `sync`: --since, --until, --date-type,
/// --marketplace, --business-code, --account, --store, --status, --marketplace-order-id,
/// --merchant-order-id, --buyer, --merchant-info, --invoice.
void add_filter_options(po::options_description& options, const std::string& default_since);

/// The filter those flags describe.
order_filter filter_from(const po::variables_map& values);

}  // namespace beezup::cli
