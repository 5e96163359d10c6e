#include <beezup/client.hpp>
#include <beezup/order_sync.hpp>

namespace beezup {

order_sync::order_sync(client& c, checkpoint_store& store, order_sync_options options)
    : client_(c), store_(store), options_(std::move(options)) {}

std::size_t order_sync::run(const std::function<void(const order&)>& handler) {
    auto checkpoint = store_.load(options_.name).value_or(sync_checkpoint{options_.initial_since, {}});
    auto filter = options_.filter;
    filter.date_type = date_search_type::modification;
    filter.begin = checkpoint.modified_since - options_.overlap;
    filter.end = {};
    std::size_t handed = 0;
    for (const auto& o : client_.orders().all(filter)) {
        const auto version = o.key.beezup_order_id + "\n" + o.etag;
        if (checkpoint.delivered.count(version)) continue;
        handler(o);
        ++handed;
        // Commit: this version is done. Keep only what the next overlap can bring back.
        checkpoint.modified_since = std::max(checkpoint.modified_since, o.last_modification_date);
        checkpoint.delivered[version] = o.last_modification_date;
        // Only the overlap can bring a version back: forget what is older.
        const auto horizon = checkpoint.modified_since - options_.overlap;
        std::erase_if(checkpoint.delivered, [&](const auto& entry) { return entry.second < horizon; });
        store_.save(options_.name, checkpoint);
    }
    return handed;
}

}  // namespace beezup
