// The embedded checkpoint stores: in memory, and SQLite.

#include <beezup/error.hpp>
#include <beezup/order_sync.hpp>

#include <sqlite3.h>

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

std::int64_t to_ns(utc_time t) { return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count(); }
utc_time from_ns(std::int64_t ns) {
    return utc_time(std::chrono::duration_cast<utc_time::duration>(std::chrono::nanoseconds(ns)));
}

// Two tables: the checkpoint's date per sync, and the versions delivered within the overlap.
// A save is one transaction, so a crash leaves the previous checkpoint or the new one.
class sqlite_store final : public checkpoint_store {
public:
    explicit sqlite_store(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
            SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw error("cannot open the checkpoint database '" + path + "': " + message);
        }
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
             "CREATE TABLE IF NOT EXISTS sync_checkpoint (name TEXT PRIMARY KEY, modified_since_ns INTEGER NOT NULL);"
             "CREATE TABLE IF NOT EXISTS sync_delivered (name TEXT NOT NULL, version TEXT NOT NULL,"
             " modified_ns INTEGER NOT NULL, PRIMARY KEY (name, version));");
    }
    ~sqlite_store() override { sqlite3_close(db_); }

    std::optional<sync_checkpoint> load(const std::string& name) override {
        std::lock_guard lock(mutex_);
        statement select(db_, "SELECT modified_since_ns FROM sync_checkpoint WHERE name = ?");
        select.bind(1, name);
        if (select.step() != SQLITE_ROW) return std::nullopt;
        sync_checkpoint c;
        c.modified_since = from_ns(sqlite3_column_int64(select.handle, 0));
        statement versions(db_, "SELECT version, modified_ns FROM sync_delivered WHERE name = ?");
        versions.bind(1, name);
        while (versions.step() == SQLITE_ROW)
            c.delivered[reinterpret_cast<const char*>(sqlite3_column_text(versions.handle, 0))] =
                from_ns(sqlite3_column_int64(versions.handle, 1));
        return c;
    }

    void save(const std::string& name, const sync_checkpoint& c) override {
        std::lock_guard lock(mutex_);
        exec("BEGIN IMMEDIATE");
        try {
            statement upsert(db_, "INSERT INTO sync_checkpoint (name, modified_since_ns) VALUES (?, ?) "
                                  "ON CONFLICT(name) DO UPDATE SET modified_since_ns = excluded.modified_since_ns");
            upsert.bind(1, name);
            sqlite3_bind_int64(upsert.handle, 2, to_ns(c.modified_since));
            upsert.done();
            // Only what changed since the last save is written: a sync saves after every order,
            // and a window's versions all stay until the window is complete.
            const auto last = saved_.find(name);
            if (last == saved_.end()) {
                statement clear(db_, "DELETE FROM sync_delivered WHERE name = ?");
                clear.bind(1, name);
                clear.done();
            }
            static const std::map<std::string, utc_time> none;
            const auto& before = last == saved_.end() ? none : last->second;
            statement insert(db_, "INSERT OR REPLACE INTO sync_delivered (name, version, modified_ns) VALUES (?, ?, ?)");
            statement erase(db_, "DELETE FROM sync_delivered WHERE name = ? AND version = ?");
            for (const auto& [version, modified] : c.delivered) {
                auto it = before.find(version);
                if (it != before.end() && it->second == modified) continue;
                sqlite3_reset(insert.handle);
                insert.bind(1, name);
                insert.bind(2, version);
                sqlite3_bind_int64(insert.handle, 3, to_ns(modified));
                insert.done();
            }
            for (const auto& [version, modified] : before) {
                if (c.delivered.count(version)) continue;
                sqlite3_reset(erase.handle);
                erase.bind(1, name);
                erase.bind(2, version);
                erase.done();
            }
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            saved_.erase(name);  // unknown: the next save rewrites everything
            throw;
        }
        saved_[name] = c.delivered;
    }

private:
    struct statement {
        statement(sqlite3* db, const char* sql) : db(db) {
            if (sqlite3_prepare_v2(db, sql, -1, &handle, nullptr) != SQLITE_OK)
                throw error(std::string("checkpoint database: ") + sqlite3_errmsg(db));
        }
        ~statement() { sqlite3_finalize(handle); }
        void bind(int i, const std::string& text) { sqlite3_bind_text(handle, i, text.c_str(), -1, SQLITE_TRANSIENT); }
        int step() { return sqlite3_step(handle); }
        void done() {
            if (step() != SQLITE_DONE) throw error(std::string("checkpoint database: ") + sqlite3_errmsg(db));
        }
        sqlite3* db;
        sqlite3_stmt* handle = nullptr;
    };

    void exec(const char* sql) {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string text = message ? message : "unknown error";
            sqlite3_free(message);
            throw error("checkpoint database: " + text);
        }
    }

    std::mutex mutex_;
    sqlite3* db_ = nullptr;
    std::map<std::string, std::map<std::string, utc_time>> saved_;  // per sync: the versions last saved
};

}  // namespace

std::unique_ptr<checkpoint_store> make_memory_checkpoint_store() { return std::make_unique<memory_store>(); }
std::unique_ptr<checkpoint_store> make_sqlite_checkpoint_store(const std::string& path) {
    return std::make_unique<sqlite_store>(path);
}

}  // namespace beezup
