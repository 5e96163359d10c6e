#pragma once
// Deterministic, realistic orders for the sandbox.

#include "order_model.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace beezup::sandbox {

/// The marketplace accounts of the sandbox's merchant: at least six marketplaces (Amazon,
/// Cdiscount, Fnac, ManoMano, eBay, PriceMinister/Rakuten), several accounts and two stores.
const std::vector<account>& sandbox_accounts();

/// Generates one order of `acct` purchased at `purchase`, in status New, from `rng`.
order generate_order(std::mt19937_64& rng, const account& acct, time_point purchase);

/// `count` orders purchased over the 365 days before `now`, deterministic from `seed`, with the
/// statuses a merchant's history has (most Closed/Shipped, some New/InProgress, a few Canceled and
/// Aborted, and a few whose marketplace status BeezUP does not know). Sorted by purchase date.
std::vector<order> generate_orders(std::uint64_t seed, std::size_t count, time_point now);

}  // namespace beezup::sandbox
