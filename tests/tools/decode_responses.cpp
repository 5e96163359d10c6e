// Decodes API answers with the SDK's decoders, for tests written in Python: reads lines
// "<kind>\t<json>" on standard input and prints, per line, "ok", "decode_error\t<path>" or
// "foreign\t<what>" (any other exception: a bug).

#include "json/list_of_values_json.hpp"
#include "json/order_json.hpp"
#include "json/order_reports_json.hpp"

#include <beezup/error.hpp>

#include <functional>
#include <iostream>
#include <map>
#include <string>

namespace {

using decoder = std::function<void(std::string_view)>;
namespace json = beezup::detail::json;

const std::map<std::string, decoder>& decoders() {
    static const std::map<std::string, decoder> all = {
        {"order", [](std::string_view b) { json::decode_order(b); }},
        {"list_full", [](std::string_view b) { json::decode_order_list_full(b); }},
        {"list_light", [](std::string_view b) { json::decode_order_list_light(b); }},
        {"history", [](std::string_view b) { json::decode_change_history(b); }},
        {"change_report", [](std::string_view b) { json::decode_change_report(b); }},
        {"account_synchronizations", [](std::string_view b) { json::decode_account_synchronizations(b); }},
        {"exportations", [](std::string_view b) { json::decode_exportations(b); }},
        {"list_of_values", [](std::string_view b) { json::decode_list_of_values_items(b); }},
    };
    return all;
}

}  // namespace

int main() {
    std::string line;
    while (std::getline(std::cin, line)) {
        const auto tab = line.find('\t');
        const auto kind = line.substr(0, tab);
        const auto it = decoders().find(kind);
        if (tab == std::string::npos || it == decoders().end()) {
            std::cerr << "decode_responses: unknown kind '" << kind << "'\n";
            return 2;
        }
        try {
            it->second(std::string_view(line).substr(tab + 1));
            std::cout << "ok\n";
        } catch (const beezup::decode_error& e) {
            std::cout << "decode_error\t" << e.path() << "\t" << e.what() << "\n";
        } catch (const std::exception& e) {
            std::cout << "foreign\t" << typeid(e).name() << ": " << e.what() << "\n";
        } catch (...) {
            std::cout << "foreign\tnot a std::exception\n";
        }
    }
    return 0;
}
