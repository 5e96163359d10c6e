// A dispatch worker process for the fleet tests: dispatches from the inbox at INBOX (a SQLite
// file or a postgresql:// URL) with a lease of LEASE seconds, and appends one line per delivery
// to OUTPUT: "monotonic_ns order_key etag modified_ns idempotency_key". Prints "dispatching" once
// ready, then runs until killed.
//
//   push_dispatcher_child INBOX OUTPUT LEASE

#include <beezup/push_dispatcher.hpp>

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: push_dispatcher_child INBOX OUTPUT LEASE\n";
        return 2;
    }
    const int out = ::open(argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (out < 0) return 1;
    beezup::push_dispatcher_options options;
    options.lease = std::chrono::seconds(std::stoi(argv[3]));
    options.idle_wait = std::chrono::milliseconds(20);
    beezup::push_dispatcher dispatcher(beezup::make_push_inbox(argv[1]), [out](const beezup::push_delivery& d) {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        const auto& k = d.pushed.key;
        const auto line = std::to_string(static_cast<long long>(now.tv_sec) * 1'000'000'000LL + now.tv_nsec) + " " +
                          k.marketplace_technical_code + "/" + std::to_string(k.account_id) + "/" + k.beezup_order_id + " " +
                          d.pushed.etag + " " +
                          std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                             d.pushed.last_modification_date.time_since_epoch()).count()) +
                          " " + d.idempotency_key + "\n";
        if (::write(out, line.data(), line.size()) != static_cast<ssize_t>(line.size())) throw std::runtime_error("write");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // work in flight when a kill comes
    }, options);
    std::cout << "dispatching" << std::endl;
    std::stop_source never;
    dispatcher.run(never.get_token());
}
