// Writes the orders of the last 30 days to a CSV file (one row per item, ';' for spreadsheets
// in French locales) with the SDK's csv_writer.

#include "connect.hpp"

#include <filesystem>
#include <fstream>

int main(int argc, char** argv) {
    auto client = client_from_environment("sample-csv-export");
    if (!client) return 2;
    const std::string path = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / "beezup-orders.csv").string();
    try {
        beezup::order_filter filter;
        filter.begin = std::chrono::system_clock::now() - std::chrono::days(30);
        std::ofstream out(path, std::ios::binary);
        beezup::csv_options options;
        options.separator = ';';
        beezup::csv_writer writer(out, options);
        std::size_t orders = 0;
        for (const auto& o : client->orders().all(filter)) {
            writer.write(o);
            ++orders;
        }
        out.close();
        if (!out) {
            std::cerr << "failed: cannot write " << path << "\n";
            return 1;
        }
        std::cout << orders << " orders, " << writer.rows() << " rows written to " << path << "\n";
        return orders > 0 && writer.rows() >= orders ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
