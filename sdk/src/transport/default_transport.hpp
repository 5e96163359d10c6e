#pragma once
// The SDK's own HTTP client transport (Boost.Beast, in beast_transport.cpp), run on the calling
// thread.

#include <beezup/client_options.hpp>
#include <beezup/http_transport.hpp>

#include <memory>

namespace beezup::detail {

/// A transport that keeps a pool of keep-alive connections per scheme, host and port, and opens
/// a connection of its own for each request that is not idempotent. `options` gives TLS, proxy and body-size settings.
std::shared_ptr<http_transport> make_default_transport(const client_options& options);

}  // namespace beezup::detail
