#pragma once
// The stores a test runs on: an embedded SQLite file, or a database of its own in the PostgreSQL
// cluster that scripts/with_stores.sh started (BEEZUP_TEST_POSTGRESQL_URL). The same test cases
// run on both, so the PostgreSQL stores meet the SQLite ones' suites, not a thinner set.

#include <boost/test/unit_test.hpp>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

namespace beezup::testing {

enum class store_kind { sqlite, postgresql };

inline std::ostream& operator<<(std::ostream& os, store_kind kind) {
    return os << (kind == store_kind::sqlite ? "sqlite" : "postgresql");
}

inline const std::vector<store_kind> every_store_kind{store_kind::sqlite, store_kind::postgresql};

/// The administrator's URL of the test cluster; fails the test when it was not started.
inline std::string postgresql_admin_url() {
    const char* url = std::getenv("BEEZUP_TEST_POSTGRESQL_URL");
    if (!url || !*url)
        BOOST_FAIL("BEEZUP_TEST_POSTGRESQL_URL is not set: run the tests under scripts/with_stores.sh (scripts/test.sh does)");
    return url;
}

/// Runs one statement as the cluster's administrator.
inline void postgresql_admin(const std::string& sql) {
    PGconn* c = PQconnectdb(postgresql_admin_url().c_str());
    BOOST_REQUIRE_MESSAGE(PQstatus(c) == CONNECTION_OK, "cannot reach the test cluster: " << PQerrorMessage(c));
    PGresult* r = PQexec(c, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::string why = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
    BOOST_REQUIRE_MESSAGE(ok, sql << ": " << why);
}

/// A place for one store, removed afterwards: `location()` is what the SDK's factories take.
class store_location {
public:
    store_location(store_kind kind, const std::string& name) : kind_(kind) {
        static std::atomic<int> counter{0};
        const auto unique = std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(std::random_device{}() % 100000);
        if (kind == store_kind::sqlite) {
            folder_ = std::filesystem::temp_directory_path() / ("beezup-store-" + unique);
            std::filesystem::create_directories(folder_);
            location_ = (folder_ / (name + ".db")).string();
        } else {
            database_ = "beezup_test_" + unique;
            postgresql_admin("CREATE DATABASE " + database_);
            const auto admin = postgresql_admin_url();
            location_ = admin.substr(0, admin.rfind('/') + 1) + database_;
        }
    }
    ~store_location() {
        if (kind_ == store_kind::sqlite) {
            std::error_code ignored;
            std::filesystem::remove_all(folder_, ignored);
        } else {
            try {
                postgresql_admin("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
            } catch (...) {
            }
        }
    }
    store_location(const store_location&) = delete;
    store_location& operator=(const store_location&) = delete;

    const std::string& location() const noexcept { return location_; }
    store_kind kind() const noexcept { return kind_; }

private:
    store_kind kind_;
    std::filesystem::path folder_;
    std::string database_;
    std::string location_;
};

}  // namespace beezup::testing
