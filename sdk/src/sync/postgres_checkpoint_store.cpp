// Sync checkpoints on PostgreSQL: the same two tables as the SQLite store, shared by workers on
// many machines (each sync name is one worker's at a time).

#include "delivered_versions.hpp"

#include "../storage/postgres_database.hpp"
#include "../storage/stored_time.hpp"

#include <beezup/order_sync.hpp>

#include <mutex>

namespace beezup {
namespace {

const std::vector<std::string> schema_steps = {
    "CREATE TABLE beezup_sync_checkpoint (name TEXT PRIMARY KEY, modified_since_ns BIGINT NOT NULL);"
    "CREATE TABLE beezup_sync_delivered (name TEXT NOT NULL, version TEXT NOT NULL, modified_ns BIGINT NOT NULL,"
    " PRIMARY KEY (name, version));",
};

class postgres_checkpoint_store final : public checkpoint_store {
public:
    explicit postgres_checkpoint_store(const std::string& url) : db_(url, "checkpoint database") {
        db_.migrate("sync_checkpoint", schema_steps);
    }

    std::optional<sync_checkpoint> load(const std::string& name) override {
        std::lock_guard lock(mutex_);
        const auto since = db_.exec("SELECT modified_since_ns FROM beezup_sync_checkpoint WHERE name = $1", {name});
        if (since.rows() == 0) return std::nullopt;
        sync_checkpoint c;
        c.modified_since = detail::from_stored_time(since.integer(0, 0));
        const auto versions = db_.exec("SELECT version, modified_ns FROM beezup_sync_delivered WHERE name = $1", {name});
        for (int i = 0; i < versions.rows(); ++i) c.delivered[versions.text(i, 0)] = detail::from_stored_time(versions.integer(i, 1));
        saved_.loaded(name, c.delivered);
        return c;
    }

    void save(const std::string& name, const sync_checkpoint& c) override {
        std::lock_guard lock(mutex_);
        saved_.save(name, c.delivered, [&](const detail::delivered_changes& changes) {
            detail::postgres_transaction transaction(db_);
            db_.exec("INSERT INTO beezup_sync_checkpoint (name, modified_since_ns) VALUES ($1, $2)"
                     " ON CONFLICT (name) DO UPDATE SET modified_since_ns = excluded.modified_since_ns",
                     {name, std::to_string(detail::to_stored_time(c.modified_since))});
            if (changes.rewrite_all) db_.exec("DELETE FROM beezup_sync_delivered WHERE name = $1", {name});
            for (const auto& [version, modified] : changes.written)
                db_.exec("INSERT INTO beezup_sync_delivered (name, version, modified_ns) VALUES ($1, $2, $3)"
                         " ON CONFLICT (name, version) DO UPDATE SET modified_ns = excluded.modified_ns",
                         {name, version, std::to_string(detail::to_stored_time(modified))});
            for (const auto& version : changes.erased)
                db_.exec("DELETE FROM beezup_sync_delivered WHERE name = $1 AND version = $2", {name, version});
            transaction.commit();
        });
    }

private:
    std::mutex mutex_;
    detail::postgres_database db_;
    detail::saved_versions saved_;
};

}  // namespace

namespace detail {

std::unique_ptr<checkpoint_store> make_postgres_checkpoint_store(const std::string& url) {
    return std::make_unique<postgres_checkpoint_store>(url);
}

}  // namespace detail
}  // namespace beezup
