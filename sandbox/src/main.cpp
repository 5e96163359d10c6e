// beezup-sandbox: runs the BeezUP simulator until interrupted.

#include <beezup/sandbox/server.hpp>

#include <boost/program_options.hpp>

#include <csignal>
#include <iostream>

namespace po = boost::program_options;

int main(int argc, char** argv) {
    beezup::sandbox::server_options options;
    po::options_description description("beezup-sandbox: a local BeezUP order API\n\nOptions");
    description.add_options()
        ("help,h", "show this help")
        ("host", po::value(&options.host)->default_value(options.host), "address to listen on")
        ("port", po::value(&options.port)->default_value(0), "port to listen on; 0 picks a free one")
        ("api-key", po::value(&options.api_key), "key requests must send in Ocp-Apim-Subscription-Key")
        ("rate-limit", po::value(&options.rate_limit_per_minute)->default_value(100),
         "calls per minute before 429; 0 disables the limit");
    po::variables_map values;
    try {
        po::store(po::parse_command_line(argc, argv, description), values);
        po::notify(values);
    } catch (const po::error& e) {
        std::cerr << "beezup-sandbox: " << e.what() << "\n" << description;
        return 2;
    }
    if (values.count("help")) {
        std::cout << description;
        return 0;
    }

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the listener's threads start

    try {
        beezup::sandbox::server server(options);
        std::cout << "beezup-sandbox listening on " << server.base_url() << std::endl;
        int received = 0;
        sigwait(&signals, &received);
        std::cout << "beezup-sandbox stopping after " << server.requests_received() << " requests" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "beezup-sandbox: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
