#pragma once
/// @file
/// The one-method interface between the SDK's pipeline and the network.

#include <beezup/cancellation.hpp>
#include <beezup/http.hpp>

#include <memory>

namespace beezup {

/// Sends one HTTP request and returns its response, whatever its status.
///
/// Implementations throw transport_error when no response is received, honour the request's
/// timeouts and the cancellation token, never send a request twice by themselves (see
/// http_request::idempotent), and must be safe to call from several threads. A client shares
/// ownership of its transport (std::shared_ptr) with its copies.
class http_transport {
public:
    virtual ~http_transport() = default;
    virtual http_response send(const http_request& request, const cancellation_token& cancellation) = 0;
};

}  // namespace beezup
