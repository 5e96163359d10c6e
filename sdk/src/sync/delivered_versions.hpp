#pragma once
// A sync saves its checkpoint after every order, and the versions delivered within the overlap
// all stay until their window is complete: stores write only what changed since their last save.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace beezup::detail {

using delivered_versions = std::map<std::string, std::chrono::system_clock::time_point>;

struct delivered_changes {
    bool rewrite_all = false;  ///< nothing known of the stored rows: delete them, write `written`
    std::vector<std::pair<std::string, std::chrono::system_clock::time_point>> written;
    std::vector<std::string> erased;
};

/// From `before` (the versions last saved, or nullptr when unknown) to `now`.
inline delivered_changes changes_between(const delivered_versions* before, const delivered_versions& now) {
    delivered_changes changes;
    changes.rewrite_all = before == nullptr;
    for (const auto& [version, modified] : now) {
        if (before) {
            const auto it = before->find(version);
            if (it != before->end() && it->second == modified) continue;
        }
        changes.written.emplace_back(version, modified);
    }
    if (before)
        for (const auto& [version, modified] : *before)
            if (!now.count(version)) changes.erased.push_back(version);
    return changes;
}

/// What a store last wrote for each sync, so that a save writes only the difference.
class saved_versions {
public:
    /// Runs `write(changes)` (the store's transaction) with what changed for `name` since the last
    /// save or load. When it throws, what is stored becomes unknown: the next save rewrites it all.
    template <class Write>
    void save(const std::string& name, const delivered_versions& now, Write write) {
        const auto last = saved_.find(name);
        try {
            write(changes_between(last == saved_.end() ? nullptr : &last->second, now));
        } catch (...) {
            saved_.erase(name);
            throw;
        }
        saved_[name] = now;
    }

    /// The versions a load read back are what is stored.
    void loaded(const std::string& name, const delivered_versions& stored) { saved_[name] = stored; }

private:
    std::map<std::string, delivered_versions> saved_;
};

}  // namespace beezup::detail
