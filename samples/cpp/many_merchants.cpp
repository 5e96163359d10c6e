// One process serving many merchants: one client per API key, each with its own rate governor
// (in Redis when BEEZUP_REDIS_URL is set, shared with the fleet's other processes for that key),
// and each merchant's incremental sync with a checkpoint of its own name in one shared store
// (BEEZUP_CHECKPOINTS: a SQLite file or a postgresql:// URL). A busy merchant never slows another.
//
// Merchants: BEEZUP_MERCHANTS="shop-a=KEY_A,shop-b=KEY_B" (default: two names on BEEZUP_API_KEY).

#include "connect.hpp"

#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

namespace {

std::map<std::string, std::string> merchants_from_environment() {
    std::map<std::string, std::string> merchants;
    if (const char* text = std::getenv("BEEZUP_MERCHANTS")) {
        std::stringstream in(text);
        for (std::string entry; std::getline(in, entry, ',');)
            if (const auto eq = entry.find('='); eq != std::string::npos) merchants[entry.substr(0, eq)] = entry.substr(eq + 1);
    } else if (const char* key = std::getenv("BEEZUP_API_KEY")) {
        merchants = {{"shop-a", key}, {"shop-b", key}};
    }
    return merchants;
}

}  // namespace

int main() {
    const auto merchants = merchants_from_environment();
    if (merchants.empty()) {
        std::cerr << "set BEEZUP_MERCHANTS=name=key,... or BEEZUP_API_KEY\n";
        return 2;
    }
    const char* checkpoints_env = std::getenv("BEEZUP_CHECKPOINTS");
    const auto default_checkpoints = std::filesystem::temp_directory_path() / ("beezup-merchants-" + std::to_string(::getpid()) + ".db");
    const std::string checkpoints = checkpoints_env ? checkpoints_env : default_checkpoints.string();
    std::map<std::string, std::size_t> handed;
    std::mutex mutex;
    std::vector<std::thread> workers;
    int failures = 0;
    for (const auto& [name, key] : merchants) {
        workers.emplace_back([&, name = name, key = key] {
            try {
                beezup::client_options options;
                options.api_key = key;
                if (const char* url = std::getenv("BEEZUP_BASE_URL")) options.base_url = url;
                if (const char* redis = std::getenv("BEEZUP_REDIS_URL")) options.rate_limit.shared_store_url = redis;
                options.user_name = name;
                beezup::client client(options);  // this merchant's own governor
                const auto store = beezup::make_checkpoint_store(checkpoints);
                beezup::order_sync_options sync_options;
                sync_options.name = name;  // one checkpoint per merchant in the shared store
                sync_options.initial_since = std::chrono::system_clock::now() - std::chrono::days(7);
                beezup::order_sync sync(client, *store, sync_options);
                const auto n = sync.run([](const beezup::order&) { /* this merchant's shop */ });
                std::lock_guard lock(mutex);
                handed[name] = n;
            } catch (const beezup::error& e) {
                std::lock_guard lock(mutex);
                std::cerr << "failed: " << name << ": " << e.what() << "\n";
                ++failures;
            }
        });
    }
    for (auto& w : workers) w.join();
    for (const auto& [name, n] : handed) std::cout << name << ": " << n << " orders new or changed\n";
    if (!checkpoints_env) std::filesystem::remove(default_checkpoints);
    return failures == 0 && handed.size() == merchants.size() ? 0 : 1;
}
