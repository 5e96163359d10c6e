#include <beezup/sandbox/server.hpp>

#include "automatic_transitions_api.hpp"
#include "exportations_api.hpp"
#include "faults.hpp"
#include "http_reply.hpp"
#include "journal.hpp"
#include "invoices_api.hpp"
#include "lov_catalog.hpp"
#include "order_store.hpp"
#include "orders_api.hpp"
#include "routes.hpp"
#include "subscriptions_api.hpp"

#include "common/rfc3339.hpp"
#include "transport/open_listener.hpp"

#include <cpprest/http_listener.h>
#include <cpprest/producerconsumerstream.h>

#include <boost/json.hpp>


#include <algorithm>
#include <deque>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace beezup::sandbox {
namespace {

namespace http = web::http;
using listener_type = web::http::experimental::listener::http_listener;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

api_call to_api_call(const http::http_request& request, std::string body) {
    api_call call;
    call.method = request.method();
    for (const auto& segment : web::uri::split_path(request.relative_uri().path()))
        if (!segment.empty()) call.segments.push_back(web::uri::decode(segment));
    for (const auto& [name, value] : web::uri::split_query(request.relative_uri().query()))
        call.query[web::uri::decode(name)] = web::uri::decode(value);
    for (const auto& [name, value] : request.headers()) call.headers[lower(name)] = value;
    call.body = std::move(body);
    return call;
}

// The language BeezUP would answer in: the first of Accept-Language we know, else English.
std::string pick_language(const api_call& call) {
    auto it = call.headers.find("accept-language");
    if (it != call.headers.end() && it->second.rfind("fr", 0) == 0) return "fr";
    return "en";
}

}  // namespace

struct server::impl {
    server_options options;
    std::string base_url;
    std::unique_ptr<order_store> store;
    std::vector<std::unique_ptr<api_module>> modules;  // asked in turn
    std::unique_ptr<listener_type> listener;
    std::atomic<std::uint64_t> received{0};
    std::unique_ptr<fault_injector> faults;
    std::unique_ptr<journal> journal_;
    std::mutex journal_mutex;

    std::mutex rate_mutex;
    std::chrono::steady_clock::time_point window_start = std::chrono::steady_clock::now();
    int calls_in_window = 0;

    /// Seconds until the caller may call again, or 0 if this call is within the limit.
    int rate_limit_wait() {
        if (options.rate_limit_per_minute <= 0) return 0;
        std::lock_guard lock(rate_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - window_start >= std::chrono::minutes(1)) {
            window_start = now;
            calls_in_window = 0;
        }
        if (calls_in_window >= options.rate_limit_per_minute) {
            const auto left = std::chrono::ceil<std::chrono::seconds>(window_start + std::chrono::minutes(1) - now);
            return static_cast<int>(std::max<long long>(1, left.count()));
        }
        ++calls_in_window;
        return 0;
    }

    void handle(http::http_request request) {
        ++received;
        const auto length = request.headers().content_length();
        if (length != static_cast<utility::size64_t>(-1) && length > options.max_request_body_bytes) {
            reply(request, outcome::error(413, "RequestTooLarge",
                                          "The request body exceeds " + std::to_string(options.max_request_body_bytes) + " bytes."));
            return;
        }
        request.extract_utf8string(true).then([this, request](pplx::task<std::string> body) {
            try {
                const auto text = body.get();
                if (text.size() > options.max_request_body_bytes) {
                    reply(request, outcome::error(413, "RequestTooLarge", "The request body is too large."));
                    return;
                }
                auto call = to_api_call(request, text);
                remember(call);
                respond(request, call);
            } catch (const std::exception& e) {
                try {
                    reply(request, outcome::error(500, "InternalError", e.what()));
                } catch (...) {
                    // The client is gone; nothing to answer.
                }
            }
        });
    }

    static constexpr std::size_t kept_requests = 10'000;
    mutable std::mutex received_mutex;
    std::deque<received_request> received_log;

    void remember(const api_call& call) {
        received_request r{call.method, "", call.query, call.headers, call.body};
        for (const auto& segment : call.segments) r.path += "/" + segment;
        std::lock_guard lock(received_mutex);
        received_log.push_back(std::move(r));
        if (received_log.size() > kept_requests) received_log.pop_front();
    }

