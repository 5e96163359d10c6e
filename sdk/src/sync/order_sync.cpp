#include <beezup/client.hpp>
#include <beezup/order_sync.hpp>

namespace beezup {

order_sync::order_sync(client c, checkpoint_store& store, order_sync_options options)
    : client_(std::move(c)), store_(store), options_(std::move(options)) {}

std::size_t order_sync::run(const std::function<void(const order&)>& handler, const call_context& context) {
    auto checkpoint = store_.load(options_.name).value_or(sync_checkpoint{options_.initial_since, {}});
    auto filter = options_.filter;
    filter.date_type = date_search_type::modification;
    filter.begin = checkpoint.modified_since - options_.overlap;
    filter.end = {};
    std::size_t handed = 0;
    // The checkpoint moves only to the start of the window being read (completed_until): the
    // server's order within a window is not documented, so a window counts only once complete.
    // Until then, the versions handed over are remembered and skipped when a run resumes.
    auto commit = [&](utc_time completed) {
        checkpoint.modified_since = std::max(checkpoint.modified_since, completed);
        const auto horizon = checkpoint.modified_since - options_.overlap;
        std::erase_if(checkpoint.delivered, [&](const auto& entry) { return entry.second < horizon; });
        store_.save(options_.name, checkpoint);
    };
    auto range = client_.orders().all(filter, context);
    for (auto it = range.begin(); it != range.end(); ++it) {
        const auto& o = *it;
        auto version = o.key.beezup_order_id + "\n" + o.etag;
        if (checkpoint.delivered.count(version)) continue;
        handler(o);
        ++handed;
        checkpoint.delivered[std::move(version)] = o.last_modification_date;
        commit(range.completed_until());
    }
    commit(range.completed_until());
    return handed;
}

}  // namespace beezup
