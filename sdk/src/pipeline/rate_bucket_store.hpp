#pragma once
// Where the rate governor's token bucket lives: private to the process, shared by a machine's
// processes (a lock file), or shared by a fleet (Redis). Each store runs the bucket's four
// operations atomically with respect to every other user of the same bucket.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace beezup::detail {

/// The bucket's rules: `calls_per_second` tokens a second, at most `burst` saved up. Times are in
/// seconds, on the steady clock for a bucket private to the process and on the wall clock for
/// shared ones (steady clocks are not comparable across processes).
struct token_bucket {
    double calls_per_second = 100.0 / 60.0;
    double burst = 10.0;
};

/// The state a locally-held bucket keeps.
struct rate_bucket_state {
    double tokens = 0;
    double last_refill = 0;   ///< seconds
    double paused_until = 0;  ///< seconds; no call may start before
    bool initialised = false;
};

class rate_bucket_store {
public:
    virtual ~rate_bucket_store() = default;
    /// Takes a token and returns how long to wait before using it (seconds), or nullopt when that
    /// wait would end after `latest_start` (nothing is taken then).
    virtual std::optional<double> reserve(const token_bucket& bucket, double now, double latest_start) = 0;
    /// Returns a token taken by reserve() and never used.
    virtual void give_back(const token_bucket& bucket, double now) = 0;
    /// No call starts before `until` (the server's Retry-After).
    virtual void pause(const token_bucket& bucket, double now, double until) = 0;
    /// How long a caller would wait now.
    virtual double wait(const token_bucket& bucket, double now) = 0;
    /// True when times must come from the wall clock.
    virtual bool shared_between_processes() const = 0;
};

std::unique_ptr<rate_bucket_store> make_in_process_bucket_store();
/// A bucket kept in `path` under an exclusive file lock. Throws beezup::error when the file
/// cannot be opened.
std::unique_ptr<rate_bucket_store> make_lock_file_bucket_store(const std::string& path);
/// A bucket in Redis (`url`: redis://[:password@]host[:port][/db]), one per API key. While Redis
/// cannot be reached the process uses a bucket of its own, and `warn` says so once.
std::unique_ptr<rate_bucket_store> make_redis_bucket_store(const std::string& url, const std::string& api_key,
                                                           std::function<void(const std::string&)> warn);

}  // namespace beezup::detail
