#pragma once
/// @file
/// Everything a client can be configured with, and the defaults.

#include <beezup/logging.hpp>
#include <beezup/rate_limit_options.hpp>
#include <beezup/retry_options.hpp>
#include <beezup/tls_options.hpp>

#include <chrono>
#include <cstddef>
#include <string>

namespace beezup {

/// Options of a beezup::client. The library reads no environment variable: fill this struct
/// from your own configuration.
struct client_options {
    /// Root of the API; every path the SDK calls is relative to it.
    std::string base_url = "https://api.beezup.com";
    /// Sent as the Ocp-Apim-Subscription-Key header; never logged.
    std::string api_key;
    /// The `userName` query parameter BeezUP requires on order changes and invoice generation.
    std::string user_name;
    /// Appended to "beezup-sdk-cpp/<version>" in the User-Agent header, e.g. "my-shop/2.3".
    std::string user_agent_suffix;

    std::chrono::milliseconds connect_timeout{10'000};    ///< to establish a connection
    std::chrono::milliseconds request_timeout{60'000};    ///< for one attempt of one request
    std::chrono::milliseconds operation_timeout{300'000}; ///< for a whole call, retries included

    tls_options tls;
    /// HTTP proxy URL such as "http://proxy:3128"; empty for a direct connection.
    std::string proxy_url;
    /// Ask for gzip/deflate bodies and decode them.
    bool accept_compressed = true;
    /// Largest response body accepted, after decompression.
    std::size_t max_response_body_bytes = 64u * 1024u * 1024u;

    retry_options retry;
    rate_limit_options rate_limit;

    log_handler logger;             ///< unset: no logging
    log_level min_log_level = log_level::info;
};

}  // namespace beezup
