#include "orders_impl.hpp"

#include "../json/order_json.hpp"
#include "../json/order_reports_json.hpp"
#include "../json/order_requests_json.hpp"
#include "../pipeline/url_encoding.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace beezup::detail {
namespace {

using std::chrono::milliseconds;

bool looks_like_utc(const std::string& s) {
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)
    if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u})
        if (s[i] < '0' || s[i] > '9') return false;
    auto rest = s.substr(19);
    if (!rest.empty() && rest[0] == '.') {
        const auto digits = rest.find_first_not_of("0123456789", 1);
        if (digits == 1 || digits == std::string::npos) return false;
        rest = rest.substr(digits);
    }
    return rest == "Z" || rest == "+00:00";
}

std::string last_segment(const std::string& href) {
    auto path = href.substr(0, href.find('?'));
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path.substr(path.rfind('/') + 1);
}

}  // namespace

const std::string& required_user_name(const client_options& options, const char* what) {
    if (options.user_name.empty())
        throw invalid_request(std::string(what) + " need client_options::user_name (BeezUP's userName)");
    return options.user_name;
}

std::string change_query(const std::string& user_name, const call_context& context) {
    return "userName=" + percent_encode(user_name) + (context.test_mode ? "&testMode=true" : "");
}

std::string order_path(const order_key& key) {
    return "/orders/v3/" + percent_encode(key.marketplace_technical_code) + "/" + std::to_string(key.account_id) + "/" +
           percent_encode(key.beezup_order_id);
}

namespace {

// list/full and list/light: the same request to two paths. A list is a read, even as a POST.
std::string list_body(pipeline& http, const char* path, const order_filter& f, utc_time begin, utc_time end, int page,
                      int size, const call_context& c) {
    api_request r;
    r.method = http_method::post;
    r.path = path;
    r.body = json::encode_list_request(f, begin, end, page, size);
    auto context = c;
    context.idempotent = true;
    return http.send(r, context).body;
}

}  // namespace

order_page<order> orders_impl::list_full(const order_filter& f, utc_time begin, utc_time end, int page, int size,
                                         const call_context& c) {
    return json::decode_order_list_full(list_body(pipeline_, "/orders/v3/list/full", f, begin, end, page, size, c));
}

order_page<order_header> orders_impl::list_light(const order_filter& f, utc_time begin, utc_time end, int page, int size,
                                                 const call_context& c) {
    return json::decode_order_list_light(list_body(pipeline_, "/orders/v3/list/light", f, begin, end, page, size, c));
}

order orders_impl::get(const order_key& key, const call_context& c, bool use_cache) {
    api_request r;
    r.path = order_path(key);
    std::optional<order> cached;
    if (use_cache) {
        std::lock_guard lock(cache_mutex_);
        if (auto it = cache_.find(key); it != cache_.end()) cached = it->second;
    }
    if (cached && !cached->etag.empty()) r.headers["If-None-Match"] = cached->etag;
    auto response = pipeline_.send(r, c);
    if (response.status == 304) {
        if (cached) return *cached;
        throw decode_error("$", "304 Not Modified for an order that was not asked with If-None-Match");
    }
    auto o = json::decode_order(response.body);
    if (auto etag = response.header("ETag")) o.etag = *etag;
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() >= 10'000) cache_.clear();  // bounded: a cache, not a copy of the account
    cache_[key] = o;
    return o;
}

std::string orders_impl::etag(const order_key& key, const call_context& c) {
    api_request r;
    r.method = http_method::head;
    r.path = order_path(key);
    auto response = pipeline_.send(r, c);
    auto etag = response.header("ETag");
    if (!etag) throw decode_error("$", "HEAD answered without an ETag");
    return *etag;
}

