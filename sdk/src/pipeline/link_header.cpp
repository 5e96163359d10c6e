#include "link_header.hpp"

#include <algorithm>
#include <cctype>

namespace beezup::detail {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool same_text(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

/// Whether the parameters of one link (";rel=\"next\"; title=...") name `rel`.
bool names_relation(std::string_view parameters, std::string_view rel) {
    for (std::size_t start = 0; start < parameters.size();) {
        auto semicolon = parameters.find(';', start);
        if (semicolon == std::string_view::npos) semicolon = parameters.size();
        const auto parameter = parameters.substr(start, semicolon - start);
        start = semicolon + 1;
        const auto eq = parameter.find('=');
        if (eq == std::string_view::npos || !same_text(trim(parameter.substr(0, eq)), "rel")) continue;
        auto value = trim(parameter.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        for (std::size_t i = 0; i < value.size();) {
            const auto space = std::min(value.find(' ', i), value.size());
            if (same_text(value.substr(i, space - i), rel)) return true;
            i = space + 1;
        }
    }
    return false;
}

}  // namespace

std::optional<std::string> link_target(std::string_view header, std::string_view rel) {
    for (std::size_t pos = 0;;) {
        const auto open = header.find('<', pos);
        if (open == std::string_view::npos) return std::nullopt;
        const auto close = header.find('>', open);
        if (close == std::string_view::npos) return std::nullopt;
        // The link's parameters run to the next comma outside a quoted string.
        auto end = close + 1;
        for (bool quoted = false; end < header.size() && (quoted || header[end] != ','); ++end)
            if (header[end] == '"') quoted = !quoted;
        if (names_relation(header.substr(close + 1, end - close - 1), rel))
            return std::string(header.substr(open + 1, close - open - 1));
        pos = end;
    }
}

std::optional<std::string> query_parameter(std::string_view uri, std::string_view name) {
    uri = uri.substr(0, uri.find('#'));
    const auto query = uri.find('?');
    if (query == std::string_view::npos) return std::nullopt;
    for (auto rest = uri.substr(query + 1); !rest.empty();) {
        const auto amp = rest.find('&');
        const auto parameter = rest.substr(0, amp);
        const auto eq = parameter.find('=');
        if (parameter.substr(0, eq) == name)
            return std::string(eq == std::string_view::npos ? std::string_view() : parameter.substr(eq + 1));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return std::nullopt;
}

}  // namespace beezup::detail
