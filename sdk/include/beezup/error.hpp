#pragma once
/// @file
/// The exception tree every SDK call throws from.
///
///     beezup::error
///       transport_error            no HTTP response (connect, TLS, timeout, cancelled, reset)
///       api_error                  an HTTP response with a non-2xx status
///         bad_request_error        400
///         unauthorized_error       401
///         forbidden_error          403
///         not_found_error          404
///         conflict_error           409
///         precondition_failed_error 412
///         too_many_requests_error  429
///         server_error             5xx
///       decode_error               a 2xx body that does not match the model
///       invalid_request            refused before sending (a change not allowed, a missing field)
///       change_failed              the marketplace refused a change
///       push_rejected              a push request that failed its authenticity check
///
/// Messages never contain the API key or push secrets.

#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace beezup {

/// Base of every exception the SDK throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Why no HTTP response was received.
enum class transport_failure {
    connect,    ///< the connection could not be established (DNS, refused, proxy)
    tls,        ///< the TLS handshake or certificate check failed
    timeout,    ///< the per-request timeout or the operation's deadline expired
    cancelled,  ///< the caller's cancellation token fired
    connection, ///< the connection dropped while sending or receiving
    protocol,   ///< the response could not be read (malformed, body too large, bad encoding)
};

/// Returns a stable lower-case name: "connect", "tls", "timeout", ...
const char* to_string(transport_failure failure) noexcept;

/// No usable HTTP response was received.
class transport_error : public error {
public:
    transport_error(transport_failure failure, const std::string& message)
        : error(message), failure_(failure) {}
    transport_failure failure() const noexcept { return failure_; }

private:
    transport_failure failure_;
};

/// One entry of a BeezUP error body (`errors[]`). Both formats of the spec map here: `arguments`
/// as an object, or as a list of `{name, value}`. Non-string argument values keep their JSON text.
struct api_error_detail {
    std::string code;
    std::string message;
    std::optional<std::string> culture_name;
    std::optional<std::string> doc_url;
    std::map<std::string, std::string> arguments;
};

/// The server answered with a non-2xx status.
class api_error : public error {
public:
    struct response_info {
        int status = 0;
        std::vector<api_error_detail> details;
        std::string raw_body;                  ///< the body as received (decoded from gzip), maybe truncated
        std::optional<std::string> request_id; ///< a request correlation id, when the server sent one
        std::optional<std::chrono::seconds> retry_after;
        std::optional<std::string> location;   ///< the Location header (409 points at the running change)
    };

    api_error(const std::string& message, response_info info)
        : error(message), info_(std::move(info)) {}

    int status() const noexcept { return info_.status; }
    const std::vector<api_error_detail>& details() const noexcept { return info_.details; }
    const std::string& raw_body() const noexcept { return info_.raw_body; }
    const std::optional<std::string>& request_id() const noexcept { return info_.request_id; }
    const std::optional<std::chrono::seconds>& retry_after() const noexcept { return info_.retry_after; }
    const std::optional<std::string>& location() const noexcept { return info_.location; }

    /// True when one of the details carries this code (exact match or the code's name before '(').
    bool has_code(const std::string& code) const;

private:
    response_info info_;
};

#define BEEZUP_DECLARE_API_ERROR(name)   \
    class name : public api_error {      \
    public:                              \
        using api_error::api_error;      \
    }

BEEZUP_DECLARE_API_ERROR(bad_request_error);         ///< 400
BEEZUP_DECLARE_API_ERROR(unauthorized_error);        ///< 401
BEEZUP_DECLARE_API_ERROR(forbidden_error);           ///< 403
BEEZUP_DECLARE_API_ERROR(not_found_error);           ///< 404
BEEZUP_DECLARE_API_ERROR(conflict_error);            ///< 409
BEEZUP_DECLARE_API_ERROR(precondition_failed_error); ///< 412
BEEZUP_DECLARE_API_ERROR(too_many_requests_error);   ///< 429
BEEZUP_DECLARE_API_ERROR(server_error);              ///< 5xx

#undef BEEZUP_DECLARE_API_ERROR

/// A 2xx body that could not be mapped to the model. `path()` is the JSON path of the fault.
class decode_error : public error {
public:
    decode_error(const std::string& path, const std::string& message)
        : error(message + " at " + path), path_(path) {}
    const std::string& path() const noexcept { return path_; }

private:
    std::string path_;
};

/// The SDK refused to send a request that cannot succeed: a change the order does not allow, a
/// missing required field, a value outside its list of values. Nothing was sent.
class invalid_request : public error {
public:
    using error::error;
};

/// A change was accepted by BeezUP but failed on the marketplace (its reporting says Failed).
class change_failed : public error {
public:
    change_failed(const std::string& message, std::string execution_id)
        : error(message), execution_id_(std::move(execution_id)) {}
    const std::string& execution_id() const noexcept { return execution_id_; }

private:
    std::string execution_id_;
};

/// A push request that failed its authenticity check.
class push_rejected : public error {
public:
    using error::error;
};

}  // namespace beezup