    void respond(const http::http_request& request, const api_call& call) {
        const bool is_public = call.segments.size() >= 2 && call.segments[0] == "v2" && call.segments[1] == "public";
        if (!is_public) {
            auto key = call.headers.find("ocp-apim-subscription-key");
            if (key == call.headers.end() || (!options.api_key.empty() && key->second != options.api_key)) {
                reply(request, outcome::error(401, "InvalidSubscriptionKey",
                                              "Access denied due to missing or invalid subscription key."));
                return;
            }
        }
        if (options.control_routes && !call.segments.empty() && call.segments[0] == "_sandbox")
            return reply(request, control(call));
        std::string path;
        for (const auto& segment : call.segments) path += "/" + segment;
        const route* r = find_route(call.segments);
        if (!r) return reply(request, outcome::error(404, "ResourceNotFound", "No resource at " + path));
        const auto allow = [r](http::http_headers& h) { h["Allow"] = std::string(r->methods); };
        if (call.method == "OPTIONS") {
            http::http_response response(http::status_codes::NoContent);
            allow(response.headers());
            return void(request.reply(response));
        }
        if (!allows(*r, call.method))
            return reply(request,
                         outcome::error(405, "MethodNotAllowed", "The method " + call.method + " is not allowed on " + path + "."),
                         allow);
        if (!r->replaced_by.empty())
            return reply(request, outcome::error(410, "OperationDeprecated",
                                                 "This deprecated operation is not served: use " +
                                                     std::string(r->replaced_by) + "."));
        if (const int wait = rate_limit_wait()) {
            auto limited = outcome::error(429, "RateLimitExceeded",
                                          "Rate limit is exceeded. Try again in " + std::to_string(wait) + " seconds.");
            limited.retry_after_seconds = wait;
            reply(request, limited);
            return;
        }
        const auto fault = faults->draw();
        switch (fault.kind) {
        case fault_kind::status_429: {
            auto limited = outcome::error(429, "RateLimitExceeded", "Rate limit is exceeded. Try again in 1 seconds.");
            limited.retry_after_seconds = 1;
            return reply(request, limited);
        }
        case fault_kind::status_500:
            return reply(request, outcome::error(500, "InternalError", "An unexpected error occurred (injected)."));
        case fault_kind::status_503:
            return reply(request, outcome::error(503, "ServiceUnavailable", "The service is unavailable (injected)."));
        case fault_kind::slow:
            std::this_thread::sleep_for(fault.delay);
            break;
        default:
            break;
        }
        // A reset or a truncation happens after the work is done, as when a connection drops on
        // the way back: the client cannot know whether its change was applied.
        const auto answer = journal_ && call.method != "GET" && call.method != "HEAD" ? answer_and_record(call)
                                                                                        : answer_for(call);
        if (fault.kind == fault_kind::reset || fault.kind == fault_kind::truncate)
            send_broken(request, answer, fault.kind == fault_kind::truncate);
        else
            send(request, answer);
    }

    /// The control routes (server_options::control_routes): the test hooks of `server`, over HTTP.
    outcome control(const api_call& call) {
        const auto& what = call.segments.size() == 2 ? call.segments[1] : std::string();
        if (what == "clock" && call.method == "POST") {
            const auto advance = call.query.find("advance");
            long long seconds = -1;
            try {
                if (advance != call.query.end()) seconds = std::stoll(advance->second);
            } catch (const std::exception&) {
            }
            if (seconds < 0) return outcome::error(400, "InvalidAdvance", "advance must be a whole number of seconds >= 0.");
            advance_clock(std::chrono::seconds(seconds));
            return stats();
        }
        if (what == "faults" && call.method == "PUT") {
            try {
                faults->set_rules(parse_faults(call.body));
            } catch (const std::invalid_argument& e) {
                return outcome::error(400, "InvalidFaults", e.what());
            }
            return stats();
        }
        if (what == "stats" && call.method == "GET") return stats();
        return outcome::error(404, "ResourceNotFound", "The control routes are POST /_sandbox/clock?advance=SECONDS, "
                                                       "PUT /_sandbox/faults and GET /_sandbox/stats.");
    }

    outcome stats() const {
        outcome o;
        o.body = "{\"now\":\"" + common::format_rfc3339(store->now()) + "\",\"requests\":" + std::to_string(received.load()) +
                 ",\"changeExecutions\":" + std::to_string(store->change_executions()) +
                 ",\"faultsInjected\":" + std::to_string(faults->injected()) + "}";
        return o;
    }