void orders_impl::validate(const order& o, const change_request& request, const call_context& c) {
    const auto* allowed = o.find_change(request.type);
    if (!allowed) {
        std::string names;
        for (const auto& a : o.allowed_changes) names += (names.empty() ? "" : ", ") + a.type.str();
        throw invalid_request(request.type.str() + " is not allowed on order " + o.key.beezup_order_id + " (status " +
                              o.status.str() + (o.processing ? ", a change is processing" : "") + "); allowed: " +
                              (names.empty() ? "none" : names));
    }
    for (const auto& [name, value] : request.fields) {
        if (std::none_of(allowed->parameters.begin(), allowed->parameters.end(),
                         [&](const change_parameter& p) { return p.name == name; }))
            throw invalid_request(request.type.str() + " takes no parameter " + name);
    }
    for (const auto& p : allowed->parameters) {
        auto it = request.fields.find(p.name);
        if (it == request.fields.end() || it->second.empty()) {
            if (p.required) throw invalid_request(request.type.str() + " requires " + p.name);
            continue;
        }
        if ((p.type == "date-time" || p.type == "date") && !looks_like_utc(it->second))
            throw invalid_request(p.name + " must be an ISO 8601 UTC date-time, not '" + it->second + "'");
        if (p.lov_required && p.lov_href) {
            const auto list = values(p, "", c);
            if (!list.find(it->second)) {
                std::string codes;
                for (std::size_t i = 0; i < list.items.size() && i < 12; ++i)
                    codes += (i ? ", " : "") + list.items[i].code_identifier;
                throw invalid_request("'" + it->second + "' is not a value of " + list.name + " for " + p.name +
                                      " (values: " + codes + (list.items.size() > 12 ? ", ..." : "") + ")");
            }
        }
    }
}

list_of_values orders_impl::values(const change_parameter& p, const std::string& language, const call_context& c) {
    if (!p.lov_href) throw invalid_request(p.name + " takes free text: it has no list of values");
    // lovLink hrefs name the list last: /v2/user/lov/{listName} (the spec's examples miss /lov/).
    const auto scope = p.lov_href->find("/public/") != std::string::npos ? lov_scope::public_ : lov_scope::user;
    return lovs_.get(last_segment(*p.lov_href), language, scope, c);
}

std::vector<change_report> orders_impl::history(const order_key& key, const call_context& c) {
    api_request r;
    r.path = order_path(key) + "/history";
    return json::decode_change_history(pipeline_.send(r, c).body);
}

change_report orders_impl::change_status(const order_key& key, const std::string& execution_id, const call_context& c) {
    api_request r;
    r.path = order_path(key) + "/history/" + percent_encode(execution_id);
    return json::decode_change_report(pipeline_.send(r, c).body);
}

std::optional<std::string> orders_impl::find_sent_change(const order_key& key, const change_type& type, utc_time since,
                                                         const call_context& c) {
    std::optional<std::string> found;
    for (const auto& report : history(key, c)) {
        if (report.type == type && report.test_mode == c.test_mode &&
            report.user_name.value_or("") == pipeline_.options().user_name && report.creation_date >= since)
            found = report.execution_id;
    }
    return found;
}

namespace {

// A failure after which the change may have reached BeezUP without us learning the outcome.
bool outcome_unknown(const transport_error& e) {
    // No connection (connect, tls) means nothing was sent; a cancelled call ends here anyway.
    return e.failure() == transport_failure::connection || e.failure() == transport_failure::protocol ||
           e.failure() == transport_failure::timeout;
}

}  // namespace

