#pragma once
// A few PostgreSQL connections shared by a store's threads: each statement sequence leases one,
// so receiver threads commit in parallel instead of queueing on one connection.

#include "postgres_database.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace beezup::detail {

class postgres_pool {
public:
    /// Opens the first connection at once (a wrong URL fails here); the others when needed.
    postgres_pool(std::string url, std::string role, std::size_t size);

    class lease {
    public:
        lease(postgres_pool& pool, std::unique_ptr<postgres_database> db) : pool_(pool), db_(std::move(db)) {}
        ~lease() { pool_.give_back(std::move(db_)); }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        postgres_database& operator*() const noexcept { return *db_; }
        postgres_database* operator->() const noexcept { return db_.get(); }

    private:
        postgres_pool& pool_;
        std::unique_ptr<postgres_database> db_;
    };

    lease take();

private:
    void give_back(std::unique_ptr<postgres_database> db);

    std::string url_, role_;
    std::size_t size_, opened_ = 0;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<postgres_database>> idle_;
};

}  // namespace beezup::detail
