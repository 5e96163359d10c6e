#include "rate_bucket_store.hpp"

#include <beezup/error.hpp>

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

class in_process_bucket_store final : public rate_bucket_store {
public:
    void update(const std::function<void(rate_bucket_state&)>& update) override {
        std::lock_guard lock(mutex_);
        update(state_);
    }
    bool shared_between_processes() const override { return false; }

private:
    std::mutex mutex_;
    rate_bucket_state state_;
};

// The file holds one line of text: "tokens last_refill paused_until". flock() serialises the
// processes; the mutex serialises the threads of this one (flock is per open file description).
class lock_file_bucket_store final : public rate_bucket_store {
public:
    explicit lock_file_bucket_store(const std::string& path) {
        fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd_ < 0)
            throw error("cannot open the rate limit lock file '" + path + "': " + std::strerror(errno));
    }
    ~lock_file_bucket_store() override { ::close(fd_); }

    void update(const std::function<void(rate_bucket_state&)>& update) override {
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
        update(state);
        const int len = std::snprintf(text, sizeof text, "%.6f %.6f %.6f\n", state.tokens, state.last_refill,
                                      state.paused_until);
        if (len <= 0 || static_cast<std::size_t>(len) >= sizeof text ||
            ::pwrite(fd_, text, static_cast<std::size_t>(len), 0) != len || ::ftruncate(fd_, len) != 0)
            throw error(std::string("cannot write the rate limit file: ") + std::strerror(errno));
    }
    bool shared_between_processes() const override { return true; }

private:
    std::mutex mutex_;
    int fd_ = -1;
};

}  // namespace

std::unique_ptr<rate_bucket_store> make_in_process_bucket_store() { return std::make_unique<in_process_bucket_store>(); }

std::unique_ptr<rate_bucket_store> make_lock_file_bucket_store(const std::string& path) {
    return std::make_unique<lock_file_bucket_store>(path);
}

}  // namespace beezup::detail
