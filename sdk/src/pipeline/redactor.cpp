#include "redactor.hpp"

#include "../json/redact_json.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace beezup::detail {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

}  // namespace

void redactor::add_secret(std::string secret) {
    if (secret.empty()) return;
    std::lock_guard lock(mutex_);
    if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end()) secrets_.push_back(std::move(secret));
    // Longest first, so that a secret containing another is replaced whole.
    std::sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string redactor::scrub(std::string text) const {
    std::lock_guard lock(mutex_);
    for (const auto& secret : secrets_) {
        if (text.find(secret) == std::string::npos) continue;
        std::string out;
        out.reserve(text.size());
        std::size_t from = 0;
        for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, from)) {
            out.append(text, from, pos - from).append(redacted_marker);
            from = pos + secret.size();
        }
        out.append(text, from, std::string::npos);
        text = std::move(out);
    }
    return text;
}

void redactor::add_url_secrets(std::string_view url) {
    // Values this short are no secret worth the name, and masking them would garble every message.
    constexpr std::size_t shortest = 4;
    auto add = [&](std::string_view value) {
        if (value.size() >= shortest) add_secret(std::string(value));
    };
    url = url.substr(0, url.find('#'));
    if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
        const auto authority = url.substr(scheme + 3, url.find_first_of("/?", scheme + 3) - (scheme + 3));
        const auto at = authority.rfind('@');
        if (at != std::string_view::npos) {
            const auto user_info = authority.substr(0, at);
            if (const auto colon = user_info.find(':'); colon != std::string_view::npos) add(user_info.substr(colon + 1));
        }
    }
    const auto query = url.find('?');
    if (query == std::string_view::npos) return;
    for (auto rest = url.substr(query + 1); !rest.empty();) {
        const auto amp = rest.find('&');
        const auto parameter = rest.substr(0, amp);
        if (const auto eq = parameter.find('='); eq != std::string_view::npos && is_secret_parameter(parameter.substr(0, eq)))
            add(parameter.substr(eq + 1));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
}

bool redactor::is_secret_parameter(std::string_view name) {
    return contains_any(lower(name), {"key", "secret", "token", "signature", "sig", "password"});
}

bool redactor::is_secret_header(std::string_view name) {
    const auto n = lower(name);
    return n == "authorization" || n == "proxy-authorization" || n == "cookie" || n == "set-cookie" ||
           contains_any(n, {"key", "secret", "token", "signature", "password"});
}

bool redactor::is_personal_or_secret_field(std::string_view name) {
    const auto n = lower(name);
    if (contains_any(n, {"secret", "password", "apikey", "api_key", "token", "signature"})) return true;
    // Buyer identity and the shipping address: names, contacts, addresses.
    if (n.rfind("order_buyer_", 0) == 0) return true;
    if (n.rfind("order_shipping_", 0) == 0)
        return contains_any(n, {"address", "name", "phone", "email", "civility", "company"}) &&
               n != "order_shipping_carriername";
    return contains_any(n, {"email", "phone"});
}

std::string redactor::header_value(std::string_view name, std::string_view value) const {
    if (is_secret_header(name)) return std::string(redacted_marker);
    return scrub(std::string(value));
}

std::string redactor::url(std::string_view url) const {
    std::string out(url);
    const auto query = out.find('?');
    if (query != std::string::npos) {
        std::size_t pos = query + 1;
        while (pos < out.size()) {
            auto end = out.find('&', pos);
            if (end == std::string::npos) end = out.size();
            const auto eq = out.find('=', pos);
            if (eq != std::string::npos && eq < end) {
                if (is_secret_parameter(std::string_view(out).substr(pos, eq - pos))) {
                    out = out.substr(0, eq + 1) + std::string(redacted_marker) + out.substr(end);
                    end = eq + 1 + redacted_marker.size();
                }
            }
            pos = end + 1;
        }
    }
    return scrub(std::move(out));
}

std::string redactor::body(std::string_view body, std::size_t max_chars) const {
    if (body.empty()) return {};
    auto redacted = json::redact_members(body, &redactor::is_personal_or_secret_field, redacted_marker);
    if (!redacted) return std::string("<").append(std::to_string(body.size())).append(" bytes, not JSON>");
    auto text = scrub(std::move(*redacted));
    if (text.size() > max_chars) {
        const auto more = std::to_string(text.size() - max_chars);
        text.resize(max_chars);
        text.append("...<").append(more).append(" more>");
    }
    return text;
}

}  // namespace beezup::detail
