#pragma once
// Turning outcomes into cpprest responses, with BeezUP's error body.

#include "outcome.hpp"

#include <cpprest/http_msg.h>

#include <string>

namespace beezup::sandbox {

/// `{"errors":[{"code":..., "message":...}]}`
std::string error_body(const std::string& code, const std::string& message);

/// Sends `result`: status, Location, Retry-After, and the error or JSON body. `extra_headers`
/// run last (ETag, Last-Modified, ...).
void reply(const web::http::http_request& request, const outcome& result,
           const std::function<void(web::http::http_headers&)>& extra_headers = {});

}  // namespace beezup::sandbox
