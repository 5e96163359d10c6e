// The embedded push inbox: SQLite in WAL mode.
//
// Appends go through group commit (group_commit.hpp): each push is still durable before it is
// acknowledged, but many pushes share one fsync. Claims, completions and failures use a second
// connection. Several processes may share the file (SQLite's locks, a busy timeout).

#include "group_commit.hpp"
#include "inbox_entries.hpp"

#include "../storage/sqlite_database.hpp"

#include <beezup/error.hpp>
#include <beezup/push_inbox.hpp>

#include <mutex>
#include <optional>

namespace beezup {
namespace {

using detail::sqlite_database;
using detail::sqlite_statement;
using detail::sqlite_transaction;

constexpr int schema_version = 1;


void open_schema(sqlite_database& db, bool synchronous_full) {
    db.exec(synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
    // One write transaction from the start: a read that turns into a write gets SQLITE_BUSY at
    // once, without the busy timeout, when another connection opening the file wrote meanwhile.
    sqlite_transaction transaction(db);
    db.exec("CREATE TABLE IF NOT EXISTS push_events ("
            " event_id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, received_ns INTEGER NOT NULL);"
            "CREATE TABLE IF NOT EXISTS push_inbox ("
            " sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
            " event_id TEXT NOT NULL, order_key TEXT NOT NULL,"
            " marketplace TEXT NOT NULL, account_id INTEGER NOT NULL, order_id TEXT NOT NULL,"
            " etag TEXT NOT NULL, modified_ns INTEGER NOT NULL, json TEXT NOT NULL,"
            " state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
            " due_ns INTEGER NOT NULL, received_ns INTEGER NOT NULL, claim INTEGER NOT NULL DEFAULT 0,"
            " UNIQUE (order_key, etag));"
            "CREATE INDEX IF NOT EXISTS push_inbox_by_state ON push_inbox (state, sequence);"
            "CREATE INDEX IF NOT EXISTS push_inbox_by_order ON push_inbox (order_key, sequence);");
    std::int64_t found = 0;
    {
        sqlite_statement version(db, "PRAGMA user_version");
        if (version.row()) found = version.integer(0);
    }
    if (found > schema_version) db.fail("the file was written by a newer SDK (schema " + std::to_string(found) + ")");
    if (found < schema_version) db.exec(("PRAGMA user_version=" + std::to_string(schema_version)).c_str());
    transaction.commit();
}

inbox_entry read_entry(const sqlite_statement& s) {
    // Columns: sequence, event_id, marketplace, account_id, order_id, etag, modified_ns, json,
    // state, attempts, last_error, received_ns, claim.
    inbox_entry e;
    e.sequence = s.integer(0);
    e.event_id = s.text(1);
    e.order.key = {s.text(2), static_cast<std::int32_t>(s.integer(3)), s.text(4)};
    e.order.etag = s.text(5);
    e.order.last_modification = detail::from_stored_time(s.integer(6));
    e.order.json = s.text(7);
    e.state = static_cast<inbox_state>(s.integer(8));
    e.attempts = static_cast<int>(s.integer(9));
    e.last_error = s.text(10);
    e.received = detail::from_stored_time(s.integer(11));
    e.claim = s.integer(12);
    return e;
}

constexpr const char* entry_columns =
    "sequence, event_id, marketplace, account_id, order_id, etag, modified_ns, json, state, attempts, last_error, received_ns, claim";

class sqlite_push_inbox final : public push_inbox {
public:
    sqlite_push_inbox(const std::string& path, sqlite_inbox_options options)
        : writer_db_(path, "push inbox"), db_(path, "push inbox") {
        open_schema(writer_db_, options.synchronous_full);
        db_.exec(options.synchronous_full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        remember_event_.emplace(writer_db_, "INSERT INTO push_events (event_id, subscription_id, received_ns) VALUES (?1, ?2, ?3)"
                                            " ON CONFLICT (event_id) DO NOTHING");
        newest_.emplace(writer_db_, "SELECT max(modified_ns) FROM push_inbox WHERE order_key = ?1");
        insert_.emplace(writer_db_,
                        "INSERT INTO push_inbox (event_id, order_key, marketplace, account_id, order_id, etag,"
                        " modified_ns, json, state, due_ns, received_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)"
                        // Only the de-duplication conflict is ignored: any other failure fails the commit.
                        " ON CONFLICT (order_key, etag) DO NOTHING");
        commits_.emplace([this](const std::vector<const push_event*>& events) { return write_batch(events); });
    }

    append_result append(const push_event& event) override { return commits_->append(event); }

    void append_then(push_event event, append_callback done) override { commits_->append_then(std::move(event), std::move(done)); }

    std::optional<inbox_entry> claim(utc_time now, std::chrono::seconds lease) override {
        std::lock_guard lock(mutex_);
        sqlite_transaction transaction(db_);
        sqlite_statement select(db_, (std::string("SELECT ") + entry_columns + " FROM push_inbox e"
                                       " WHERE e.state IN (0, 1) AND e.due_ns <= ?1"
                                       " AND NOT EXISTS (SELECT 1 FROM push_inbox p WHERE p.order_key = e.order_key"
                                       " AND p.sequence < e.sequence AND p.state IN (0, 1))"
                                       " ORDER BY e.sequence LIMIT 1").c_str());
        select.bind(1, detail::to_stored_time(now));
        if (!select.row()) return std::nullopt;
        auto entry = read_entry(select);
        sqlite_statement update(db_, "UPDATE push_inbox SET state = 1, due_ns = ?1, claim = claim + 1 WHERE sequence = ?2");
        update.bind(1, detail::to_stored_time(now + lease)).bind(2, entry.sequence).run();
        transaction.commit();
        entry.state = inbox_state::claimed;
        ++entry.claim;
        return entry;
    }

    bool complete(const inbox_entry& claimed) override {
        std::lock_guard lock(mutex_);
        sqlite_statement(db_, "UPDATE push_inbox SET state = 2 WHERE sequence = ?1 AND state = 1 AND claim = ?2")
            .bind(1, claimed.sequence)
            .bind(2, claimed.claim)
            .run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    bool fail(const inbox_entry& claimed, const std::string& error_text, utc_time retry_at, bool dead) override {
        std::lock_guard lock(mutex_);
        sqlite_statement(db_, "UPDATE push_inbox SET state = ?1, attempts = attempts + 1, last_error = ?2, due_ns = ?3"
                              " WHERE sequence = ?4 AND state = 1 AND claim = ?5")
            .bind(1, static_cast<std::int64_t>(dead ? inbox_state::dead : inbox_state::pending))
            .bind(2, error_text)
            .bind(3, detail::to_stored_time(retry_at))
            .bind(4, claimed.sequence)
            .bind(5, claimed.claim)
            .run();
        return sqlite3_changes(db_.handle()) == 1;
    }

    std::vector<inbox_entry> dead_letters() override {
        std::lock_guard lock(mutex_);
        sqlite_statement select(db_, (std::string("SELECT ") + entry_columns +
                                      " FROM push_inbox WHERE state = 3 ORDER BY sequence").c_str());
        std::vector<inbox_entry> out;
        while (select.row()) out.push_back(read_entry(select));
        return out;
    }

    bool replay(std::int64_t sequence) override {
        std::lock_guard lock(mutex_);
        sqlite_transaction transaction(db_);
        // A newer version of the order stored since: this one stays history.
        sqlite_statement(db_, "UPDATE push_inbox SET state = 4 WHERE sequence = ?1 AND state = 3 AND EXISTS ("
                              " SELECT 1 FROM push_inbox n WHERE n.order_key = push_inbox.order_key"
                              " AND n.modified_ns > push_inbox.modified_ns AND n.state <> 4)")
            .bind(1, sequence)
            .run();
        sqlite_statement(db_, "UPDATE push_inbox SET state = 0, attempts = 0, due_ns = 0 WHERE sequence = ?1 AND state = 3")
            .bind(1, sequence)
            .run();
        const bool replayed = sqlite3_changes(db_.handle()) == 1;
        transaction.commit();
        return replayed;
    }

    std::size_t count(inbox_state state) override {
        std::lock_guard lock(mutex_);
        sqlite_statement select(db_, "SELECT count(*) FROM push_inbox WHERE state = ?1");
        select.bind(1, static_cast<std::int64_t>(state));
        return select.row() ? static_cast<std::size_t>(select.integer(0)) : 0;
    }

    std::optional<utc_time> last_modification() override {
        std::lock_guard lock(mutex_);
        sqlite_statement select(db_, "SELECT max(modified_ns) FROM push_inbox");
        if (!select.row() || select.is_null(0)) return std::nullopt;
        return detail::from_stored_time(select.integer(0));
    }

private:
    // On the writer thread: one transaction for the batch.
    std::vector<append_result> write_batch(const std::vector<const push_event*>& events) {
        std::vector<append_result> results(events.size());
        sqlite_transaction transaction(writer_db_);
        const auto now = detail::to_stored_time(std::chrono::system_clock::now());
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto& event = *events[i];
            auto& result = results[i];
            remember_event_->reset();
            remember_event_->bind(1, event.event_id).bind(2, event.subscription_id).bind(3, now).run();
            if (sqlite3_changes(writer_db_.handle()) == 0) {
                result.duplicate_event = true;
                continue;
            }
            for (const auto& o : event.orders) {
                const auto key = detail::inbox_order_key(o.key);
                newest_->reset();
                newest_->bind(1, key);
                // A version older than one already stored is history: kept, not dispatched.
                const bool stale =
                    newest_->row() && !newest_->is_null(0) && newest_->integer(0) > detail::to_stored_time(o.last_modification);
                newest_->reset();
                insert_->reset();
                insert_->bind(1, event.event_id).bind(2, key).bind(3, o.key.marketplace_technical_code)
                    .bind(4, static_cast<std::int64_t>(o.key.account_id)).bind(5, o.key.beezup_order_id)
                    .bind(6, o.etag).bind(7, detail::to_stored_time(o.last_modification)).bind(8, o.json)
                    .bind(9, static_cast<std::int64_t>(stale ? inbox_state::stale : inbox_state::pending))
                    .bind(10, now)
                    .run();
                if (sqlite3_changes(writer_db_.handle()) == 0) ++result.duplicates;
                else if (stale) ++result.stale;
                else ++result.stored;
            }
        }
        transaction.commit();
        return results;
    }

    sqlite_database writer_db_;  // the writer thread's only, with its statements
    std::optional<sqlite_statement> remember_event_, newest_, insert_;
    sqlite_database db_;         // everything else, under mutex_
    std::mutex mutex_;
    std::optional<detail::group_commit> commits_;  // last: stopped (queue written) before the rest goes
};

}  // namespace

std::shared_ptr<push_inbox> make_sqlite_push_inbox(const std::string& path, sqlite_inbox_options options) {
    return std::make_shared<sqlite_push_inbox>(path, options);
}

}  // namespace beezup
