#pragma once
// Where the rate governor's token bucket lives. The governor only talks to this interface, so a
// bucket can be private to the process, shared by a machine's processes (lock file) or, later,
// shared by a fleet.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace beezup::detail {

/// State of a token bucket. Times are seconds on the steady clock for in-process buckets and
/// on the wall clock for shared ones (steady clocks are not comparable across processes).
struct rate_bucket_state {
    double tokens = 0;
    double last_refill = 0;   ///< seconds
    double paused_until = 0;  ///< seconds; no call may start before
    bool initialised = false;
};

class rate_bucket_store {
public:
    virtual ~rate_bucket_store() = default;
    /// Runs `update` on the state atomically with respect to every other user of the store.
    virtual void update(const std::function<void(rate_bucket_state&)>& update) = 0;
    /// True when times must come from the wall clock.
    virtual bool shared_between_processes() const = 0;
};

std::unique_ptr<rate_bucket_store> make_in_process_bucket_store();
/// A bucket kept in `path` under an exclusive file lock. Throws beezup::error when the file
/// cannot be opened.
std::unique_ptr<rate_bucket_store> make_lock_file_bucket_store(const std::string& path);

}  // namespace beezup::detail
