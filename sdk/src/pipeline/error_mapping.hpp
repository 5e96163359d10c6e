#pragma once
// Turns a non-2xx response into the matching exception of the error tree.

#include "redactor.hpp"

#include <beezup/error.hpp>
#include <beezup/http.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace beezup::detail {

/// Throws the api_error subclass for `response.status`. The message names the request, the
/// status and the first error codes; it is scrubbed of secrets.
[[noreturn]] void throw_api_error(const http_request& request, const http_response& response,
                                  std::chrono::system_clock::time_point now, const redactor& redact);

}  // namespace beezup::detail
