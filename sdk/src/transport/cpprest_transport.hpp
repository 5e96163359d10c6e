#pragma once
// The HTTP transport over cpprestsdk. This header is cpprest-free; only the .cpp includes it.

#include <beezup/client_options.hpp>
#include <beezup/http_transport.hpp>

#include <memory>

namespace beezup::detail {

/// A transport that keeps one cpprest http_client (and so a pool of keep-alive connections) per
/// scheme, host and port. `options` gives TLS, proxy and body-size settings.
std::shared_ptr<http_transport> make_cpprest_transport(const client_options& options);

}  // namespace beezup::detail
