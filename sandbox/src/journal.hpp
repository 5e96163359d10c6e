#pragma once
// The sandbox's state file: the seed and start of its data, then every call that changed
// something, with the time it happened. Restoring regenerates the data and replays the calls at
// their recorded times, which gives back the same orders, ids and histories.

#include "api_module.hpp"
#include "order_model.hpp"

#include <chrono>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace beezup::sandbox {

struct journal_header {
    std::uint64_t seed = 0;
    std::size_t orders = 0;
    time_point started{};
};

struct journal_entry {
    time_point at{};
    std::optional<std::chrono::seconds> advance;  // a marketplace clock advance, else `call`
    api_call call;
};

class journal {
public:
    /// Reads an existing state file; nullopt when it does not exist. Throws std::runtime_error
    /// naming the line for a damaged file.
    static std::optional<std::pair<journal_header, std::vector<journal_entry>>> load(const std::string& path);

    /// Opens `path` for appending; writes `header` first when the file is new.
    journal(const std::string& path, const journal_header& header, bool is_new);

    void record(time_point at, const api_call& call);
    void record_advance(time_point at, std::chrono::seconds by);

private:
    void write_line(const std::string& line);
    std::mutex mutex_;
    std::ofstream out_;
};

}  // namespace beezup::sandbox
