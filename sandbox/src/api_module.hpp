#pragma once
// One area of the simulated API (orders, invoices, subscriptions, ...): it answers the calls
// under its paths and ignores the others. The server asks each module in turn.

#include "outcome.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace beezup::sandbox {

/// A request as the API layer sees it: cpprest-free, so that it can be tested directly.
struct api_call {
    std::string method;                          // "GET", "POST", ...
    std::vector<std::string> segments;           // path split on '/', decoded, without empties
    std::map<std::string, std::string> query;    // decoded
    std::map<std::string, std::string> headers;  // names lower-case
    std::string body;
};

/// An answer plus the headers that only some operations send.
struct api_answer {
    outcome result;
    std::map<std::string, std::string> headers;  // ETag, Last-Modified
    bool omit_body = false;                      // HEAD and 304
};

class api_module {
public:
    virtual ~api_module() = default;
    /// The answer to `call`, or nullopt when the path is not this module's.
    virtual std::optional<api_answer> handle(const api_call& call) = 0;
};

}  // namespace beezup::sandbox
