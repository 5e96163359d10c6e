#pragma once
// Signing pushes as BeezUP does (docs/push.md): hex HMAC-SHA256, for the tests that send them.

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

namespace beezup::testing {

/// Lower-case hex HMAC-SHA256 of `data` with `key`.
inline std::string hex_hmac_sha256(const std::string& key, const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), digest, &length);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += digits[digest[i] >> 4];
        out += digits[digest[i] & 15];
    }
    return out;
}

}  // namespace beezup::testing
