// beezup: everyday order operations from a shell.
//
//   beezup demo                 runs the SDK against an in-process sandbox: pull, ship, follow
//   beezup list [--days N]      lists orders (BEEZUP_API_KEY, BEEZUP_BASE_URL, BEEZUP_USER_NAME)

#include <beezup/beezup.hpp>
#include <beezup/sandbox/server.hpp>

#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>
#include <map>

namespace po = boost::program_options;

namespace {

beezup::client_options options_from_environment() {
    beezup::client_options o;
    if (const char* v = std::getenv("BEEZUP_API_KEY")) o.api_key = v;
    if (const char* v = std::getenv("BEEZUP_BASE_URL")) o.base_url = v;
    if (const char* v = std::getenv("BEEZUP_USER_NAME")) o.user_name = v;
    o.user_agent_suffix = "beezup-cli";
    return o;
}

int demo(std::size_t orders) {
    beezup::sandbox::server_options sandbox;
    sandbox.api_key = "demo-key";
    sandbox.orders = orders;
    sandbox.change_delay = std::chrono::milliseconds(1500);
    beezup::sandbox::server server(sandbox);
    std::cout << "sandbox: " << server.base_url() << " with " << orders << " orders over the last 365 days\n";

    beezup::client_options options;
    options.base_url = server.base_url();
    options.api_key = "demo-key";
    options.user_name = "demo";
    beezup::client client(options);

    // 1. Pull the last 30 days.
    beezup::order_filter last_month;
    last_month.begin = std::chrono::system_clock::now() - std::chrono::days(30);
    last_month.date_type = beezup::date_search_type::purchase;
    std::map<std::string, int> by_status;
    std::optional<beezup::order> to_ship;
    auto range = client.orders().all(last_month);
    for (const auto& o : range) {
        ++by_status[o.status.str()];
        if (!to_ship && o.find_change(beezup::change_types::ship)) to_ship = o;
    }
    std::cout << "pulled " << range.calls() << " page(s):";
    for (const auto& [status, n] : by_status) std::cout << " " << status << "=" << n;
    std::cout << "\n";
    if (!to_ship) {
        std::cout << "no order to ship in the last 30 days\n";
        return 1;
    }

    // 2. Ship one with tracking and follow it until the marketplace confirms.
    const auto& ship = *to_ship->find_change(beezup::change_types::ship);
    std::string carrier;
    for (const auto& p : ship.parameters)
        if (p.name == "order_Shipping_CarrierName" && p.lov_href) {
            const auto name = p.lov_href->substr(p.lov_href->rfind('/') + 1);
            carrier = client.get_list_of_values(name).items.at(0).code_identifier;
        }
    beezup::shipment parcel;
    parcel.carrier = carrier;
    parcel.shipping_method = "Standard";
    parcel.tracking_number = "DEMO0001";
    parcel.tracking_url = "https://track.example/DEMO0001";
    std::cout << "shipping " << to_ship->key.marketplace_technical_code << " order " << to_ship->marketplace_order_id
              << " (" << to_ship->status.str() << ") with " << carrier << " DEMO0001\n";
    auto handle = client.orders().ship(to_ship->key, parcel);
    std::cout << "accepted by BeezUP, execution " << handle.execution_id() << "; waiting for the marketplace...\n";
    const auto shipped = handle.wait(beezup::call_context::with_timeout(std::chrono::minutes(1)));
    std::cout << "confirmed: status " << shipped.status.str() << ", marketplace status "
              << shipped.marketplace_status.value_or("?") << "\n";
    return shipped.status == beezup::order_statuses::shipped ? 0 : 1;
}

int list(int days) {
    beezup::client client(options_from_environment());
    beezup::order_filter f;
    f.begin = std::chrono::system_clock::now() - std::chrono::days(days);
    for (const auto& o : client.orders().all(f))
        std::cout << o.key.marketplace_technical_code << '\t' << o.marketplace_order_id << '\t' << o.status.str() << '\t'
                  << (o.total_price ? o.total_price->to_string() : "") << ' ' << o.currency_code.value_or("") << '\n';
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        std::cout << "usage: beezup demo [--orders N] | beezup list [--days N]\n";
        return argc < 2 ? 2 : 0;
    }
    const std::string command = argv[1];
    po::options_description description("options");
    std::size_t orders = 2000;
    int days = 7;
    description.add_options()("orders", po::value(&orders)->default_value(orders), "demo: orders in the sandbox")(
        "days", po::value(&days)->default_value(days), "list: days back");
    try {
        po::variables_map values;
        po::store(po::parse_command_line(argc - 1, argv + 1, description), values);
        po::notify(values);
        if (command == "demo") return demo(orders);
        if (command == "list") return list(days);
        std::cerr << "beezup: unknown command '" << command << "'\n";
        return 2;
    } catch (const po::error& e) {
        std::cerr << "beezup: " << e.what() << "\n" << description;
        return 2;
    } catch (const beezup::error& e) {
        std::cerr << "beezup: " << e.what() << "\n";
        return 1;
    }
}
