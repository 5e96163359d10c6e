// ClientOptions and its nested RetryOptions, RateLimitOptions and TlsOptions. Durations are float
// seconds on the Python side.

#include "options.hpp"

#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

namespace beezup::python {

double to_seconds(std::chrono::milliseconds d) { return static_cast<double>(d.count()) / 1000.0; }

std::chrono::milliseconds from_seconds(double seconds, const char* what) {
    // A bound far below the range of milliseconds' representation; about 31 years.
    constexpr double max_seconds = 1e9;
    if (!std::isfinite(seconds) || seconds < 0.0 || seconds > max_seconds)
        throw py::value_error(std::string(what) + " must be a finite number of seconds in [0, 1e9]");
    return std::chrono::milliseconds(std::llround(seconds * 1000.0));
}

log_level parse_log_level(const std::string& name) {
    for (auto level : {log_level::trace, log_level::debug, log_level::info, log_level::warning, log_level::error}) {
        if (name == to_string(level)) return level;
    }
    throw py::value_error("unknown log level '" + name + "' (trace, debug, info, warning, error)");
}

namespace {

// Keeps the Python logger alive as long as any copy of the C++ handler, and drops the reference
// with the GIL held whichever thread releases the last copy.
struct gil_deleter {
    void operator()(py::object* object) const {
        if (!Py_IsInitialized()) return;  // interpreter gone: leaking is the only safe choice
        py::gil_scoped_acquire gil;
        delete object;
    }
};

log_handler make_log_handler(const py::object& logger) {
    std::shared_ptr<py::object> callable(new py::object(logger), gil_deleter{});
    return [callable](log_level level, std::string_view message) {
        py::gil_scoped_acquire gil;
        try {
            auto text = py::reinterpret_steal<py::object>(
                PyUnicode_DecodeUTF8(message.data(), static_cast<Py_ssize_t>(message.size()), "replace"));
            if (!text) throw py::error_already_set();
            (*callable)(to_string(level), text);
        } catch (py::error_already_set& e) {
            // A failing logger must not fail the SDK call; report it the way Python reports
            // exceptions it cannot raise (sys.unraisablehook).
            e.discard_as_unraisable("beezup logger");
        }
    };
}

std::string quoted(const std::string& s) { return py::repr(py::str(s)).cast<std::string>(); }

// "http://user:secret@proxy:3128" -> "http://***@proxy:3128": a proxy URL may carry credentials.
std::string without_userinfo(std::string url) {
    const auto scheme = url.find("://");
    const auto start = scheme == std::string::npos ? 0 : scheme + 3;
    const auto at = url.find('@', start);
    if (at != std::string::npos && url.find('/', start) > at) url.replace(start, at - start, "***");
    return url;
}

std::string fmt_seconds(std::chrono::milliseconds d) {
    return py::repr(py::float_(to_seconds(d))).cast<std::string>();
}

std::string repr(const retry_options& o) {
    return "RetryOptions(max_attempts=" + std::to_string(o.max_attempts) + ", base_delay=" + fmt_seconds(o.base_delay) +
           ", max_delay=" + fmt_seconds(o.max_delay) + ", max_retry_after=" + fmt_seconds(o.max_retry_after) + ")";
}

std::string repr(const rate_limit_options& o) {
    return std::string("RateLimitOptions(enabled=") + (o.enabled ? "True" : "False") +
           ", calls_per_minute=" + py::repr(py::float_(o.calls_per_minute)).cast<std::string>() +
           ", burst=" + py::repr(py::float_(o.burst)).cast<std::string>() +
           ", shared_lock_file=" + quoted(o.shared_lock_file) +
           // A Redis URL may hold a password: its presence only.
           ", shared_store_url=" + (o.shared_store_url.empty() ? std::string("''") : std::string("'redis://...'")) + ")";
}

std::string repr(const tls_options& o) {
    return std::string("TlsOptions(verify_peer=") + (o.verify_peer ? "True" : "False") + ", ca_file=" + quoted(o.ca_file) +
           ")";
}

// Accessors of a duration member as float seconds.
template <class T>
auto seconds_property(std::chrono::milliseconds T::*member, const char* name) {
    return std::make_pair([member](const T& o) { return to_seconds(o.*member); },
                          [member, name](T& o, double seconds) { o.*member = from_seconds(seconds, name); });
}

void set_logger(py_client_options& o, const py::object& logger) {
    if (!logger.is_none() && !PyCallable_Check(logger.ptr()))
        throw py::type_error("logger must be a callable (level: str, message: str) -> None, or None");
    o.logger = logger;
}

}  // namespace

client_options py_client_options::to_core() const {
    client_options options = core;
    options.min_log_level = min_log_level;
    if (!logger.is_none()) options.logger = make_log_handler(logger);
    return options;
}

void register_options(py::module_& m) {
    // --- RetryOptions ------------------------------------------------------------------------
    const retry_options retry_defaults;
    auto retry = py::class_<retry_options>(m, "RetryOptions",
        "Exponential backoff with full jitter. Only requests safe to repeat are retried (GET, HEAD, "
        "POSTs marked idempotent); retried outcomes are connection failures, timeouts, 408, 429, 500, "
        "502, 503, 504 and 409 with Retry-After. Durations are float seconds.");
    retry.def(py::init([](int max_attempts, double base_delay, double max_delay, double max_retry_after) {
                  retry_options o;
                  o.max_attempts = max_attempts;
                  o.base_delay = from_seconds(base_delay, "base_delay");
                  o.max_delay = from_seconds(max_delay, "max_delay");
                  o.max_retry_after = from_seconds(max_retry_after, "max_retry_after");
                  return o;
              }),
              py::kw_only(), py::arg("max_attempts") = retry_defaults.max_attempts,
              py::arg("base_delay") = to_seconds(retry_defaults.base_delay),
              py::arg("max_delay") = to_seconds(retry_defaults.max_delay),
              py::arg("max_retry_after") = to_seconds(retry_defaults.max_retry_after))
        .def_readwrite("max_attempts", &retry_options::max_attempts, "Attempts in all; 1 disables retries.")
        .def("__repr__", [](const retry_options& o) { return repr(o); });
    {
        auto [get, set] = seconds_property(&retry_options::base_delay, "base_delay");
        retry.def_property("base_delay", get, set, "Backoff before the second attempt (ceiling, seconds).");
    }
    {
        auto [get, set] = seconds_property(&retry_options::max_delay, "max_delay");
        retry.def_property("max_delay", get, set, "Largest backoff (seconds).");
    }
    {
        auto [get, set] = seconds_property(&retry_options::max_retry_after, "max_retry_after");
        retry.def_property("max_retry_after", get, set,
                           "Longest Retry-After the SDK waits for (seconds); a longer one ends the retries.");
    }

    // --- RateLimitOptions ----------------------------------------------------------------------
    const rate_limit_options rate_defaults;
    py::class_<rate_limit_options>(m, "RateLimitOptions",
        "A token bucket keeping the client under BeezUP's call quota (100 calls/minute documented).")
        .def(py::init([](bool enabled, double calls_per_minute, double burst, std::string shared_lock_file,
                         std::string shared_store_url) {
                 rate_limit_options o;
                 o.enabled = enabled;
                 o.calls_per_minute = calls_per_minute;
                 o.burst = burst;
                 o.shared_lock_file = std::move(shared_lock_file);
                 o.shared_store_url = std::move(shared_store_url);
                 return o;
             }),
             py::kw_only(), py::arg("enabled") = rate_defaults.enabled,
             py::arg("calls_per_minute") = rate_defaults.calls_per_minute, py::arg("burst") = rate_defaults.burst,
             py::arg("shared_lock_file") = rate_defaults.shared_lock_file,
             py::arg("shared_store_url") = rate_defaults.shared_store_url)
        .def_readwrite("enabled", &rate_limit_options::enabled)
        .def_readwrite("calls_per_minute", &rate_limit_options::calls_per_minute)
        .def_readwrite("burst", &rate_limit_options::burst, "Calls allowed back to back after an idle period.")
        .def_readwrite("shared_lock_file", &rate_limit_options::shared_lock_file,
                       "When set, the bucket lives in this file, shared by every process naming it.")
        .def_readwrite("shared_store_url", &rate_limit_options::shared_store_url,
                       "redis://[:password@]host[:port][/db]: the bucket lives in Redis, shared by every process on "
                       "every machine using the same API key; a Retry-After one sees pauses them all.")
        .def("__repr__", [](const rate_limit_options& o) { return repr(o); });

    // --- TlsOptions ----------------------------------------------------------------------------
    const tls_options tls_defaults;
    py::class_<tls_options>(m, "TlsOptions", "TLS settings of the client.")
        .def(py::init([](bool verify_peer, std::string ca_file) {
                 tls_options o;
                 o.verify_peer = verify_peer;
                 o.ca_file = std::move(ca_file);
                 return o;
             }),
             py::kw_only(), py::arg("verify_peer") = tls_defaults.verify_peer, py::arg("ca_file") = tls_defaults.ca_file)
        .def_readwrite("verify_peer", &tls_options::verify_peer, "Turning this off is for tests only.")
        .def_readwrite("ca_file", &tls_options::ca_file, "PEM file of extra trusted certificate authorities.")
        .def("__repr__", [](const tls_options& o) { return repr(o); });

    // --- ClientOptions -------------------------------------------------------------------------
    const client_options defaults;
    auto options = py::class_<py_client_options>(m, "ClientOptions",
        "Options of a Client. The library reads no environment variable. Durations are float seconds.");
    options.def(
        py::init([](std::string base_url, std::string api_key, std::string user_name, std::string user_agent_suffix,
                    double connect_timeout, double request_timeout, double operation_timeout,
                    std::optional<tls_options> tls, std::string proxy_url, bool accept_compressed,
                    std::size_t max_response_body_bytes, std::optional<retry_options> retry,
                    std::optional<rate_limit_options> rate_limit, const py::object& logger,
                    const std::string& min_log_level) {
            py_client_options o;
            o.core.base_url = std::move(base_url);
            o.core.api_key = std::move(api_key);
            o.core.user_name = std::move(user_name);
            o.core.user_agent_suffix = std::move(user_agent_suffix);
            o.core.connect_timeout = from_seconds(connect_timeout, "connect_timeout");
            o.core.request_timeout = from_seconds(request_timeout, "request_timeout");
            o.core.operation_timeout = from_seconds(operation_timeout, "operation_timeout");
            if (tls) o.core.tls = *tls;
            o.core.proxy_url = std::move(proxy_url);
            o.core.accept_compressed = accept_compressed;
            o.core.max_response_body_bytes = max_response_body_bytes;
            if (retry) o.core.retry = *retry;
            if (rate_limit) o.core.rate_limit = *rate_limit;
            set_logger(o, logger);
            o.min_log_level = parse_log_level(min_log_level);
            return o;
        }),
        py::kw_only(), py::arg("base_url") = defaults.base_url, py::arg("api_key") = defaults.api_key,
        py::arg("user_name") = defaults.user_name, py::arg("user_agent_suffix") = defaults.user_agent_suffix,
        py::arg("connect_timeout") = to_seconds(defaults.connect_timeout),
        py::arg("request_timeout") = to_seconds(defaults.request_timeout),
        py::arg("operation_timeout") = to_seconds(defaults.operation_timeout), py::arg("tls") = py::none(),
        py::arg("proxy_url") = defaults.proxy_url, py::arg("accept_compressed") = defaults.accept_compressed,
        py::arg("max_response_body_bytes") = defaults.max_response_body_bytes, py::arg("retry") = py::none(),
        py::arg("rate_limit") = py::none(), py::arg("logger") = py::none(),
        py::arg("min_log_level") = std::string(to_string(defaults.min_log_level)));

    auto string_field = [&](const char* name, std::string client_options::*member, const char* doc) {
        options.def_property(
            name, [member](const py_client_options& o) { return o.core.*member; },
            [member](py_client_options& o, std::string value) { o.core.*member = std::move(value); }, doc);
    };
    auto seconds_field = [&](const char* name, std::chrono::milliseconds client_options::*member, const char* doc) {
        options.def_property(
            name, [member](const py_client_options& o) { return to_seconds(o.core.*member); },
            [member, name](py_client_options& o, double seconds) { o.core.*member = from_seconds(seconds, name); }, doc);
    };
    string_field("base_url", &client_options::base_url, "Root of the API; every path is relative to it.");
    string_field("api_key", &client_options::api_key, "Sent as the Ocp-Apim-Subscription-Key header; never logged.");
    string_field("user_name", &client_options::user_name,
                 "The userName query parameter BeezUP requires on order changes and invoice generation.");
    string_field("user_agent_suffix", &client_options::user_agent_suffix,
                 "Appended to 'beezup-sdk-cpp/<version>' in the User-Agent header.");
    seconds_field("connect_timeout", &client_options::connect_timeout, "To establish a connection (seconds).");
    seconds_field("request_timeout", &client_options::request_timeout, "For one attempt of one request (seconds).");
    seconds_field("operation_timeout", &client_options::operation_timeout,
                  "For a whole call, retries included (seconds).");
    string_field("proxy_url", &client_options::proxy_url, "HTTP proxy URL such as 'http://proxy:3128'; '' for none.");
    options
        .def_property(
            "accept_compressed", [](const py_client_options& o) { return o.core.accept_compressed; },
            [](py_client_options& o, bool value) { o.core.accept_compressed = value; },
            "Ask for gzip/deflate bodies and decode them.")
        .def_property(
            "max_response_body_bytes", [](const py_client_options& o) { return o.core.max_response_body_bytes; },
            [](py_client_options& o, std::size_t value) { o.core.max_response_body_bytes = value; },
            "Largest response body accepted, after decompression.")
        // The nested options are views into this object: `options.retry.max_attempts = 1` sticks.
        .def_property(
            "tls", [](py_client_options& o) -> tls_options& { return o.core.tls; },
            [](py_client_options& o, const tls_options& value) { o.core.tls = value; },
            py::return_value_policy::reference_internal)
        .def_property(
            "retry", [](py_client_options& o) -> retry_options& { return o.core.retry; },
            [](py_client_options& o, const retry_options& value) { o.core.retry = value; },
            py::return_value_policy::reference_internal)
        .def_property(
            "rate_limit", [](py_client_options& o) -> rate_limit_options& { return o.core.rate_limit; },
            [](py_client_options& o, const rate_limit_options& value) { o.core.rate_limit = value; },
            py::return_value_policy::reference_internal)
        .def_property(
            "logger", [](const py_client_options& o) { return o.logger; }, &set_logger,
            "A callable (level: str, message: str) -> None receiving redacted log lines, or None. It is "
            "called with the GIL held, from the thread making the SDK call.")
        .def_property(
            "min_log_level", [](const py_client_options& o) { return std::string(to_string(o.min_log_level)); },
            [](py_client_options& o, const std::string& value) { o.min_log_level = parse_log_level(value); },
            "'trace', 'debug', 'info', 'warning' or 'error'.")
        .def("__repr__", [](const py_client_options& o) {
            std::ostringstream out;
            out << "ClientOptions(base_url=" << quoted(o.core.base_url)
                << ", api_key=" << (o.core.api_key.empty() ? "''" : "'***'")
                << ", user_name=" << quoted(o.core.user_name)
                << ", user_agent_suffix=" << quoted(o.core.user_agent_suffix)
                << ", connect_timeout=" << fmt_seconds(o.core.connect_timeout)
                << ", request_timeout=" << fmt_seconds(o.core.request_timeout)
                << ", operation_timeout=" << fmt_seconds(o.core.operation_timeout) << ", tls=" << repr(o.core.tls)
                << ", proxy_url=" << quoted(without_userinfo(o.core.proxy_url))
                << ", accept_compressed=" << (o.core.accept_compressed ? "True" : "False")
                << ", max_response_body_bytes=" << o.core.max_response_body_bytes << ", retry=" << repr(o.core.retry)
                << ", rate_limit=" << repr(o.core.rate_limit)
                << ", logger=" << py::repr(o.logger).cast<std::string>()
                << ", min_log_level='" << to_string(o.min_log_level) << "')";
            return out.str();
        });
}

}  // namespace beezup::python
