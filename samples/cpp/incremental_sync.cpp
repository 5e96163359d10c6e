// Hands every order new or changed since the last run to the shop, each once, with a SQLite
// checkpoint: run it again and only what changed since comes.

#include "connect.hpp"

#include <filesystem>

int main(int argc, char** argv) {
    auto client = client_from_environment("sample-incremental-sync");
    if (!client) return 2;
    const std::string checkpoint = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / "beezup-sample-sync.db").string();
    try {
        const auto store = beezup::make_sqlite_checkpoint_store(checkpoint);
        beezup::order_sync_options options;
        options.name = "shop";
        options.initial_since = std::chrono::system_clock::now() - std::chrono::days(7);  // first run only
        beezup::order_sync sync(*client, *store, options);
        std::size_t shipped = 0;
        // The handler runs before the checkpoint moves past the order: a crash repeats, never skips.
        const auto handed = sync.run([&](const beezup::order& o) { shipped += o.status == beezup::order_statuses::shipped; });
        std::cout << handed << " orders new or changed (" << shipped << " shipped); checkpoint " << checkpoint << "\n";
        const auto again = sync.run([](const beezup::order&) {});
        std::cout << "a second run right after: " << again << " orders\n";
        if (argc <= 1) std::filesystem::remove(checkpoint);
        return handed > 0 ? 0 : 1;
    } catch (const beezup::error& e) {
        std::cerr << "failed: " << e.what() << "\n";
        return 1;
    }
}
