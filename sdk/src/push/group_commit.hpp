#pragma once
// Group commit for the push inboxes: appends from every receiver thread queue up for one writer
// thread, which commits all that arrived meanwhile in one transaction. Each push is still durable
// before it is acknowledged (its callback runs after the commit), but many share one commit.

#include <beezup/push_inbox.hpp>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace beezup::detail {

class group_commit {
public:
    /// Writes a batch in one transaction and returns a result per event, in order; throws to fail
    /// the whole batch (every append of it gets the exception). Runs on the writer thread only.
    using batch_writer = std::function<std::vector<append_result>(const std::vector<const push_event*>& events)>;

    explicit group_commit(batch_writer write);
    /// Writes what is queued, then stops the writer.
    ~group_commit();
    group_commit(const group_commit&) = delete;
    group_commit& operator=(const group_commit&) = delete;

    /// Queues `event`; `done` runs on the writer thread once its batch is committed (or failed).
    void append_then(push_event event, push_inbox::append_callback done);
    /// Queues `event` and waits for its commit; rethrows the batch's failure.
    append_result append(const push_event& event);

private:
    struct pending {
        push_event event;
        push_inbox::append_callback done;
    };

    void write_loop() noexcept;
    void fail_queued(std::exception_ptr failure) noexcept;
    static void notify(pending& item, std::exception_ptr failure, const append_result& result) noexcept;

    batch_writer write_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<pending> queue_;
    bool stopping_ = false;
    std::thread writer_;  // last: started once the rest exists
};

}  // namespace beezup::detail
