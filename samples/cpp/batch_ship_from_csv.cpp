// Ships several orders in one call from a CSV file (marketplace;account;order id;carrier;tracking),
// with a result per order. Without a file argument, it writes one for three shippable orders.
// The CSV is read with libcsv (Debian libcsv-dev).

#include "connect.hpp"

#include <csv.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace {

using row = std::vector<std::string>;

std::vector<row> read_csv(const std::string& path) {
    struct state {
        std::vector<row> rows;
        row current;
    } s;
    csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL);
    csv_set_delim(&parser, ';');
    std::ifstream in(path, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    const auto on_field = [](void* field, size_t size, void* data) {
        static_cast<state*>(data)->current.emplace_back(static_cast<const char*>(field), size);
    };
    const auto on_row = [](int, void* data) {
        auto* st = static_cast<state*>(data);
        st->rows.push_back(std::move(st->current));
        st->current.clear();
    };
    if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &s) != text.size())
        throw beezup::error("cannot read " + path + ": " + csv_strerror(csv_error(&parser)));
    csv_fini(&parser, on_field, on_row, &s);
    csv_free(&parser);
    return s.rows;
}

std::string now_rfc3339() {
    const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

/// Three shippable Amazon orders, as a shop's shipping tool would export them.
void write_sample_file(beezup::client& client, const std::string& path) {
    beezup::order_filter filter;
    filter.begin = std::chrono::system_clock::now() - std::chrono::days(365);
    filter.marketplace_technical_codes = {"Amazon"};
    filter.statuses = {beezup::order_statuses::in_progress};
    std::ofstream out(path);
    out << "marketplace;account;order id;carrier;tracking\n";
    int written = 0;
    for (const auto& o : client.orders().all(filter)) {
        if (!o.find_change(beezup::change_types::ship) || o.processing) continue;
        out << o.key.marketplace_technical_code << ';' << o.key.account_id << ';' << o.key.beezup_order_id << ";DHL;JD00"
            << written << "\n";
        if (++written == 3) break;
    }
}

}  // namespace

int main(int argc, char** argv) {
    auto client = client_from_environment("sample-batch-ship-from-csv");
    if (!client) return 2;
    try {
        const std::string path = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / "beezup-shipments.csv").string();
        if (argc <= 1) write_sample_file(*client, path);
        const auto rows = read_csv(path);
        std::vector<beezup::batch_change> changes;
        for (std::size_t i = 1; i < rows.size(); ++i) {  // row 0 is the header
            const auto& r = rows[i];
            if (r.size() != 5) throw beezup::error(path + ": row " + std::to_string(i + 1) + " does not have 5 fields");
            changes.push_back({{r[0], std::stoi(r[1]), r[2]},
                               {{"order_Shipping_CarrierName", r[3]},
                                {"order_Shipping_Method", "Standard"},
                                {"order_Shipping_ShipperTrackingNumber", r[4]},
                                {"order_Shipping_FulfillmentDate", now_rfc3339()}}});
        }
        if (changes.empty()) {
            std::cerr << "failed: no shipment in " << path << "\n";
            return 1;
        }
        std::vector<beezup::batch_result> results;
        try {
            results = client->orders().change_batch(beezup::change_types::ship, changes);
        } catch (const beezup::batch_interrupted& stopped) {
            // Some requests of 100 were answered before one failed: report those, and name the rest.
            results = stopped.results();
            for (const auto& key : stopped.in_doubt())
                std::cerr << key.beezup_order_id << ": in doubt (read its history before shipping it again)\n";
            for (const auto& key : stopped.unsent()) std::cerr << key.beezup_order_id << ": not sent\n";
            std::cerr << "the batch stopped: " << stopped.what() << "\n";
        }
        std::size_t accepted = 0;
        for (const auto& result : results) {
            std::cout << result.key.beezup_order_id << ": " << (result.success ? "accepted" : "refused");
            for (const auto& e : result.errors) std::cout << " (" << e.code << ": " << e.message << ")";
            std::cout << "\n";
            accepted += result.success ? 1 : 0;
        }
        std::cout << accepted << " of " << changes.size() << " shipments accepted\n";
        return accepted == changes.size() ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
