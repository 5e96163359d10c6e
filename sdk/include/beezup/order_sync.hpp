#pragma once
/// @file
/// Incremental sync: every order modified since the last run, handed to your code once, with a
/// checkpoint committed only after your handler succeeded.

#include <beezup/call_context.hpp>
#include <beezup/client.hpp>
#include <beezup/order.hpp>
#include <beezup/order_list.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <string>

namespace beezup {

/// Where a sync stands: orders modified at or after `modified_since` are still to come, except
/// the versions (id + ETag) in `delivered`, which were handed over already. `modified_since`
/// only moves to the start of a 30-day window once the windows before it are complete, so the
/// checkpoint is right whatever order the server lists a window's orders in.
struct sync_checkpoint {
    utc_time modified_since{};
    /// Versions handed over in the window being read and within the overlap before it:
    /// "beezUPOrderId\nETag" -> last modification.
    std::map<std::string, utc_time> delivered;
};

/// Where checkpoints live. Implementations must be safe to use from one sync at a time per name.
class checkpoint_store {
public:
    virtual ~checkpoint_store() = default;
    virtual std::optional<sync_checkpoint> load(const std::string& name) = 0;
    /// Durable when it returns.
    virtual void save(const std::string& name, const sync_checkpoint& checkpoint) = 0;
};

/// Checkpoints in memory (tests, one-shot scripts).
std::unique_ptr<checkpoint_store> make_memory_checkpoint_store();
/// Checkpoints in a SQLite database file (the embedded default). Throws beezup::error when the
/// file cannot be opened.
std::unique_ptr<checkpoint_store> make_sqlite_checkpoint_store(const std::string& path);
/// The checkpoint store at `location`: a postgresql:// (or postgres://) URL names a PostgreSQL
/// database (shared by workers on many machines; one worker per sync name at a time), anything
/// else a SQLite file's path.
std::unique_ptr<checkpoint_store> make_checkpoint_store(const std::string& location);

struct order_sync_options {
    /// A name per sync (several syncs may share a store).
    std::string name = "orders";
    /// Filters other than the period (marketplaces, accounts, ...). The period is the sync's.
    order_filter filter;
    /// Where a sync with no checkpoint starts.
    utc_time initial_since = std::chrono::system_clock::now() - std::chrono::days(30);
    /// Read back this much before the checkpoint, in case clocks differ; what was delivered
    /// already is skipped by id + ETag.
    std::chrono::seconds overlap{120};
};

/// Runs incremental syncs. Not thread-safe: one run at a time. It keeps a copy of the client
/// (sharing its state) and borrows the store, which must outlive it.
class order_sync {
public:
    order_sync(client c, checkpoint_store& store, order_sync_options options);

    /// Hands every order modified since the checkpoint to `handler`, window by window (in the
    /// server's order within a window), and commits the checkpoint after each handler returns.
    /// When the handler throws, the run stops with that exception and the order comes again next
    /// run. Returns the number of orders handed over. The context's cancellation stops the run
    /// between pages (transport_error cancelled; what was handed over stays committed), and its
    /// deadline bounds the whole run. The period read is the sync's own: the filter's begin, end
    /// and date type are replaced (modification dates, from the checkpoint to now).
    std::size_t run(const std::function<void(const order&)>& handler, const call_context& context = {});

private:
    client client_;
    checkpoint_store& store_;
    order_sync_options options_;
};

}  // namespace beezup
