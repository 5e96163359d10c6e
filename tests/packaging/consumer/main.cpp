#include <beezup/beezup.hpp>
#include <beezup/sandbox/server.hpp>

#include <iostream>

int main() {
    // The sandbox, in-process, as a user's test suite starts it.
    beezup::sandbox::server_options sandbox_options;
    sandbox_options.api_key = "consumer-key";
    sandbox_options.orders = 50;
    beezup::sandbox::server sandbox(sandbox_options);

    beezup::client_options options;
    options.api_key = "consumer-key";
    options.base_url = sandbox.base_url();
    beezup::client client(options);
    const auto statuses = client.get_list_of_values("BeezUPOrderState", "en");
    std::cout << "beezup " << beezup::version_string << ": " << statuses.items.size() << " order statuses from the sandbox at "
              << sandbox.base_url() << "\n";
    if (statuses.items.empty()) return 1;
    // Invalid options must be refused with the SDK's own exception type.
    try {
        options.base_url = "not-a-url";
        beezup::client bad(options);
        return 1;
    } catch (const beezup::error&) {
    }
    return 0;
}
