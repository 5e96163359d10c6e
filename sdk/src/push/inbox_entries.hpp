#pragma once
// What every push inbox store shares: how an order's key is written in its rows (and in the
// idempotency key handed to handlers), and which factory a location names.

#include <beezup/push_inbox.hpp>

#include <memory>
#include <string>

namespace beezup::detail {

/// "Amazon/1234/0b3c...".
std::string inbox_order_key(const order_key& key);

std::shared_ptr<push_inbox> make_postgres_push_inbox(const std::string& url);

}  // namespace beezup::detail
