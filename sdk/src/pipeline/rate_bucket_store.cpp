#include "rate_bucket_store.hpp"

#include <beezup/error.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace beezup::detail {
namespace {

/// A bucket whose state this process reads and writes itself, under the store's lock; the
/// arithmetic of the four operations (the Redis store runs the same in Lua).
class state_bucket_store : public rate_bucket_store {
public:
    std::optional<double> reserve(const token_bucket& bucket, double now, double latest_start) override {
        std::optional<double> wait;
        update([&](rate_bucket_state& s) {
            refill(bucket, s, now);
            const double start = earliest_start(bucket, s, now);
            if (start > latest_start) return;
            s.tokens -= 1;
            wait = start - now;
        });
        return wait;
    }

    void give_back(const token_bucket&, double) override {
        update([](rate_bucket_state& s) { s.tokens += 1; });
    }

    void pause(const token_bucket& bucket, double now, double until) override {
        update([&](rate_bucket_state& s) {
            refill(bucket, s, now);
            s.paused_until = std::max(s.paused_until, until);
        });
    }

    double wait(const token_bucket& bucket, double now) override {
        double wait = 0;
        update([&](rate_bucket_state& s) {
            if (!s.initialised) return;
            refill(bucket, s, now);
            wait = std::max(0.0, earliest_start(bucket, s, now) - now);
        });
        return wait;
    }

protected:
    /// Runs `change` on the state atomically with respect to every other user of the bucket.
    virtual void update(const std::function<void(rate_bucket_state&)>& change) = 0;

private:
    /// Initialises the bucket if new and adds the tokens earned since the last refill.
    static void refill(const token_bucket& bucket, rate_bucket_state& s, double now) {
        if (!s.initialised) s = {bucket.burst, now, 0, true};
        // A clock that went back refills nothing.
        s.tokens = std::min(bucket.burst, s.tokens + std::max(0.0, now - s.last_refill) * bucket.calls_per_second);
        s.last_refill = std::max(s.last_refill, now);
    }

    /// When the next caller may start, given pauses and the queue. Tokens may go negative: each
    /// negative token is a caller queued for the next refill.
    static double earliest_start(const token_bucket& bucket, const rate_bucket_state& s, double now) {
        const double queue_wait = s.tokens >= 1 ? 0.0 : (1 - s.tokens) / bucket.calls_per_second;
        return std::max(s.paused_until, now + queue_wait);
    }
};

class in_process_bucket_store final : public state_bucket_store {
public:
    bool shared_between_processes() const override { return false; }

private:
    void update(const std::function<void(rate_bucket_state&)>& change) override {
        std::lock_guard lock(mutex_);
        change(state_);
    }

    std::mutex mutex_;
    rate_bucket_state state_;
};

// The file holds one line of text: "tokens last_refill paused_until". flock() serialises the
// processes; the mutex serialises the threads of this one (flock is per open file description).
class lock_file_bucket_store final : public state_bucket_store {
public:
    explicit lock_file_bucket_store(const std::string& path) {
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0) throw error("cannot open the rate limit lock file '" + path + "': " + std::strerror(errno));
    }
    ~lock_file_bucket_store() override { ::close(fd_); }

    bool shared_between_processes() const override { return true; }

private:
    void update(const std::function<void(rate_bucket_state&)>& change) override {
        std::lock_guard lock(mutex_);
        while (::flock(fd_, LOCK_EX) != 0) {
            if (errno != EINTR) throw error(std::string("cannot lock the rate limit file: ") + std::strerror(errno));
        }
        struct unlocker {
            int fd;
            ~unlocker() { ::flock(fd, LOCK_UN); }
        } unlock{fd_};
        rate_bucket_state state;
        char text[128] = {};
        const auto n = ::pread(fd_, text, sizeof text - 1, 0);
        // A damaged file starts a fresh bucket rather than poisoning every process.
        if (n > 0 && std::sscanf(text, "%lf %lf %lf", &state.tokens, &state.last_refill, &state.paused_until) == 3 &&
            std::isfinite(state.tokens) && std::isfinite(state.last_refill) && std::isfinite(state.paused_until) &&
            std::fabs(state.tokens) < 1e9 && std::fabs(state.last_refill) < 1e12 && std::fabs(state.paused_until) < 1e12)
            state.initialised = true;
        else
            state = {};
        change(state);
        const int len = std::snprintf(text, sizeof text, "%.6f %.6f %.6f\n", state.tokens, state.last_refill, state.paused_until);
        if (len <= 0 || static_cast<std::size_t>(len) >= sizeof text ||
            ::pwrite(fd_, text, static_cast<std::size_t>(len), 0) != len || ::ftruncate(fd_, len) != 0)
            throw error(std::string("cannot write the rate limit file: ") + std::strerror(errno));
    }

    std::mutex mutex_;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<rate_bucket_store> make_in_process_bucket_store() { return std::make_unique<in_process_bucket_store>(); }

std::unique_ptr<rate_bucket_store> make_lock_file_bucket_store(const std::string& path) {
    return std::make_unique<lock_file_bucket_store>(path);
}

}  // namespace beezup::detail
