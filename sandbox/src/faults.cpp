#include "faults.hpp"

#include <sstream>

namespace beezup::sandbox {
namespace {

std::chrono::milliseconds parse_delay(const std::string& text) {
    std::size_t used = 0;
    const long long n = std::stoll(text, &used);
    const auto unit = text.substr(used);
    if (n < 0) throw std::invalid_argument("negative delay");
    if (unit == "ms") return std::chrono::milliseconds(n);
    if (unit == "s") return std::chrono::seconds(n);
    throw std::invalid_argument("delay unit must be ms or s");
}

}  // namespace

std::vector<fault_rule> parse_faults(const std::string& spec) {
    std::vector<fault_rule> rules;
    std::stringstream parts(spec);
    std::string part;
    double total = 0;
    while (std::getline(parts, part, ',')) {
        if (part.empty()) continue;
        const auto eq = part.find('=');
        if (eq == std::string::npos) throw std::invalid_argument("fault '" + part + "' needs NAME=PROBABILITY");
        const auto name = part.substr(0, eq);
        auto value = part.substr(eq + 1);
        fault_rule rule;
        if (name == "429") rule.kind = fault_kind::status_429;
        else if (name == "500") rule.kind = fault_kind::status_500;
        else if (name == "503") rule.kind = fault_kind::status_503;
        else if (name == "reset") rule.kind = fault_kind::reset;
        else if (name == "slow") rule.kind = fault_kind::slow;
        else if (name == "truncate") rule.kind = fault_kind::truncate;
        else throw std::invalid_argument("unknown fault '" + name + "'");
        try {
            if (rule.kind == fault_kind::slow) {
                const auto colon = value.find(':');
                if (colon == std::string::npos) throw std::invalid_argument("slow needs PROBABILITY:DELAY");
                rule.delay = parse_delay(value.substr(colon + 1));
                value = value.substr(0, colon);
            }
            std::size_t used = 0;
            rule.probability = std::stod(value, &used);
            if (used != value.size()) throw std::invalid_argument("trailing characters");
        } catch (const std::exception& e) {
            throw std::invalid_argument("fault '" + part + "': " + e.what());
        }
        if (!(rule.probability >= 0 && rule.probability <= 1))
            throw std::invalid_argument("fault '" + part + "': probability must be within 0..1");
        total += rule.probability;
        rules.push_back(rule);
    }
    if (total > 1.0 + 1e-9) throw std::invalid_argument("fault probabilities add up to more than 1");
    return rules;
}

fault_rule fault_injector::draw() {
    std::lock_guard lock(mutex_);
    if (rules_.empty()) return {};
    // 53 random bits -> [0, 1): the same on every standard library, unlike the distributions.
    const double x = static_cast<double>(rng_() >> 11) * (1.0 / 9007199254740992.0);
    double edge = 0;
    for (const auto& rule : rules_) {
        edge += rule.probability;
        if (x < edge) {
            ++injected_;
            return rule;
        }
    }
    return {};
}

void fault_injector::set_rules(std::vector<fault_rule> rules) {
    std::lock_guard lock(mutex_);
    rules_ = std::move(rules);
}

std::uint64_t fault_injector::injected() const {
    std::lock_guard lock(mutex_);
    return injected_;
}

}  // namespace beezup::sandbox
