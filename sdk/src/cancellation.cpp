#include <beezup/cancellation.hpp>

#include <list>
#include <mutex>

namespace beezup {
namespace detail {

struct cancellation_state {
    std::mutex mutex;
    bool cancelled = false;
    std::list<std::function<void()>> callbacks;
};

}  // namespace detail

bool cancellation_token::is_cancelled() const noexcept {
    if (!state_) return false;
    std::lock_guard lock(state_->mutex);
    return state_->cancelled;
}

std::shared_ptr<void> cancellation_token::on_cancel(std::function<void()> callback) const {
    if (!state_) return nullptr;
    std::unique_lock lock(state_->mutex);
    if (state_->cancelled) {
        lock.unlock();
        callback();
        return nullptr;
    }
    auto it = state_->callbacks.insert(state_->callbacks.end(), std::move(callback));
    std::weak_ptr<detail::cancellation_state> weak = state_;
    // The handle's deleter unregisters the callback.
    return std::shared_ptr<void>(nullptr, [weak, it](void*) {
        if (auto state = weak.lock()) {
            std::lock_guard guard(state->mutex);
            if (!state->cancelled) state->callbacks.erase(it);
        }
    });
}

cancellation_source::cancellation_source() : state_(std::make_shared<detail::cancellation_state>()) {}

void cancellation_source::cancel() {
    std::list<std::function<void()>> callbacks;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->cancelled) return;
        state_->cancelled = true;
        callbacks.swap(state_->callbacks);
    }
    for (auto& callback : callbacks) callback();
}

}  // namespace beezup
