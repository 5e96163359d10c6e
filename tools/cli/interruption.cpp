#include "interruption.hpp"

#include "command_tree.hpp"

#include <csignal>
#include <cstdlib>
#include <thread>

namespace beezup::cli {
namespace {

cancellation_source& interruption_source() {
    static cancellation_source source;
    return source;
}

}  // namespace

void watch_interruptions() {
    static sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // A signal handler may not run stop callbacks; a thread that waits for the signal may.
    std::thread([] {
        int received = 0;
        sigwait(&signals, &received);
        interruption_source().request_stop();
        sigwait(&signals, &received);
        std::_Exit(exit_status::interrupted);
    }).detach();
}

cancellation_token interruption_token() { return interruption_source().get_token(); }

call_context interruptible(bool test_mode) {
    call_context context;
    context.cancellation = interruption_token();
    context.test_mode = test_mode;
    return context;
}

}  // namespace beezup::cli
