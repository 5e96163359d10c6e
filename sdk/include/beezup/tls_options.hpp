#pragma once
/// @file
/// TLS settings of the client.

#include <string>

namespace beezup {

struct tls_options {
    /// Verify the server's certificate chain and host name. Turning this off is for tests only.
    bool verify_peer = true;
    /// PEM file of extra trusted certificate authorities (e.g. a corporate proxy's or a test CA).
    std::string ca_file;
};

}  // namespace beezup
