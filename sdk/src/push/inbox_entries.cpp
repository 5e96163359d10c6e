// What every push inbox shares: the default asynchronous append, the keys, and the choice of a
// store by its location.

#include "inbox_entries.hpp"

#include "../storage/postgres_database.hpp"

namespace beezup {

void push_inbox::append_then(push_event event, append_callback done) {
    append_result result;
    try {
        result = append(event);
    } catch (...) {
        done(std::current_exception(), {});
        return;
    }
    done(nullptr, result);
}

std::string inbox_entry::idempotency_key() const { return detail::inbox_order_key(order.key) + "/" + order.etag; }

std::shared_ptr<push_inbox> make_push_inbox(const std::string& location) {
    if (detail::is_postgres_url(location)) return detail::make_postgres_push_inbox(location);
    return make_sqlite_push_inbox(location);
}

namespace detail {

std::string inbox_order_key(const order_key& k) {
    return k.marketplace_technical_code + "/" + std::to_string(k.account_id) + "/" + k.beezup_order_id;
}

}  // namespace detail
}  // namespace beezup
