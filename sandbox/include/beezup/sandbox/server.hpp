#pragma once
/// @file
/// The sandbox: a local BeezUP simulator served over HTTP on loopback, usable in-process from
/// tests or through the beezup-sandbox executable.

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>
#include <memory>
#include <string>

namespace beezup::sandbox {

struct server_options {
    std::string host = "127.0.0.1";
    int port = 0;                     ///< 0: an ephemeral port, see server::base_url()
    std::string api_key;              ///< empty: any key is accepted, but one must be sent
    double rate_limit_per_minute = 100; ///< 0 disables the limit; over it: 429 + Retry-After
    std::size_t max_request_body_bytes = 1024 * 1024;
    std::uint64_t seed = 42;            ///< the same seed gives the same orders
    std::size_t orders = 1000;          ///< orders generated over the last 365 days
    std::chrono::milliseconds change_delay{2000}; ///< time a change stays `processing`
    double new_orders_per_hour = 0;     ///< orders arriving on the marketplace clock
    std::chrono::seconds harvest_interval{10}; ///< harvest calls closer than this get 409
    /// When set, the state survives restarts: the file records the data's seed and every call
    /// that changed something, replayed at start.
    std::string state_file;
    /// The order of a list's orders: "oldest" first by the filter's date (the default), "newest"
    /// first, or "shuffled" within each page. BeezUP documents none, so clients must not rely
    /// on one.
    std::string list_order = "oldest";
    /// Injected failures, e.g. "429=0.05,500=0.02,503=0.02,reset=0.01,slow=0.01:2s,truncate=0.01".
    std::string faults;
    /// Push subscriptions (see docs/push.md): the HMAC key of X-BeezUP-Signature, the delay
    /// before the first retry of a failed push (doubling, capped at 10 min), the retries before
    /// a subscription is deactivated (its maxRetryCount), and the time a target has to answer.
    std::string push_secret = "sandbox-push-secret";
    std::chrono::milliseconds push_retry_base{5000};
    int push_max_retries = 8;
    std::chrono::milliseconds push_timeout{10000};
    /// false (the default): pushes go only to loopback targets (127.0.0.0/8, [::1], localhost),
    /// so that whoever creates subscriptions (a fuzzer, a test) never makes the sandbox call off
    /// the machine; other targets fail their deliveries. true: any target.
    bool push_to_any_target = false;
    /// true: the sandbox's own control routes (not BeezUP's), behind the API key, for tests in
    /// other processes: POST /_sandbox/clock?advance=SECONDS, PUT /_sandbox/faults (the body is a
    /// fault specification, empty for none), GET /_sandbox/stats. See docs/sandbox.md.
    bool control_routes = false;
};

/// A request as the sandbox received it, for tests to inspect.
struct received_request {
    std::string method;
    std::string path;    ///< decoded, without the query
    std::map<std::string, std::string> query;
    std::map<std::string, std::string> headers;  ///< names lower-case
    std::string body;
};

/// A running sandbox. Starts listening in the constructor, stops in the destructor.
/// Thread-safe.
class server {
public:
    explicit server(server_options options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// "http://127.0.0.1:PORT"
    const std::string& base_url() const noexcept;
    /// Requests received so far (including rejected ones).
    std::uint64_t requests_received() const noexcept;
    /// The last requests received (at most 10,000, oldest first), authenticated or not.
    std::vector<received_request> received_requests() const;
    void clear_received_requests();
    /// Order changes sent to the marketplace so far (test mode excluded).
    std::uint64_t change_executions() const;
    /// Moves the marketplace clock forward: due changes complete, new orders arrive.
    void advance_clock(std::chrono::seconds by);
    /// Replaces the injected failures (same syntax as server_options::faults); "" for none.
    /// Throws std::invalid_argument for a malformed specification.
    void set_faults(const std::string& spec);
    /// Failures injected so far.
    std::uint64_t faults_injected() const;
    /// The marketplace clock's current time.
    std::chrono::system_clock::time_point now() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace beezup::sandbox
