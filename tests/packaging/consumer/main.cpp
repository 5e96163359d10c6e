#include <beezup/beezup.hpp>

#include <iostream>

int main() {
    beezup::client_options options;
    options.api_key = "unused";
    beezup::client client(options);
    std::cout << "beezup " << beezup::version_string << " client for " << client.options().base_url << "\n";
    // Invalid options must be refused with the SDK's own exception type.
    try {
        options.base_url = "not-a-url";
        beezup::client bad(options);
        return 1;
    } catch (const beezup::error&) {
    }
    return 0;
}