    void advance_clock(std::chrono::seconds by) {
        // With a journal, recorded and applied under one lock: the state file replays in order.
        std::unique_lock lock(journal_mutex, std::defer_lock);
        if (journal_) {
            lock.lock();
            journal_->record_advance(store->now(), by);
        }
        store->advance(by);
    }

    /// Answers a call that may change state, with the store's clock held still, and records it.
    /// One at a time, so that the state file replays them in the order they happened.
    api_answer answer_and_record(const api_call& call) {
        std::lock_guard lock(journal_mutex);
        const auto at = store->now();
        store->set_replay_time(at);
        auto answer = answer_for(call);
        store->set_replay_time(std::nullopt);
        journal_->record(at, call);
        return answer;
    }

    void replay(const std::vector<journal_entry>& entries) {
        store->set_replaying(true);
        for (const auto& e : entries) {
            store->set_replay_time(e.at);
            if (e.advance)
                store->advance(*e.advance);
            else
                answer_for(e.call);
        }
        store->set_replay_time(std::nullopt);
        store->set_replaying(false);
    }

    api_answer answer_for(const api_call& call) {
        for (const auto& module : modules)
            if (auto answer = module->handle(call)) return std::move(*answer);
        const auto& s = call.segments;
        if (s.size() >= 3 && s[0] == "v2" && (s[1] == "user" || s[1] == "public") && s[2] == "lov") {
            const std::string prefix = "/v2/" + s[1] + "/lov/";
            return s.size() == 3 ? lov_index(prefix) : lov(call, s[3], prefix);
        }
        std::string path;
        for (const auto& segment : s) path += "/" + segment;
        return {outcome::error(404, "ResourceNotFound", "No resource at " + path), {}, false};
    }

    /// Announces the whole body, then sends half of it (truncate) or none (reset) and closes.
    static void send_broken(const http::http_request& request, const api_answer& answer, bool partial) {
        const auto& body = answer.result.status >= 400 ? error_body(answer.result.error_code, answer.result.error_message)
                                                       : answer.result.body;
        concurrency::streams::producer_consumer_buffer<std::uint8_t> buffer;
        http::http_response response(static_cast<http::status_code>(answer.result.status));
        for (const auto& [name, value] : answer.headers) response.headers()[name] = value;
        response.set_body(buffer.create_istream(), body.size() + 1, "application/json; charset=utf-8");
        const auto sent = partial ? body.size() / 2 : 0;
        if (sent) buffer.putn_nocopy(reinterpret_cast<const std::uint8_t*>(body.data()), sent).wait();
        buffer.close(std::ios_base::out).wait();
        request.reply(response);
    }

    static void send(const http::http_request& request, const api_answer& answer) {
        auto headers = [&](http::http_headers& h) {
            for (const auto& [name, value] : answer.headers) h[name] = value;
        };
        if (answer.omit_body) {
            http::http_response response(static_cast<http::status_code>(answer.result.status));
            headers(response.headers());
            request.reply(response);
            return;
        }
        reply(request, answer.result, headers);
    }

    static api_answer lov_index(const std::string& prefix) {
        boost::json::object lists;
        for (const auto& name : list_names()) lists[name] = boost::json::object{{"href", prefix + name}};
        boost::json::object body{{"links", boost::json::object{{"self", boost::json::object{{"href", prefix}}},
                                                              {"lists", lists}}}};
        return {outcome::json(boost::json::serialize(body)), {}, false};
    }

    static api_answer lov(const api_call& call, const std::string& name, const std::string& prefix) {
        const auto* entries = find_list(name);
        if (!entries)
            return {outcome::error(404, "ListOfValuesNotFound", "The list of values '" + name + "' does not exist."), {}, false};
        const auto language = pick_language(call);
        api_answer answer;
        const auto etag = "\"lov-" + std::to_string(std::hash<std::string>{}(name + "/" + language)) + "\"";
        answer.headers = {{"ETag", etag}, {"Content-Language", language}, {"Cache-Control", "private, max-age=3600"}};
        if (auto inm = call.headers.find("if-none-match"); inm != call.headers.end() && inm->second == etag) {
            answer.result.status = 304;
            answer.omit_body = true;
            return answer;
        }
        boost::json::array items;
        int position = 1;
        for (const auto& entry : *entries)
            items.push_back(boost::json::object{{"codeIdentifier", entry.code},
                                                {"intIdentifier", entry.int_id},
                                                {"position", position++},
                                                {"translationText", language == "fr" ? entry.label_fr : entry.label_en}});
        boost::json::object body{{"items", items},
                                 {"links", boost::json::object{{"self", boost::json::object{{"href", prefix + name}}}}}};
        answer.result = outcome::json(boost::json::serialize(body));
        return answer;
    }
};

