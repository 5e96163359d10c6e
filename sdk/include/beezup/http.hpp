#pragma once
/// @file
/// Plain HTTP request and response types exchanged with an http_transport.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace beezup {

/// Case-insensitive ordering for header names.
struct header_name_less {
    bool operator()(std::string_view a, std::string_view b) const noexcept;
    using is_transparent = void;
};

using http_headers = std::map<std::string, std::string, header_name_less>;

enum class http_method { get, head, post, put, patch, del };

/// Returns "GET", "HEAD", "POST", "PUT", "PATCH" or "DELETE".
const char* to_string(http_method method) noexcept;

struct http_request {
    http_method method = http_method::get;
    std::string url;      ///< absolute URL, query string included
    http_headers headers;
    std::string body;
    /// Time allowed for this attempt (connect + send + receive).
    std::chrono::milliseconds timeout{60'000};
    /// Time allowed to establish the connection, within `timeout`.
    std::chrono::milliseconds connect_timeout{10'000};
    /// Whether sending the request twice is harmless (GET, HEAD, a POST marked idempotent). A
    /// transport never sends a request twice by itself; one that is not idempotent also gets a
    /// connection of its own, so that no HTTP stack can replay it on a pooled connection.
    bool idempotent = false;
};

struct http_response {
    int status = 0;
    std::string reason;
    http_headers headers;
    std::string body;

    /// The header's value, if present.
    std::optional<std::string> header(std::string_view name) const;
};

}  // namespace beezup
