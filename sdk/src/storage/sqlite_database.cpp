#include "sqlite_database.hpp"

#include <beezup/error.hpp>

#include <chrono>
#include <limits>
#include <thread>

namespace beezup::detail {
namespace {

// How long a connection waits for another's lock before SQLITE_BUSY.
constexpr int busy_timeout_ms = 10'000;

}  // namespace

sqlite_database::sqlite_database(const std::string& path, std::string role) : role_(std::move(role)) {
    // A URL would become a file of that name; its password would be in the error messages.
    if (path.find("://") != std::string::npos)
        throw error("the " + role_ + " location is a URL, not a SQLite file: use make_push_inbox or make_checkpoint_store");
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
        SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw error("cannot open the " + role_ + " '" + path + "': " + message);
    }
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    // Switching a new file to WAL takes an exclusive lock, and SQLite answers SQLITE_BUSY without
    // waiting when connections opening the file together would deadlock: wait here instead.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    int status;
    while ((status = sqlite3_exec(db_, "PRAGMA journal_mode=WAL;", nullptr, nullptr, nullptr)) == SQLITE_BUSY &&
           std::chrono::steady_clock::now() < give_up)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (status != SQLITE_OK) fail(sqlite3_errmsg(db_));
}

sqlite_database::~sqlite_database() { sqlite3_close(db_); }

void sqlite_database::exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        fail(text);
    }
}

void sqlite_database::fail(std::string_view what) const { throw error(role_ + ": " + std::string(what)); }

sqlite_statement::sqlite_statement(const sqlite_database& db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db.handle(), sql, -1, &handle_, nullptr) != SQLITE_OK) db.fail(sqlite3_errmsg(db.handle()));
}

sqlite_statement::~sqlite_statement() { sqlite3_finalize(handle_); }

sqlite_statement& sqlite_statement::bind(int index, std::string_view text) {
    // A failed bind would leave NULL in its place: never store that silently.
    if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) db_.fail("a value over 2 GiB");
    if (sqlite3_bind_text(handle_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        db_.fail(sqlite3_errmsg(db_.handle()));
    return *this;
}

sqlite_statement& sqlite_statement::bind(int index, std::int64_t value) {
    if (sqlite3_bind_int64(handle_, index, value) != SQLITE_OK) db_.fail(sqlite3_errmsg(db_.handle()));
    return *this;
}

bool sqlite_statement::row() {
    const int status = sqlite3_step(handle_);
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    db_.fail(sqlite3_errmsg(db_.handle()));
}

void sqlite_statement::run() {
    while (row()) {
    }
}

void sqlite_statement::reset() {
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
}

std::int64_t sqlite_statement::integer(int column) const { return sqlite3_column_int64(handle_, column); }

std::string sqlite_statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(handle_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(handle_, column))) : std::string();
}

bool sqlite_statement::is_null(int column) const { return sqlite3_column_type(handle_, column) == SQLITE_NULL; }

sqlite_transaction::sqlite_transaction(sqlite_database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

sqlite_transaction::~sqlite_transaction() {
    if (open_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void sqlite_transaction::commit() {
    db_.exec("COMMIT");
    open_ = false;
}

}  // namespace beezup::detail
