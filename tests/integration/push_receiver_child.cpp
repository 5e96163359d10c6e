// A push receiver process for the SIGKILL tests: push_server + the inbox at INBOX (a SQLite file,
// synchronous=FULL, or a postgresql:// URL), HMAC-checked. Prints "listening <url>" once ready,
// then serves until killed.
//
//   push_receiver_child INBOX PORT SECRET

#include <beezup/http_threads.hpp>
#include <beezup/push_server.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: push_receiver_child INBOX PORT SECRET\n";
        return 2;
    }
    beezup::set_http_threads(std::max(1u, std::thread::hardware_concurrency()));  // as a receiver should
    beezup::push_receiver_options options;
    options.authenticators = {beezup::hmac_signature({argv[3]})};
    auto receiver = std::make_shared<beezup::push_receiver>(beezup::make_push_inbox(argv[1]), options);
    beezup::push_server_options server_options;
    server_options.port = std::stoi(argv[2]);
    beezup::push_server server(receiver, server_options);
    std::cout << "listening " << server.url() << std::endl;
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
}
