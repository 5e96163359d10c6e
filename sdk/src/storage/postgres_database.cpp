#include "postgres_database.hpp"

#include <beezup/error.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <string_view>

namespace beezup::detail {

bool is_postgres_url(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

postgres_result::~postgres_result() {
    if (result_) PQclear(result_);
}

int postgres_result::rows() const { return PQntuples(result_); }

bool postgres_result::is_null(int row, int column) const { return PQgetisnull(result_, row, column) == 1; }

std::string postgres_result::text(int row, int column) const {
    return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t postgres_result::integer(int row, int column) const {
    const char* value = PQgetvalue(result_, row, column);
    const auto length = static_cast<std::size_t>(PQgetlength(result_, row, column));
    std::int64_t n = 0;
    const auto [end, failure] = std::from_chars(value, value + length, n);
    if (failure != std::errc{} || end != value + length)
        throw error("PostgreSQL answered \"" + std::string(value, length) + "\" where the SDK expected an integer");
    return n;
}

std::int64_t postgres_result::affected() const {
    const char* tuples = PQcmdTuples(result_);
    std::int64_t n = 0;
    std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), n);
    return n;
}

postgres_database::postgres_database(const std::string& url, std::string role) : url_(url), role_(std::move(role)) {
    // libpq quotes a malformed URL (password included) in its message: check it first, and keep
    // the password to scrub it from any message that might still repeat it.
    char* error_text = nullptr;
    PQconninfoOption* options = PQconninfoParse(url_.c_str(), &error_text);
    if (!options) {
        if (error_text) PQfreemem(error_text);
        fail("the URL is malformed (expected postgresql://user[:password]@host[:port]/database[?parameters])");
    }
    for (auto* o = options; o->keyword; ++o)
        if (std::string_view(o->keyword) == "password" && o->val) password_ = o->val;
    PQconninfoFree(options);
    connect();
}

postgres_database::~postgres_database() {
    if (connection_) PQfinish(connection_);
}

void postgres_database::connect() {
    if (connection_) PQfinish(connection_);
    in_transaction_ = false;
    // Bounds for a dead or silent server (TCP keepalives, an unacknowledged write); the URL's own
    // parameters, expanded from dbname after these, win when it sets them.
    const char* keywords[] = {"connect_timeout", "keepalives", "keepalives_idle", "tcp_user_timeout", "options", "dbname", nullptr};
    const char* values[] = {"10", "1", "30", "30000", "-c statement_timeout=60000", url_.c_str(), nullptr};
    connection_ = PQconnectdbParams(keywords, values, 1);
    if (!connection_ || PQstatus(connection_) != CONNECTION_OK) {
        std::string why = connection_ ? PQerrorMessage(connection_) : "out of memory";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        // A transport failure, as the HTTP ones: the server is unreachable, not the request wrong.
        throw transport_error(transport_failure::connect, scrubbed(role_ + " (PostgreSQL): cannot connect: " + why));
    }
    // Notices (e.g. "relation already exists, skipping") are not errors: keep them off stderr.
    PQsetNoticeProcessor(connection_, [](void*, const char*) {}, nullptr);
}

postgres_result postgres_database::exec(const std::string& sql, const std::vector<std::optional<std::string>>& parameters) {
    if (PQstatus(connection_) != CONNECTION_OK) {
        // Only between transactions: inside one, the server has forgotten what came before.
        if (in_transaction_) {
            in_transaction_ = false;
            fail("the connection was lost during a transaction");
        }
        connect();
    }
    std::vector<const char*> values;
    values.reserve(parameters.size());
    for (const auto& p : parameters) values.push_back(p ? p->c_str() : nullptr);
    const auto send = [&] {
        return PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    };
    PGresult* raw = send();
    // A connection found dead by this statement (the server restarted since the last one): outside
    // a transaction, the statement goes once more on a new connection. What the stores send there
    // may be repeated: BEGIN, reads, a claim (a lost one lapses with its lease), and updates
    // guarded by their claim number.
    if (PQstatus(connection_) != CONNECTION_OK && !in_transaction_) {
        if (raw) PQclear(raw);
        connect();
        raw = send();
    }
    postgres_result result(raw);
    const auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string why = raw ? PQresultErrorMessage(raw) : "";
        if (why.empty()) why = PQerrorMessage(connection_);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        fail(why);
    }
    if (sql == "BEGIN") in_transaction_ = true;
    if (sql == "COMMIT" || sql == "ROLLBACK") in_transaction_ = false;
    return result;
}

void postgres_database::exec_script(const std::string& sql) {
    postgres_result result(PQexec(connection_, sql.c_str()));
    if (PQstatus(connection_) != CONNECTION_OK || PQresultStatus(result.raw()) != PGRES_COMMAND_OK)
        fail(PQerrorMessage(connection_));
}

void postgres_database::migrate(const std::string& component, const std::vector<std::string>& steps) {
    postgres_transaction transaction(*this);
    // One migrator at a time, whatever the component (they share beezup_schema, whose creation is
    // not safe to run concurrently); released at commit.
    exec("SELECT pg_advisory_xact_lock(hashtext('beezup schema'))");
    exec("CREATE TABLE IF NOT EXISTS beezup_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    const auto current = exec("SELECT version FROM beezup_schema WHERE component = $1", {component});
    const auto found = current.rows() ? current.integer(0, 0) : 0;
    if (found > static_cast<std::int64_t>(steps.size()))
        fail("the tables were made by a newer SDK (schema " + std::to_string(found) + ")");
    for (auto version = static_cast<std::size_t>(found); version < steps.size(); ++version) exec_script(steps[version]);
    exec("INSERT INTO beezup_schema (component, version) VALUES ($1, $2)"
         " ON CONFLICT (component) DO UPDATE SET version = excluded.version",
         {component, std::to_string(steps.size())});
    transaction.commit();
}

std::string postgres_database::scrubbed(std::string message) const {
    if (!password_.empty())
        for (auto at = message.find(password_); at != std::string::npos; at = message.find(password_, at + 3))
            message.replace(at, password_.size(), "***");
    return message;
}

void postgres_database::fail(const std::string& what) const { throw error(scrubbed(role_ + " (PostgreSQL): " + what)); }

postgres_transaction::~postgres_transaction() {
    if (done_) return;
    try {
        db_.exec("ROLLBACK");
    } catch (...) {
        // The connection is gone: the server rolled back by itself.
    }
}

void postgres_transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

}  // namespace beezup::detail
