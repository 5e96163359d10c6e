// The embedded checkpoint stores: in memory, and SQLite.

#include <beezup/error.hpp>
#include <beezup/order_sync.hpp>

#include "delivered_versions.hpp"

#include "../storage/postgres_database.hpp"
#include "../storage/sqlite_database.hpp"

#include <mutex>

namespace beezup {
namespace {

class memory_store final : public checkpoint_store {
public:
    std::optional<sync_checkpoint> load(const std::string& name) override {
        std::lock_guard lock(mutex_);
        auto it = checkpoints_.find(name);
        if (it == checkpoints_.end()) return std::nullopt;
        return it->second;
    }
    void save(const std::string& name, const sync_checkpoint& checkpoint) override {
        std::lock_guard lock(mutex_);
        checkpoints_[name] = checkpoint;
    }

private:
    std::mutex mutex_;
    std::map<std::string, sync_checkpoint> checkpoints_;
};



// Two tables: the checkpoint's date per sync, and the versions delivered within the overlap.
// A save is one transaction, so a crash leaves the previous checkpoint or the new one.
class sqlite_store final : public checkpoint_store {
public:
    explicit sqlite_store(const std::string& path) : db_(path, "checkpoint database") {
        db_.exec("PRAGMA synchronous=FULL;");
        // In a write transaction from the start: see open_schema in sqlite_push_inbox.cpp.
        detail::sqlite_transaction schema(db_);
        db_.exec("CREATE TABLE IF NOT EXISTS sync_checkpoint (name TEXT PRIMARY KEY, modified_since_ns INTEGER NOT NULL);"
                 "CREATE TABLE IF NOT EXISTS sync_delivered (name TEXT NOT NULL, version TEXT NOT NULL,"
                 " modified_ns INTEGER NOT NULL, PRIMARY KEY (name, version));");
        schema.commit();
    }

    std::optional<sync_checkpoint> load(const std::string& name) override {
        std::lock_guard lock(mutex_);
        detail::sqlite_statement select(db_, "SELECT modified_since_ns FROM sync_checkpoint WHERE name = ?");
        select.bind(1, name);
        if (!select.row()) return std::nullopt;
        sync_checkpoint c;
        c.modified_since = detail::from_stored_time(select.integer(0));
        detail::sqlite_statement versions(db_, "SELECT version, modified_ns FROM sync_delivered WHERE name = ?");
        versions.bind(1, name);
        while (versions.row()) c.delivered[versions.text(0)] = detail::from_stored_time(versions.integer(1));
        saved_.loaded(name, c.delivered);
        return c;
    }

    void save(const std::string& name, const sync_checkpoint& c) override {
        std::lock_guard lock(mutex_);
        saved_.save(name, c.delivered, [&](const detail::delivered_changes& changes) {
            detail::sqlite_transaction transaction(db_);
            detail::sqlite_statement(db_, "INSERT INTO sync_checkpoint (name, modified_since_ns) VALUES (?, ?) "
                                          "ON CONFLICT(name) DO UPDATE SET modified_since_ns = excluded.modified_since_ns")
                .bind(1, name)
                .bind(2, detail::to_stored_time(c.modified_since))
                .run();
            if (changes.rewrite_all)
                detail::sqlite_statement(db_, "DELETE FROM sync_delivered WHERE name = ?").bind(1, name).run();
            detail::sqlite_statement insert(db_, "INSERT OR REPLACE INTO sync_delivered (name, version, modified_ns) VALUES (?, ?, ?)");
            detail::sqlite_statement erase(db_, "DELETE FROM sync_delivered WHERE name = ? AND version = ?");
            for (const auto& [version, modified] : changes.written) {
                insert.reset();
                insert.bind(1, name).bind(2, version).bind(3, detail::to_stored_time(modified)).run();
            }
            for (const auto& version : changes.erased) {
                erase.reset();
                erase.bind(1, name).bind(2, version).run();
            }
            transaction.commit();
        });
    }

private:
    std::mutex mutex_;
    detail::sqlite_database db_;
    detail::saved_versions saved_;
};

}  // namespace

std::unique_ptr<checkpoint_store> make_memory_checkpoint_store() { return std::make_unique<memory_store>(); }
std::unique_ptr<checkpoint_store> make_sqlite_checkpoint_store(const std::string& path) {
    return std::make_unique<sqlite_store>(path);
}

namespace detail {
std::unique_ptr<checkpoint_store> make_postgres_checkpoint_store(const std::string& url);
}  // namespace detail

std::unique_ptr<checkpoint_store> make_checkpoint_store(const std::string& location) {
    if (detail::is_postgres_url(location)) return detail::make_postgres_checkpoint_store(location);
    return make_sqlite_checkpoint_store(location);
}

}  // namespace beezup
