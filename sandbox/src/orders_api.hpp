#pragma once
// The order endpoints of the v3 API (/orders/v3/...), over an order_store.

#include "order_store.hpp"
#include "outcome.hpp"

#include <functional>
#include <map>
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

class orders_api {
public:
    explicit orders_api(order_store& store) : store_(store) {}

    /// Answers a call under /orders/v3/; nullopt when the path is not an order path.
    std::optional<api_answer> handle(const api_call& call);

private:
    api_answer list(const api_call& call, bool full);
    api_answer status(const api_call& call);
    api_answer get_order(const api_call& call, const order_key& key, bool head);
    api_answer history(const order_key& key, const std::string* execution);
    api_answer change(const api_call& call, const order_key& key, const std::string& change_type);
    api_answer merchant_info(const api_call& call, const order_key& key, bool set);
    api_answer batch(const api_call& call, const std::string& kind, const std::string& change_type);

    order_store& store_;
};

}  // namespace beezup::sandbox
