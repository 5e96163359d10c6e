#pragma once
/// @file
/// The durable inbox of pushed orders: the receiver stores each pushed order version there before
/// acknowledging the push, and dispatchers hand them to your code from there, in order per order,
/// at least once. Receiving and dispatching may run in different processes on the same inbox.

#include <beezup/order.hpp>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

/// One order as a push carried it.
struct pushed_order {
    order_key key;
    std::string etag;
    utc_time last_modification{};  ///< order_LastModificationUtcDate
    std::string json;              ///< the order as an orderWithLinks object (decoded, then written back: amounts exact)
};

/// One push: its id and the orders it carried.
struct push_event {
    std::string event_id;         ///< from X-BeezUP-Event-Id, the body, or the order id + ETag
    std::string subscription_id;  ///< "" when the push did not say
    std::vector<pushed_order> orders;
};

/// What the inbox did with an event.
struct append_result {
    std::size_t stored = 0;      ///< order versions stored for dispatch
    std::size_t duplicates = 0;  ///< versions already in the inbox (same order id and ETag)
    std::size_t stale = 0;       ///< versions older than one already stored: kept as history only
    bool duplicate_event = false;  ///< the event id was seen before: nothing stored
};

/// Where an entry is.
enum class inbox_state { pending, claimed, done, dead, stale };

/// One stored order version.
struct inbox_entry {
    std::int64_t sequence = 0;  ///< arrival order in the inbox
    std::string event_id;
    pushed_order order;
    inbox_state state = inbox_state::pending;
    int attempts = 0;           ///< handler runs that failed so far
    std::int64_t claim = 0;     ///< which claim of this entry this is (complete() and fail() check it)
    std::string last_error;     ///< the last failure's message
    utc_time received{};
    /// Stable over every delivery of this order version: "<marketplace>/<account>/<order id>/<ETag>".
    std::string idempotency_key() const;
};

/// Storage of the inbox. Implementations are safe to share between threads, and between processes
/// when their medium is (SQLite in WAL mode is).
class push_inbox {
public:
    virtual ~push_inbox() = default;
    /// Stores the event's order versions; durable when it returns (the receiver acknowledges the
    /// push only then). De-duplicates by event id and by order id + ETag.
    virtual append_result append(const push_event& event) = 0;
    /// The same, calling `done` once the event is durable (or the store failed: then with the
    /// exception), maybe on another thread, so that a server need not hold a thread while it waits.
    /// The default calls append() and then `done`.
    using append_callback = std::function<void(std::exception_ptr failure, const append_result& result)>;
    virtual void append_then(push_event event, append_callback done);
    /// Claims the oldest pending entry that is due at `now` and whose order has no older entry
    /// still pending or claimed (order per order), for `lease`: if it is neither completed nor
    /// failed by then (a dispatcher died), it becomes pending again. nullopt when none is ready.
    virtual std::optional<inbox_entry> claim(utc_time now, std::chrono::seconds lease) = 0;
    /// The handler succeeded on `claimed` (as claim() returned it). False when its lease had
    /// expired and another dispatcher claimed it since: that one decides.
    virtual bool complete(const inbox_entry& claimed) = 0;
    /// The handler failed: pending again from `retry_at`, or dead-lettered when `dead`. False as
    /// for complete().
    virtual bool fail(const inbox_entry& claimed, const std::string& error, utc_time retry_at, bool dead) = 0;
    /// Dead-lettered entries, oldest first.
    virtual std::vector<inbox_entry> dead_letters() = 0;
    /// Makes a dead-lettered entry pending again, its attempts reset. False when it is not dead,
    /// or when a newer version of its order was stored since: handing the older one over after
    /// the newer would break the order per order, so it is kept as stale history instead.
    virtual bool replay(std::int64_t sequence) = 0;
    /// Entries in `state` (tests, tools, reconciliation).
    virtual std::size_t count(inbox_state state) = 0;
    /// The latest order_LastModificationUtcDate stored (reconciliation fills the gap after it).
    virtual std::optional<utc_time> last_modification() = 0;
};

struct sqlite_inbox_options {
    /// PRAGMA synchronous: FULL (the default) makes each commit survive a power loss; NORMAL only
    /// a process crash. Concurrent appends share one commit either way (group commit).
    bool synchronous_full = true;
};

/// The embedded inbox: a SQLite database in WAL mode. Throws beezup::error when the file cannot
/// be opened.
std::shared_ptr<push_inbox> make_sqlite_push_inbox(const std::string& path, sqlite_inbox_options options = {});

/// The inbox at `location`: a postgresql:// (or postgres://) URL names a PostgreSQL database that
/// receivers and dispatchers on many machines share (tables created and migrated on first use,
/// docs/scale.md); anything else is a SQLite file's path. Throws beezup::error when it cannot be
/// opened; the message never holds the URL's password.
std::shared_ptr<push_inbox> make_push_inbox(const std::string& location);

}  // namespace beezup
