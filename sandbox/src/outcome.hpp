#pragma once
// What the sandbox answers to one operation, before it becomes an HTTP response.

#include <optional>
#include <string>

namespace beezup::sandbox {

struct outcome {
    int status = 200;
    std::string error_code, error_message;  // for non-2xx: BeezUP's error body
    std::optional<std::string> location;
    std::optional<int> retry_after_seconds;
    std::string body;                        // for 2xx with content
    std::string content_type = "application/json; charset=utf-8";

    static outcome error(int status, std::string code, std::string message) {
        outcome o;
        o.status = status;
        o.error_code = std::move(code);
        o.error_message = std::move(message);
        return o;
    }
    static outcome json(std::string body, int status = 200) {
        outcome o;
        o.status = status;
        o.body = std::move(body);
        return o;
    }
};

}  // namespace beezup::sandbox
