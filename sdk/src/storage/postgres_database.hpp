#pragma once
// A thin layer over libpq for the SDK's shared stores (the push inbox and sync checkpoints on
// PostgreSQL). Every failure throws beezup::error naming the store's role and PostgreSQL's
// message (transport_error(connect) when the server cannot be reached), never the connection
// URL's password nor the data. Statements time out after 60 s unless the URL says otherwise.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace beezup::detail {

/// True for the URLs that name a PostgreSQL database: postgresql://... or postgres://...
bool is_postgres_url(const std::string& location);

/// A query's rows, as text.
class postgres_result {
public:
    explicit postgres_result(pg_result* result) : result_(result) {}
    ~postgres_result();
    postgres_result(postgres_result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    postgres_result(const postgres_result&) = delete;
    postgres_result& operator=(const postgres_result&) = delete;

    int rows() const;
    bool is_null(int row, int column) const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    /// Rows an INSERT, UPDATE or DELETE touched.
    std::int64_t affected() const;
    pg_result* raw() const noexcept { return result_; }

private:
    pg_result* result_;
};

/// One connection. Not thread-safe: each user holds its own, or serialises.
class postgres_database {
public:
    postgres_database(const std::string& url, std::string role);
    ~postgres_database();
    postgres_database(const postgres_database&) = delete;
    postgres_database& operator=(const postgres_database&) = delete;

    /// Runs one statement with text parameters ($1, $2, ...; nullopt is NULL). Outside a
    /// transaction, a statement that finds its connection lost (a server restart) is sent once more
    /// on a new connection; inside one, it fails (the server rolled the transaction back).
    postgres_result exec(const std::string& sql, const std::vector<std::optional<std::string>>& parameters = {});

    /// Runs statements separated by ';', without parameters (schema changes).
    void exec_script(const std::string& sql);

    /// Creates or upgrades `component`'s tables: `steps[i]` (a script) takes the schema from
    /// version i to i + 1. Processes starting together serialise on an advisory lock, so each step runs once.
    void migrate(const std::string& component, const std::vector<std::string>& steps);

    [[noreturn]] void fail(const std::string& what) const;
    /// `message` without the URL's password.
    std::string scrubbed(std::string message) const;

private:
    void connect();

    std::string url_;
    std::string role_;
    std::string password_;  // scrubbed from every message
    pg_conn* connection_ = nullptr;
    bool in_transaction_ = false;
};

/// BEGIN ... COMMIT; rolled back unless committed.
class postgres_transaction {
public:
    explicit postgres_transaction(postgres_database& db) : db_(db) { db_.exec("BEGIN"); }
    ~postgres_transaction();
    void commit();

private:
    postgres_database& db_;
    bool done_ = false;
};

}  // namespace beezup::detail
