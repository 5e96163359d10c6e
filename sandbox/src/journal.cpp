#include "journal.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <stdexcept>

namespace beezup::sandbox {
namespace {

namespace json = boost::json;

std::int64_t to_ns(time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}
time_point from_ns(std::int64_t ns) {
    return time_point(std::chrono::duration_cast<time_point::duration>(std::chrono::nanoseconds(ns)));
}

json::object to_object(const std::map<std::string, std::string>& m) {
    json::object o;
    for (const auto& [k, v] : m) o[k] = v;
    return o;
}
std::map<std::string, std::string> to_map(const json::value& v) {
    std::map<std::string, std::string> m;
    for (const auto& [k, value] : v.as_object()) m[std::string(k)] = std::string(value.as_string());
    return m;
}

}  // namespace

std::optional<std::pair<journal_header, std::vector<journal_entry>>> journal::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::pair<journal_header, std::vector<journal_entry>> result;
    std::string line;
    std::size_t number = 0;
    bool has_header = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        try {
            const auto v = json::parse(line);
            const auto& o = v.as_object();
            if (!has_header) {
                result.first = {static_cast<std::uint64_t>(o.at("seed").to_number<std::uint64_t>()),
                                static_cast<std::size_t>(o.at("orders").to_number<std::uint64_t>()),
                                from_ns(o.at("started").to_number<std::int64_t>())};
                has_header = true;
                continue;
            }
            journal_entry e;
            e.at = from_ns(o.at("at").to_number<std::int64_t>());
            if (const auto* advance = o.if_contains("advance")) {
                e.advance = std::chrono::seconds(advance->to_number<std::int64_t>());
            } else {
                e.call.method = std::string(o.at("method").as_string());
                for (const auto& s : o.at("segments").as_array()) e.call.segments.emplace_back(s.as_string());
                e.call.query = to_map(o.at("query"));
                e.call.headers = to_map(o.at("headers"));
                e.call.body = std::string(o.at("body").as_string());
            }
            result.second.push_back(std::move(e));
        } catch (const std::exception& e) {
            // A line cut short by a crash can only be the last one: drop it, refuse anything else.
            if (in.peek() == std::char_traits<char>::eof() && has_header) break;
            throw std::runtime_error("state file " + path + " is damaged at line " + std::to_string(number) + ": " + e.what());
        }
    }
    if (!has_header) return std::nullopt;
    return result;
}

journal::journal(const std::string& path, const journal_header& header, bool is_new) {
    out_.open(path, std::ios::app);
    if (!out_) throw std::runtime_error("cannot open the state file " + path);
    if (is_new)
        write_line(json::serialize(json::object{{"seed", header.seed}, {"orders", header.orders}, {"started", to_ns(header.started)}}));
}

void journal::record(time_point at, const api_call& call) {
    json::array segments;
    for (const auto& s : call.segments) segments.emplace_back(s);
    auto headers = call.headers;
    headers.erase("ocp-apim-subscription-key");  // never written to disk
    write_line(json::serialize(json::object{{"at", to_ns(at)},
                                            {"method", call.method},
                                            {"segments", segments},
                                            {"query", to_object(call.query)},
                                            {"headers", to_object(headers)},
                                            {"body", call.body}}));
}

void journal::record_advance(time_point at, std::chrono::seconds by) {
    write_line(json::serialize(json::object{{"at", to_ns(at)}, {"advance", by.count()}}));
}

void journal::write_line(const std::string& line) {
    std::lock_guard lock(mutex_);
    out_ << line << '\n';
    out_.flush();
}

}  // namespace beezup::sandbox
