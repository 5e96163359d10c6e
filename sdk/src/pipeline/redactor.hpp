#pragma once
// Removes secrets and buyer personal data from everything the SDK logs or puts in an exception.

#include <beezup/http.hpp>

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace beezup::detail {

inline constexpr std::string_view redacted_marker = "***";

class redactor {
public:
    /// Every later output has each occurrence of `secret` replaced. Empty secrets are ignored.
    void add_secret(std::string secret);
    /// The same for the secrets a URL carries: the values of its secret-looking query parameters
    /// and its password. For URLs the SDK hands to someone else, such as a push target.
    void add_url_secrets(std::string_view url);

    /// Replaces every known secret in free text.
    std::string scrub(std::string text) const;
    /// Header value as it may be shown: secret-bearing headers become "***".
    std::string header_value(std::string_view name, std::string_view value) const;
    /// URL with the values of secret-looking query parameters replaced.
    std::string url(std::string_view url) const;
    /// A body as it may be shown: JSON with personal data and secret fields replaced, at most
    /// `max_chars` long; anything that is not JSON is summarised by its size.
    std::string body(std::string_view body, std::size_t max_chars = 4096) const;

    static bool is_secret_header(std::string_view name);
    /// A query parameter whose value is a secret ("token", "sig", "api_key", ...).
    static bool is_secret_parameter(std::string_view name);
    static bool is_personal_or_secret_field(std::string_view name);

private:
    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;
};

}  // namespace beezup::detail
