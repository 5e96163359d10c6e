#include "clock.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>

namespace beezup::detail {

bool system_clock::sleep_until(std::chrono::steady_clock::time_point until, const cancellation_token& cancellation) {
    struct waker {
        std::mutex mutex;
        std::condition_variable cv;
        bool woken = false;
    };
    auto w = std::make_shared<waker>();
    const std::stop_callback registration(cancellation, [w] {
        std::lock_guard lock(w->mutex);
        w->woken = true;
        w->cv.notify_all();
    });
    std::unique_lock lock(w->mutex);
    w->cv.wait_until(lock, until, [&] { return w->woken; });
    return !w->woken;
}

}  // namespace beezup::detail