server::server(server_options options) : impl_(std::make_unique<impl>()) {
    impl_->options = std::move(options);
    order_store::options store_options;
    store_options.seed = impl_->options.seed;
    store_options.order_count = impl_->options.orders;
    store_options.change_delay = impl_->options.change_delay;
    store_options.new_orders_per_hour = impl_->options.new_orders_per_hour;
    store_options.harvest_interval = impl_->options.harvest_interval;
    if (impl_->options.list_order != "oldest" && impl_->options.list_order != "newest" && impl_->options.list_order != "shuffled")
        throw std::invalid_argument("list_order must be oldest, newest or shuffled, not '" + impl_->options.list_order + "'");
    store_options.list_order = impl_->options.list_order;
    // A state file fixes the data (seed, size, first start) and holds the calls to replay.
    std::optional<std::pair<journal_header, std::vector<journal_entry>>> saved;
    if (!impl_->options.state_file.empty()) {
        saved = journal::load(impl_->options.state_file);
        if (saved) {
            store_options.seed = saved->first.seed;
            store_options.order_count = saved->first.orders;
            store_options.start = saved->first.started;
        }
    }
    impl_->store = std::make_unique<order_store>(store_options);
    impl_->modules.push_back(std::make_unique<orders_api>(*impl_->store));
    impl_->modules.push_back(std::make_unique<invoices_api>(*impl_->store));
    impl_->modules.push_back(std::make_unique<automatic_transitions_api>(*impl_->store));
    impl_->modules.push_back(std::make_unique<exportations_api>(*impl_->store, impl_->options.seed));
    impl_->faults = std::make_unique<fault_injector>(parse_faults(impl_->options.faults), impl_->options.seed);

    impl_->modules.push_back(std::make_unique<subscriptions_api>(*impl_->store, push_settings{.secret = impl_->options.push_secret, .retry_base = impl_->options.push_retry_base, .max_retry_count = impl_->options.push_max_retries, .request_timeout = impl_->options.push_timeout, .any_target = impl_->options.push_to_any_target}));
    if (!impl_->options.state_file.empty()) {
        if (saved) impl_->replay(saved->second);
        const journal_header header{store_options.seed, store_options.order_count, impl_->store->started()};
        impl_->journal_ = std::make_unique<journal>(impl_->options.state_file, header, !saved);
    }
    try {
        auto opened = detail::open_listener("http", impl_->options.host, impl_->options.port, {},
                                            [this](http::http_request request) { impl_->handle(std::move(request)); });
        impl_->listener = std::move(opened.listener);
        impl_->base_url = std::move(opened.base_url);
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("sandbox: ") + e.what());
    }
}

server::~server() {
    try {
        impl_->listener->close().wait();
    } catch (...) {
        // Closing a listener whose clients vanished may throw; nothing is left to clean up.
    }
}

const std::string& server::base_url() const noexcept { return impl_->base_url; }
std::uint64_t server::requests_received() const noexcept { return impl_->received.load(); }

std::vector<received_request> server::received_requests() const {
    std::lock_guard lock(impl_->received_mutex);
    return {impl_->received_log.begin(), impl_->received_log.end()};
}

void server::clear_received_requests() {
    std::lock_guard lock(impl_->received_mutex);
    impl_->received_log.clear();
}
std::uint64_t server::change_executions() const { return impl_->store->change_executions(); }
void server::advance_clock(std::chrono::seconds by) { impl_->advance_clock(by); }
std::chrono::system_clock::time_point server::now() const { return impl_->store->now(); }
void server::set_faults(const std::string& spec) { impl_->faults->set_rules(parse_faults(spec)); }
std::uint64_t server::faults_injected() const { return impl_->faults->injected(); }

}  // namespace beezup::sandbox
