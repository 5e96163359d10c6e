// The authenticity checks of push requests. Every comparison of a secret runs in constant time
// (OpenSSL's CRYPTO_memcmp), and no refusal reason carries a secret.

#include <beezup/error.hpp>
#include <beezup/push_authenticity.hpp>

#include "../pipeline/url_encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstring>

namespace beezup {
namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
    std::array<unsigned char, 32> digest{};
    unsigned int length = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
    return digest;
}

// Compares digests, in constant time: neither the secret's length nor where it differs shows.
bool same_secret(std::string_view a, std::string_view b) {
    const auto x = sha256(a), y = sha256(b);
    return CRYPTO_memcmp(x.data(), y.data(), x.size()) == 0;
}

std::string header(const push_http_request& r, const char* name) {
    const auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string() : it->second;
}

std::string hex_hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), digest, &length);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(digits[digest[i] >> 4]);
        out.push_back(digits[digest[i] & 0xf]);
    }
    return out;
}

class hmac_check final : public push_authenticator {
public:
    hmac_check(std::vector<std::string> secrets, std::chrono::seconds tolerance)
        : secrets_(std::move(secrets)), tolerance_(tolerance) {
        if (secrets_.empty()) throw error("hmac_signature needs at least one secret");
        if (tolerance_ < std::chrono::seconds(0) || tolerance_ > std::chrono::hours(24))
            throw error("hmac_signature: the tolerance must be between 0 and 24 hours");
        for (const auto& s : secrets_)
            if (s.empty()) throw error("hmac_signature: a secret is empty");
    }

    std::optional<std::string> refusal(const push_http_request& r, std::chrono::system_clock::time_point now) const override {
        const auto timestamp = header(r, "X-BeezUP-Timestamp");
        const auto signature = header(r, "X-BeezUP-Signature");
        if (timestamp.empty() || signature.empty()) return "no X-BeezUP-Timestamp or X-BeezUP-Signature header";
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
        if (ec != std::errc() || end != timestamp.data() + timestamp.size()) return "malformed X-BeezUP-Timestamp";
        // In whole seconds: a timestamp far from now must not overflow a finer clock.
        const auto now_seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        if (seconds < now_seconds - tolerance_.count() || seconds > now_seconds + tolerance_.count())
            return "X-BeezUP-Timestamp outside the tolerance window";
        constexpr std::string_view prefix = "sha256=";
        if (signature.rfind(prefix, 0) != 0) return "X-BeezUP-Signature is not sha256=<hex>";
        const std::string_view given(signature.data() + prefix.size(), signature.size() - prefix.size());
        std::string signed_text = timestamp;
        signed_text += '.';
        signed_text += r.body;
        // Every secret is tried, so the time taken does not tell which one matched.
        bool match = false;
        for (const auto& secret : secrets_) match |= same_secret(hex_hmac_sha256(secret, signed_text), given);
        if (!match) return "signature mismatch";
        return std::nullopt;
    }

private:
    std::vector<std::string> secrets_;
    std::chrono::seconds tolerance_;
};

class path_token_check final : public push_authenticator {
public:
    explicit path_token_check(std::string token) : token_(std::move(token)) {
        if (token_.empty()) throw error("token_in_path: the token is empty");
    }
    std::optional<std::string> refusal(const push_http_request& r, std::chrono::system_clock::time_point) const override {
        bool match = false;
        std::string_view rest = r.path;
        while (!rest.empty()) {
            const auto slash = rest.find('/');
            match |= same_secret(detail::percent_decode(rest.substr(0, slash)), token_);
            if (slash == std::string_view::npos) break;
            rest.remove_prefix(slash + 1);
        }
        if (!match) return "no valid token in the path";
        return std::nullopt;
    }

private:
    std::string token_;
};

class query_token_check final : public push_authenticator {
public:
    query_token_check(std::string parameter, std::string token) : parameter_(std::move(parameter)), token_(std::move(token)) {
        if (parameter_.empty() || token_.empty()) throw error("token_in_query: the parameter or the token is empty");
    }
    std::optional<std::string> refusal(const push_http_request& r, std::chrono::system_clock::time_point) const override {
        bool match = false;
        std::string_view rest = r.query;
        while (!rest.empty()) {
            const auto amp = rest.find('&');
            const auto pair = rest.substr(0, amp);
            const auto equals = pair.find('=');
            if (equals != std::string_view::npos && detail::percent_decode(pair.substr(0, equals)) == parameter_)
                match |= same_secret(detail::percent_decode(pair.substr(equals + 1)), token_);
            if (amp == std::string_view::npos) break;
            rest.remove_prefix(amp + 1);
        }
        if (!match) return "no valid token in the query";
        return std::nullopt;
    }

private:
    std::string parameter_, token_;
};

