// The shared push inbox: PostgreSQL, for receivers and dispatchers on many machines.
//
// - Receivers append through group commit (group_commit.hpp): the pushes that arrive meanwhile
//   share one transaction. The event id and each (order, ETag) are de-duplicated by unique
//   constraints (INSERT ... ON CONFLICT DO NOTHING), never by a read then a write. Versions of one
//   order are serialised by an advisory lock on the order, taken first and in key order (no
//   deadlock between batches), so a version older than one already stored is recognised as
//   history, and sequences follow versions.
// - Dispatchers claim with FOR UPDATE SKIP LOCKED: workers never wait for each other, and an
//   order's next version is not claimable while an earlier one is pending or claimed, so the
//   order per order holds across workers. Retries, leases and dead letters live in the rows.
// - The schema is versioned (beezup_schema) and migrated by the first process that opens it.

#include "group_commit.hpp"
#include "inbox_entries.hpp"

#include "../storage/postgres_pool.hpp"
#include "../storage/stored_time.hpp"

#include <beezup/push_inbox.hpp>

#include <algorithm>
#include <set>

namespace beezup {
namespace {

using detail::postgres_database;
using detail::postgres_result;
using detail::postgres_transaction;

const std::vector<std::string> schema_steps = {
    // 1: the first schema.
    "CREATE TABLE beezup_push_events (event_id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, received_ns BIGINT NOT NULL);"
    "CREATE TABLE beezup_push_inbox ("
    " sequence BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL, order_key TEXT NOT NULL,"
    " marketplace TEXT NOT NULL, account_id INTEGER NOT NULL, order_id TEXT NOT NULL,"
    " etag TEXT NOT NULL, modified_ns BIGINT NOT NULL, json TEXT NOT NULL,"
    " state SMALLINT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
    " due_ns BIGINT NOT NULL, received_ns BIGINT NOT NULL, claim BIGINT NOT NULL DEFAULT 0,"
    " UNIQUE (order_key, etag));"
    "CREATE INDEX beezup_push_inbox_by_state ON beezup_push_inbox (state, sequence);"
    "CREATE INDEX beezup_push_inbox_by_order ON beezup_push_inbox (order_key, sequence);",
};

constexpr const char* entry_columns =
    "sequence, event_id, marketplace, account_id, order_id, etag, modified_ns, json, state, attempts, last_error, received_ns, claim";

std::string number(std::int64_t n) { return std::to_string(n); }
std::string stored(utc_time t) { return number(detail::to_stored_time(t)); }
std::string state_number(inbox_state s) { return number(static_cast<std::int64_t>(s)); }

inbox_entry read_entry(const postgres_result& r, int row) {
    inbox_entry e;
    e.sequence = r.integer(row, 0);
    e.event_id = r.text(row, 1);
    e.order.key = {r.text(row, 2), static_cast<std::int32_t>(r.integer(row, 3)), r.text(row, 4)};
    e.order.etag = r.text(row, 5);
    e.order.last_modification = detail::from_stored_time(r.integer(row, 6));
    e.order.json = r.text(row, 7);
    e.state = static_cast<inbox_state>(r.integer(row, 8));
    e.attempts = static_cast<int>(r.integer(row, 9));
    e.last_error = r.text(row, 10);
    e.received = detail::from_stored_time(r.integer(row, 11));
    e.claim = r.integer(row, 12);
    return e;
}

class postgres_push_inbox final : public push_inbox {
public:
    postgres_push_inbox(const std::string& url, std::size_t connections)
        : pool_(url, "push inbox", connections),
          commits_([this](const std::vector<const push_event*>& events) { return write_batch(events); }) {
        pool_.take()->migrate("push_inbox", schema_steps);
    }

    append_result append(const push_event& event) override { return commits_.append(event); }

    void append_then(push_event event, append_callback done) override { commits_.append_then(std::move(event), std::move(done)); }

    std::optional<inbox_entry> claim(utc_time now, std::chrono::seconds lease) override {
        auto db = pool_.take();
        const auto claimed = db->exec(
            std::string("UPDATE beezup_push_inbox SET state = 1, due_ns = $2, claim = claim + 1 WHERE sequence = ("
                        " SELECT e.sequence FROM beezup_push_inbox e"
                        " WHERE e.state IN (0, 1) AND e.due_ns <= $1"
                        " AND NOT EXISTS (SELECT 1 FROM beezup_push_inbox p WHERE p.order_key = e.order_key"
                        " AND p.sequence < e.sequence AND p.state IN (0, 1))"
                        " ORDER BY e.sequence LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING ") +
                entry_columns,
            {stored(now), stored(now + lease)});
        if (claimed.rows() == 0) return std::nullopt;
        return read_entry(claimed, 0);
    }

    bool complete(const inbox_entry& claimed) override {
        return pool_.take()
                   ->exec("UPDATE beezup_push_inbox SET state = 2 WHERE sequence = $1 AND state = 1 AND claim = $2",
                          {number(claimed.sequence), number(claimed.claim)})
                   .affected() == 1;
    }

