#pragma once
// A thin RAII layer over SQLite's C API, for the SDK's embedded stores (sync checkpoints, the push
// inbox). Every failure throws beezup::error naming the database's role, never its content.

#include "stored_time.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace beezup::detail {

class sqlite_database {
public:
    /// Opens (creating) `path` for `role` ("checkpoint database", "push inbox"), in WAL mode, with
    /// a busy timeout so that processes sharing the file wait for each other's locks.
    sqlite_database(const std::string& path, std::string role);
    ~sqlite_database();
    sqlite_database(const sqlite_database&) = delete;
    sqlite_database& operator=(const sqlite_database&) = delete;

    void exec(const char* sql);
    sqlite3* handle() const noexcept { return db_; }
    [[noreturn]] void fail(std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string role_;
};

class sqlite_statement {
public:
    sqlite_statement(const sqlite_database& db, const char* sql);
    ~sqlite_statement();
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;

    sqlite_statement& bind(int index, std::string_view text);
    sqlite_statement& bind(int index, std::int64_t value);
    /// True while a row is available.
    bool row();
    /// Runs a statement that returns no row.
    void run();
    /// Ready for new bindings and another run.
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

private:
    const sqlite_database& db_;
    sqlite3_stmt* handle_ = nullptr;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back when left by an exception.
class sqlite_transaction {
public:
    explicit sqlite_transaction(sqlite_database& db);
    ~sqlite_transaction();
    void commit();

private:
    sqlite_database& db_;
    bool open_ = true;
};

}  // namespace beezup::detail