class basic_check final : public push_authenticator {
public:
    basic_check(const std::string& user, const std::string& password) : expected_(user + ":" + password) {
        if (user.empty() || password.empty()) throw error("basic_credentials: the user or the password is empty");
    }
    std::optional<std::string> refusal(const push_http_request& r, std::chrono::system_clock::time_point) const override {
        const auto authorization = header(r, "Authorization");
        constexpr std::string_view scheme = "Basic ";
        if (authorization.size() <= scheme.size() || authorization.compare(0, scheme.size(), scheme) != 0)
            return "no Basic credentials";
        const auto encoded = authorization.substr(scheme.size());
        if (encoded.size() % 4 != 0 || encoded.size() > 4096) return "malformed Basic credentials";
        std::string decoded(encoded.size() / 4 * 3, '\0');
        const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                      reinterpret_cast<const unsigned char*>(encoded.data()), static_cast<int>(encoded.size()));
        if (n < 0) return "malformed Basic credentials";
        // EVP_DecodeBlock counts the padding as zero bytes: drop them.
        std::size_t length = static_cast<std::size_t>(n);
        for (auto it = encoded.rbegin(); it != encoded.rend() && *it == '=' && length > 0; ++it) --length;
        decoded.resize(length);
        if (!same_secret(decoded, expected_)) return "wrong Basic credentials";
        return std::nullopt;
    }

private:
    std::string expected_;
};

// An IPv4 or IPv6 network: its address bytes and prefix length.
struct network {
    int family = AF_INET;
    std::array<unsigned char, 16> address{};
    int prefix = 0;
};

std::optional<network> parse_address(const std::string& text) {
    network n;
    if (inet_pton(AF_INET, text.c_str(), n.address.data()) == 1) {
        n.family = AF_INET;
        n.prefix = 32;
        return n;
    }
    if (inet_pton(AF_INET6, text.c_str(), n.address.data()) == 1) {
        n.family = AF_INET6;
        n.prefix = 128;
        return n;
    }
    return std::nullopt;
}

bool contains(const network& net, const network& address) {
    if (net.family != address.family) return false;
    const int whole = net.prefix / 8, bits = net.prefix % 8;
    if (std::memcmp(net.address.data(), address.address.data(), static_cast<std::size_t>(whole)) != 0) return false;
    if (bits == 0) return true;
    const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
    return (net.address[static_cast<std::size_t>(whole)] & mask) == (address.address[static_cast<std::size_t>(whole)] & mask);
}

class ip_check final : public push_authenticator {
public:
    explicit ip_check(const std::vector<std::string>& networks) {
        for (const auto& text : networks) {
            const auto slash = text.find('/');
            auto net = parse_address(text.substr(0, slash));
            if (!net) throw error("ip_allow_list: '" + text + "' is not an IP address or network");
            if (slash != std::string::npos) {
                const auto bits = text.substr(slash + 1);
                int prefix = -1;
                const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
                if (ec != std::errc() || end != bits.data() + bits.size() || prefix < 0 || prefix > net->prefix)
                    throw error("ip_allow_list: '" + text + "' has a bad prefix length");
                net->prefix = prefix;
            }
            networks_.push_back(*net);
        }
        if (networks_.empty()) throw error("ip_allow_list needs at least one network");
    }
    std::optional<std::string> refusal(const push_http_request& r, std::chrono::system_clock::time_point) const override {
        auto address = parse_address(r.remote_address);
        // An IPv4 peer seen through an IPv6 socket: ::ffff:a.b.c.d.
        if (address && address->family == AF_INET6 && std::memcmp(address->address.data(), "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0) {
            network v4;
            std::memcpy(v4.address.data(), address->address.data() + 12, 4);
            v4.prefix = 32;
            address = v4;
        }
        if (!address) return "no peer address";
        for (const auto& net : networks_)
            if (contains(net, *address)) return std::nullopt;
        return "peer address not in the allow list";
    }

private:
    std::vector<network> networks_;
};

}  // namespace

push_authenticator_ptr hmac_signature(std::vector<std::string> secrets, std::chrono::seconds tolerance) {
    return std::make_shared<hmac_check>(std::move(secrets), tolerance);
}
push_authenticator_ptr token_in_path(std::string token) { return std::make_shared<path_token_check>(std::move(token)); }
push_authenticator_ptr token_in_query(std::string parameter, std::string token) {
    return std::make_shared<query_token_check>(std::move(parameter), std::move(token));
}
push_authenticator_ptr basic_credentials(std::string user, std::string password) {
    return std::make_shared<basic_check>(user, password);
}
push_authenticator_ptr ip_allow_list(const std::vector<std::string>& networks) { return std::make_shared<ip_check>(networks); }

}  // namespace beezup
