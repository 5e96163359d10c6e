// The sandbox's command line, shared by beezup-sandbox and `beezup sandbox`.

#include "command_line.hpp"
#include <beezup/sandbox/server.hpp>

#include <boost/program_options.hpp>

#include <csignal>
#include <iostream>
#include <optional>
#include <string>

namespace po = boost::program_options;

namespace beezup::sandbox {
namespace {


/// "500ms", "2s", "1m", "1h" -> milliseconds; nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
    std::size_t used = 0;
    long long n = 0;
    try {
        n = std::stoll(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (n < 0) return std::nullopt;
    const auto unit = text.substr(used);
    if (unit == "ms") return std::chrono::milliseconds(n);
    if (unit == "s") return std::chrono::seconds(n);
    if (unit == "m") return std::chrono::minutes(n);
    if (unit == "h") return std::chrono::hours(n);
    return std::nullopt;
}

}  // namespace

int run_command_line(int argc, char** argv, const std::string& program) {
    beezup::sandbox::server_options options;
    std::string change_delay, harvest_interval;
    po::options_description description("usage: " + program + " [options]\n\nA local BeezUP order API, until SIGINT or SIGTERM.\n\nOptions");
    description.add_options()
        ("help,h", "show this help")
        ("host", po::value(&options.host)->default_value(options.host), "address to listen on")
        ("port", po::value(&options.port)->default_value(0), "port to listen on; 0 picks a free one")
        ("api-key", po::value(&options.api_key), "key requests must send in Ocp-Apim-Subscription-Key")
        ("rate-limit", po::value(&options.rate_limit_per_minute)->default_value(100),
         "calls per minute before 429; 0 disables the limit")
        ("seed", po::value(&options.seed)->default_value(options.seed), "seed of the generated data")
        ("orders", po::value(&options.orders)->default_value(options.orders), "orders over the last 365 days")
        ("change-delay", po::value(&change_delay)->default_value("2s"),
         "how long a change stays processing before the marketplace confirms it (e.g. 500ms, 2s, 1m)")
        ("new-orders-per-hour", po::value(&options.new_orders_per_hour)->default_value(0),
         "orders arriving on the marketplace clock")
        ("state", po::value(&options.state_file), "file in which the state survives restarts")
        ("control", po::bool_switch(&options.control_routes),
         "serve the sandbox's control routes (/_sandbox/clock, /_sandbox/faults, /_sandbox/stats) for tests")
        ("list-order", po::value(&options.list_order), "order of listed orders: oldest, newest or shuffled within a page")
        ("faults", po::value(&options.faults), "injected failures, e.g. 429=0.05,500=0.02,503=0.02,reset=0.01,slow=0.01:2s,truncate=0.01")
        ("harvest-interval", po::value(&harvest_interval)->default_value("10s"),
         "harvest calls closer than this get 409 with Retry-After")
        ("push-secret", po::value(&options.push_secret)->default_value(options.push_secret),
         "HMAC-SHA256 key of the X-BeezUP-Signature header of pushes to subscriptions (docs/push.md)")
        ("push-retry-base", po::value<std::string>()->default_value("5s")->notifier([&options](const std::string& text) {
             const auto d = parse_duration(text);
             if (!d) throw po::validation_error(po::validation_error::invalid_option_value, "push-retry-base", text);
             options.push_retry_base = *d;
         }), "delay before the first retry of a failed push; doubles each retry, at most 10 min (e.g. 100ms, 5s)")
        ("push-max-retries", po::value(&options.push_max_retries)->default_value(options.push_max_retries),
         "retries of a failed push before its subscription is deactivated (maxRetryCount)")
        ("push-timeout", po::value<std::string>()->default_value("10s")->notifier([&options](const std::string& text) {
             const auto d = parse_duration(text);
             if (!d) throw po::validation_error(po::validation_error::invalid_option_value, "push-timeout", text);
             options.push_timeout = *d;
         }), "time a subscription's target has to answer a push (e.g. 2s)")
        ("push-targets", po::value<std::string>()->default_value("loopback")->notifier([&options](const std::string& text) {
             if (text != "loopback" && text != "any")
                 throw po::validation_error(po::validation_error::invalid_option_value, "push-targets", text);
             options.push_to_any_target = text == "any";
         }), "where pushes may go: loopback (127.0.0.0/8, [::1], localhost) or any");
    po::variables_map values;
    try {
        po::store(po::parse_command_line(argc, argv, description), values);
        po::notify(values);
    } catch (const po::error& e) {
        std::cerr << program << ": " << e.what() << "\n" << description;
        return 2;
    }
    if (values.count("help")) {
        std::cout << description;
        return 0;
    }
    const auto delay = parse_duration(change_delay);
    const auto interval = parse_duration(harvest_interval);
    if (!delay || !interval) {
        std::cerr << program << ": durations look like 500ms, 2s, 1m or 1h\n";
        return 2;
    }
    options.change_delay = *delay;
    options.harvest_interval = std::chrono::ceil<std::chrono::seconds>(*interval);

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before the listener's threads start

    try {
        beezup::sandbox::server server(options);
        std::cout << program << " listening on " << server.base_url() << std::endl;
        int received = 0;
        sigwait(&signals, &received);
        std::cout << program << " stopping after " << server.requests_received() << " requests" << std::endl;
    } catch (const std::exception& e) {
        std::cerr << program << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace beezup::sandbox
