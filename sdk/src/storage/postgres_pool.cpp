#include "postgres_pool.hpp"

#include <beezup/error.hpp>

#include <chrono>

namespace beezup::detail {

postgres_pool::postgres_pool(std::string url, std::string role, std::size_t size)
    : url_(std::move(url)), role_(std::move(role)), size_(size == 0 ? 1 : size) {
    idle_.push_back(std::make_unique<postgres_database>(url_, role_));
    opened_ = 1;
}

postgres_pool::lease postgres_pool::take() {
    std::unique_lock lock(mutex_);
    if (idle_.empty() && opened_ < size_) {
        ++opened_;
        lock.unlock();
        try {
            return lease(*this, std::make_unique<postgres_database>(url_, role_));
        } catch (...) {
            std::lock_guard again(mutex_);
            --opened_;
            throw;
        }
    }
    // Every lease ends with its operation; a minute without one free means the store is stuck.
    if (!returned_.wait_for(lock, std::chrono::minutes(1), [&] { return !idle_.empty(); }))
        throw error(role_ + " (PostgreSQL): no connection became free within a minute");
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return lease(*this, std::move(db));
}

void postgres_pool::give_back(std::unique_ptr<postgres_database> db) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(db));
    }
    returned_.notify_one();
}

}  // namespace beezup::detail
