#pragma once
// Injected failures, so that clients can be tested against a misbehaving BeezUP:
// "429=0.05,500=0.02,503=0.02,reset=0.01,slow=0.01:2s,truncate=0.01".

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace beezup::sandbox {

enum class fault_kind { none, status_429, status_500, status_503, reset, slow, truncate };

struct fault_rule {
    fault_kind kind = fault_kind::none;
    double probability = 0;
    std::chrono::milliseconds delay{0};  // for slow
};

/// Parses a fault specification; throws std::invalid_argument naming the bad part.
std::vector<fault_rule> parse_faults(const std::string& spec);

/// Draws, for each request, which fault (if any) it suffers. Thread-safe; deterministic for a seed.
class fault_injector {
public:
    fault_injector(std::vector<fault_rule> rules, std::uint64_t seed) : rules_(std::move(rules)), rng_(seed) {}

    /// The fault for the next request (kind none for most).
    fault_rule draw();
    void set_rules(std::vector<fault_rule> rules);
    std::uint64_t injected() const;

private:
    mutable std::mutex mutex_;
    std::vector<fault_rule> rules_;
    std::mt19937_64 rng_;
    std::uint64_t injected_ = 0;
};

}  // namespace beezup::sandbox