change_handle orders_impl::change(const order_key& key, const change_request& request, const call_context& caller) {
    const auto c = pipeline_.bound(caller);
    const auto& user = detail::required_user_name(pipeline_.options(), "changes");
    auto o = get(key, c);
    validate(o, request, c);
    // BeezUP's clock may differ from ours by a little: look a minute back for our own change.
    const auto since = pipeline_.time().wall_now() - std::chrono::minutes(1);
    const int max_sends = pipeline_.options().retry.max_attempts;
    // Set once a request of ours may have reached BeezUP unanswered: from then on, the order's
    // history decides before anything else, so that a change this call applied is returned as
    // recovered and never sent again nor refused.
    bool maybe_applied = false;
    auto applied_earlier = [&]() -> std::optional<change_handle> {
        if (!maybe_applied) return std::nullopt;
        if (auto sent = find_sent_change(key, request.type, since, c)) return change_handle(shared_from_this(), key, *sent, true);
        return std::nullopt;
    };
    bool reread_after_412 = false;
    // After a doubtful send, a resend carries the ETag that send carried: if the first one is
    // applied after all (late, after we read the history), the resend gets 412, not a second go.
    std::string if_match = o.etag;
    bool keep_if_match = false;
    for (int sends = 1, waits = 0;; ++sends) {
        api_request r;
        r.method = http_method::post;
        r.path = order_path(key) + "/" + percent_encode(request.type.str());
        r.query = change_query(user, c);
        r.headers["If-Match"] = if_match;
        r.body = json::encode_change_request(request.fields);
        // A quarter of the time left stays for reading the history should the answer be lost.
        auto send_context = c;
        const auto now = pipeline_.time().now();
        send_context.deadline = now + (*c.deadline - now) * 3 / 4;
        try {
            auto response = pipeline_.send(r, send_context);  // not idempotent: the pipeline never repeats it
            {
                std::lock_guard lock(cache_mutex_);
                cache_.erase(key);  // the order is changing
            }
            auto execution = last_segment(response.header("Location").value_or(""));
            // Accepted without saying where: the history names it (or wait() follows the order).
            if (execution.empty()) execution = find_sent_change(key, request.type, since, c).value_or("");
            return change_handle(shared_from_this(), key, std::move(execution), false);
        } catch (const too_many_requests_error& e) {
            // Refused before any work: wait as asked and send the same request again.
            if (++waits > 20 || !pipeline_.wait_as_asked(e.retry_after(), milliseconds(1000), c)) throw;
            --sends;
            continue;
        } catch (const conflict_error& e) {
            // A change is running on the order: ours, if an earlier send went through.
            if (auto h = applied_earlier()) return *h;
            if (!e.retry_after() || ++waits > 20 || !pipeline_.wait_as_asked(e.retry_after(), milliseconds(0), c)) throw;
            --sends;
            keep_if_match = false;  // someone else's change moved the order on
        } catch (const precondition_failed_error&) {
            // The order changed since we read it: by our own earlier send, or by someone else.
            if (auto h = applied_earlier()) return *h;
            if (reread_after_412) throw;
            reread_after_412 = true;
            keep_if_match = false;
        } catch (const server_error& e) {
            // A 5xx may come after the work was done.
            maybe_applied = keep_if_match = true;
            if (e.retry_after() && !pipeline_.wait_as_asked(e.retry_after(), milliseconds(0), send_context)) {
                if (auto h = applied_earlier()) return *h;
                throw;
            }
            if (auto h = applied_earlier()) return *h;
            if (sends >= max_sends) throw;
        } catch (const api_error&) {
            // Any other refusal: after a doubtful send, ours may be applied all the same.
            if (auto h = applied_earlier()) return *h;
            throw;
        } catch (const transport_error& e) {
            if (!outcome_unknown(e)) throw;
            maybe_applied = keep_if_match = true;
            if (auto h = applied_earlier()) return *h;
            if (sends >= max_sends) throw;
        }
        o = get(key, c, false);
        // A change still running on the order (someone else's: ours would be in the history) is
        // waited for, within the deadline, before deciding whether ours still makes sense.
        while (o.processing) {
            if (auto h = applied_earlier()) return *h;
            if (++waits > 20 || !pipeline_.wait_as_asked(std::nullopt, milliseconds(1000), c)) break;
            o = get(key, c, false);
        }
        try {
            validate(o, request, c);
        } catch (const invalid_request&) {
            if (auto h = applied_earlier()) return *h;  // ours, applied late: not an error
            throw;
        }
        if (!keep_if_match) if_match = o.etag;
    }
}

order orders_impl::wait(const order_key& key, const std::string& execution_id, const call_context& caller) {
    const auto c = pipeline_.bound(caller);
    auto interval = milliseconds(200);
    for (;;) {
        // Without the change's id (an answer that named none), the order alone says when it settled.
        bool done = execution_id.empty();
        if (!done) {
            const auto report = change_status(key, execution_id, c);
            if (report.processing_status == "Failed" || report.processing_status == "Aborted")
                throw change_failed(report.type.str() + " failed on order " + key.beezup_order_id + ": " +
                                        report.error_message.value_or("no reason given"),
                                    execution_id);
            done = report.processing_status == "Done";
        }
        if (done) {
            auto o = get(key, c, false);
            if (!o.processing) return o;
        }
        pipeline_.pause(interval, c, "the change to complete");
        interval = std::min(interval * 2, milliseconds(2000));
    }
}

}  // namespace beezup::detail
