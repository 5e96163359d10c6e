#include "group_commit.hpp"

#include <beezup/error.hpp>

#include <future>
#include <iterator>

namespace beezup::detail {

group_commit::group_commit(batch_writer write) : write_(std::move(write)), writer_([this] { write_loop(); }) {}

group_commit::~group_commit() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    writer_.join();
}

void group_commit::append_then(push_event event, push_inbox::append_callback done) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw error("push inbox: closed");
        queue_.push_back({std::move(event), std::move(done)});
    }
    changed_.notify_one();
}

append_result group_commit::append(const push_event& event) {
    std::promise<append_result> result;
    auto done = result.get_future();
    append_then(event, [&result](std::exception_ptr failure, const append_result& stored) {
        if (failure) result.set_exception(failure);
        else result.set_value(stored);
    });
    return done.get();  // rethrows the commit's failure
}

// Nothing escapes this thread: a failure answers the appends it concerns, and a failing callback
// costs only its own answer.
void group_commit::write_loop() noexcept {
    try {
        while (true) {
            std::vector<pending> batch;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;  // stopping, nothing left to write
                batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
                queue_.clear();
            }
            std::vector<const push_event*> events;
            events.reserve(batch.size());
            for (const auto& item : batch) events.push_back(&item.event);
            std::vector<append_result> results;
            try {
                results = write_(events);
                if (results.size() != batch.size()) throw error("push inbox: a batch's results do not match its appends");
            } catch (...) {
                for (auto& item : batch) notify(item, std::current_exception(), {});
                continue;
            }
            for (std::size_t i = 0; i < batch.size(); ++i) notify(batch[i], nullptr, results[i]);
        }
    } catch (...) {
        fail_queued(std::current_exception());
    }
}

void group_commit::notify(pending& item, std::exception_ptr failure, const append_result& result) noexcept {
    try {
        item.done(failure, result);
    } catch (...) {
    }
}

void group_commit::fail_queued(std::exception_ptr failure) noexcept {
    std::unique_lock lock(mutex_);
    stopping_ = true;  // nothing can write any more: refuse what comes
    auto left = std::move(queue_);
    queue_.clear();
    lock.unlock();
    for (auto& item : left) notify(item, failure, {});
}

}  // namespace beezup::detail
