// Prints BeezUP's order statuses and a marketplace's carriers, in French.
//
// Environment: BEEZUP_API_KEY (required), BEEZUP_BASE_URL (default: the real API).

#include <beezup/beezup.hpp>

#include <cstdlib>
#include <iostream>

int main() {
    const char* key = std::getenv("BEEZUP_API_KEY");
    if (!key || !*key) {
        std::cerr << "set BEEZUP_API_KEY (and BEEZUP_BASE_URL to use the sandbox)\n";
        return 2;
    }
    beezup::client_options options;
    options.api_key = key;
    if (const char* url = std::getenv("BEEZUP_BASE_URL")) options.base_url = url;
    options.user_agent_suffix = "sample-list-order-statuses/1.0";
    options.logger = [](beezup::log_level level, std::string_view line) {
        std::cerr << "[" << beezup::to_string(level) << "] " << line << "\n";
    };
    options.min_log_level = beezup::log_level::warning;

    try {
        beezup::client client(options);
        for (const char* list : {"BeezUPOrderState", "AmazonCarrierName"}) {
            const auto values = client.get_list_of_values(list, "fr");
            std::cout << list << " (" << values.items.size() << "):\n";
            for (const auto& item : values.items)
                std::cout << "  " << item.code_identifier << " = " << item.translation_text.value_or("?") << "\n";
        }
        // A second read is answered 304 Not Modified and served from the cache.
        client.get_list_of_values("BeezUPOrderState", "fr");
    } catch (const beezup::api_error& e) {
        std::cerr << "BeezUP refused: " << e.what() << "\n";
        return 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