    bool fail(const inbox_entry& claimed, const std::string& error_text, utc_time retry_at, bool dead) override {
        return pool_.take()
                   ->exec("UPDATE beezup_push_inbox SET state = $1, attempts = attempts + 1, last_error = $2, due_ns = $3"
                          " WHERE sequence = $4 AND state = 1 AND claim = $5",
                          {state_number(dead ? inbox_state::dead : inbox_state::pending), error_text, stored(retry_at),
                           number(claimed.sequence), number(claimed.claim)})
                   .affected() == 1;
    }

    std::vector<inbox_entry> dead_letters() override {
        const auto rows = pool_.take()->exec(std::string("SELECT ") + entry_columns +
                                             " FROM beezup_push_inbox WHERE state = 3 ORDER BY sequence");
        std::vector<inbox_entry> out;
        for (int i = 0; i < rows.rows(); ++i) out.push_back(read_entry(rows, i));
        return out;
    }

    bool replay(std::int64_t sequence) override {
        auto db = pool_.take();
        postgres_transaction transaction(*db);
        // A newer version of the order stored since: this one stays history.
        db->exec("UPDATE beezup_push_inbox d SET state = 4 WHERE d.sequence = $1 AND d.state = 3 AND EXISTS ("
                 " SELECT 1 FROM beezup_push_inbox n WHERE n.order_key = d.order_key"
                 " AND n.modified_ns > d.modified_ns AND n.state <> 4)",
                 {number(sequence)});
        const bool replayed =
            db->exec("UPDATE beezup_push_inbox SET state = 0, attempts = 0, due_ns = 0 WHERE sequence = $1 AND state = 3",
                     {number(sequence)})
                .affected() == 1;
        transaction.commit();
        return replayed;
    }

    std::size_t count(inbox_state state) override {
        const auto rows = pool_.take()->exec("SELECT count(*) FROM beezup_push_inbox WHERE state = $1", {state_number(state)});
        return static_cast<std::size_t>(rows.integer(0, 0));
    }

    std::optional<utc_time> last_modification() override {
        const auto rows = pool_.take()->exec("SELECT max(modified_ns) FROM beezup_push_inbox");
        if (rows.is_null(0, 0)) return std::nullopt;
        return detail::from_stored_time(rows.integer(0, 0));
    }

private:
    // On the group commit's writer thread: the batch in one transaction, committed (and durable,
    // with synchronous_commit) before any of its receivers answers 200.
    std::vector<append_result> write_batch(const std::vector<const push_event*>& events) {
        auto db = pool_.take();
        std::vector<append_result> results(events.size());
        postgres_transaction transaction(*db);
        // The orders' locks first, in key order: two batches touching the same orders (or the
        // same event, retried by BeezUP to another receiver) queue up instead of deadlocking.
        std::set<std::string> keys;
        for (const auto* event : events)
            for (const auto& o : event->orders) keys.insert(detail::inbox_order_key(o.key));
        for (const auto& key : keys) db->exec("SELECT pg_advisory_xact_lock(hashtext($1))", {"beezup push order " + key});
        const auto now = stored(std::chrono::system_clock::now());
        for (std::size_t i = 0; i < events.size(); ++i) {
            const auto& event = *events[i];
            auto& result = results[i];
            if (db->exec("INSERT INTO beezup_push_events (event_id, subscription_id, received_ns) VALUES ($1, $2, $3)"
                         " ON CONFLICT (event_id) DO NOTHING",
                         {event.event_id, event.subscription_id, now})
                    .affected() == 0) {
                result.duplicate_event = true;
                continue;
            }
            for (const auto& o : event.orders) {
                const auto key = detail::inbox_order_key(o.key);
                const auto newest = db->exec("SELECT max(modified_ns) FROM beezup_push_inbox WHERE order_key = $1", {key});
                // A version older than one already stored is history: kept, not dispatched.
                const bool stale = !newest.is_null(0, 0) && newest.integer(0, 0) > detail::to_stored_time(o.last_modification);
                const auto inserted = db->exec(
                    "INSERT INTO beezup_push_inbox (event_id, order_key, marketplace, account_id, order_id, etag,"
                    " modified_ns, json, state, due_ns, received_ns) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)"
                    " ON CONFLICT (order_key, etag) DO NOTHING",
                    {event.event_id, key, o.key.marketplace_technical_code, number(o.key.account_id), o.key.beezup_order_id, o.etag,
                     stored(o.last_modification), o.json, state_number(stale ? inbox_state::stale : inbox_state::pending), now});
                if (inserted.affected() == 0) ++result.duplicates;
                else if (stale) ++result.stale;
                else ++result.stored;
            }
        }
        transaction.commit();
        return results;
    }

    detail::postgres_pool pool_;
    detail::group_commit commits_;  // last: stopped (queue written) before the pool goes
};

}  // namespace

namespace detail {

std::shared_ptr<push_inbox> make_postgres_push_inbox(const std::string& url) {
    return std::make_shared<postgres_push_inbox>(url, 4);
}

}  // namespace detail
}  // namespace beezup
