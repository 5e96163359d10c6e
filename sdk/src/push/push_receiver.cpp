#include <beezup/error.hpp>
#include <beezup/push_receiver.hpp>

#include "../json/push_envelope_json.hpp"

#include <atomic>
#include <cctype>
#include <charconv>
#include <future>

namespace beezup {
namespace {

push_http_response answer(int status, std::string body = {}) {
    push_http_response r;
    r.status = status;
    if (!body.empty()) {
        r.headers["Content-Type"] = "application/json";
        r.body = std::move(body);
    }
    return r;
}

// Refusals say what kind of problem it was, never which check or secret failed.
push_http_response refusal(int status, const char* code) { return answer(status, std::string(R"({"error":")") + code + "\"}"); }

bool is_json(const http_headers& headers) {
    const auto it = headers.find("Content-Type");
    if (it == headers.end()) return false;
    std::string type = it->second.substr(0, it->second.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type == "application/json";
}

// Content-Length, or 0 when absent or malformed (the received bytes are counted anyway).
std::uint64_t announced_length(const http_headers& headers) {
    const auto it = headers.find("Content-Length");
    if (it == headers.end()) return 0;
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
    return ec == std::errc() && end == it->second.data() + it->second.size() ? n : 0;
}

}  // namespace

// What an append's callback needs once the push is written. It does not own the inbox: a callback
// runs on the inbox's own thread, which must never be the one to destroy the inbox.
struct push_receiver::impl {
    push_receiver_options options;
    std::atomic<std::uint64_t> accepted{0}, verifications{0}, refused{0}, failed{0};

    void log(log_level level, const std::string& line) const noexcept {
        if (!options.logger || level < options.min_log_level) return;
        try {
            options.logger(level, line);
        } catch (...) {
            // A failing log handler must not cost a push its answer.
        }
    }

    push_http_response refuse(const push_http_request& r, int status, const char* code, const std::string& why) {
        ++refused;
        log(log_level::warning, "push from " + r.remote_address + " refused (" + std::to_string(status) + "): " + why);
        return refusal(status, code);
    }
};

push_receiver::push_receiver(std::shared_ptr<push_inbox> inbox, push_receiver_options options)
    : impl_(std::make_shared<impl>()) {
    if (!inbox) throw error("push_receiver: no inbox");
    if (options.authenticators.empty() && !options.accept_unauthenticated)
        throw error("push_receiver: no authenticity check; give one (hmac_signature, token_in_path, ...) or set "
                    "accept_unauthenticated");
    for (const auto& a : options.authenticators)
        if (!a) throw error("push_receiver: a null authenticator");
    inbox_ = std::move(inbox);
    impl_->options = std::move(options);
}

push_receiver::~push_receiver() = default;

push_http_response push_receiver::handle(const push_http_request& request) {
    std::promise<push_http_response> answered;
    auto response = answered.get_future();
    handle_async(request, [&answered](push_http_response r) { answered.set_value(std::move(r)); });
    return response.get();
}

void push_receiver::handle_async(const push_http_request& request, std::function<void(push_http_response)> respond) {
    auto& d = *impl_;
    // Limits first: nothing else is read from a request over them.
    if (request.method != "POST") {
        auto r = d.refuse(request, 405, "method_not_allowed", "method " + request.method.substr(0, 16));
        r.headers["Allow"] = "POST";
        if (request.method == "HEAD") r.body.clear();
        return respond(std::move(r));
    }
    if (request.body.size() > d.options.max_body_bytes || announced_length(request.headers) > d.options.max_body_bytes)
        return respond(d.refuse(request, 413, "too_large", "body over " + std::to_string(d.options.max_body_bytes) + " bytes"));
    if (!is_json(request.headers)) return respond(d.refuse(request, 415, "unsupported_media_type", "not application/json"));

    const auto now = d.options.now();
    for (const auto& check : d.options.authenticators)
        if (const auto why = check->refusal(request, now)) return respond(d.refuse(request, 401, "unauthorized", *why));

    detail::json::push_envelope envelope;
    try {
        envelope = detail::json::decode_push_envelope(request.body, request.headers);
    } catch (const decode_error& e) {
        // The path only: the message may quote a value, which may be a buyer's data.
        return respond(d.refuse(request, 400, "malformed", "malformed push at " + e.path()));
    }
    if (envelope.verification) {
        ++d.verifications;
        d.log(log_level::info, "activation check of subscription " + envelope.event.subscription_id + " answered");
        return respond(answer(200));
    }
    const auto event_id = envelope.event.event_id;
    // The callback may run after this receiver is gone: it keeps the state it uses alive.
    const auto stored = [self = impl_, event_id, respond](std::exception_ptr failure, const append_result& result) {
        auto& d = *self;
        if (failure) {
            // Not acknowledged: BeezUP sends it again.
            ++d.failed;
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                d.log(log_level::error, "push " + event_id + " not stored: " + e.what());
            } catch (...) {
                d.log(log_level::error, "push " + event_id + " not stored");
            }
            return respond(refusal(503, "unavailable"));
        }
        ++d.accepted;
        d.log(log_level::debug, "push " + event_id + ": " + std::to_string(result.stored) + " stored, " +
                                    std::to_string(result.duplicates) + " duplicates, " + std::to_string(result.stale) +
                                    " stale" + (result.duplicate_event ? " (event seen before)" : ""));
        respond(answer(200));
    };
    try {
        inbox_->append_then(std::move(envelope.event), stored);
    } catch (...) {
        stored(std::current_exception(), {});
    }
}

push_receiver_stats push_receiver::stats() const {
    return {impl_->accepted.load(), impl_->verifications.load(), impl_->refused.load(), impl_->failed.load()};
}

const std::shared_ptr<push_inbox>& push_receiver::inbox() const noexcept { return inbox_; }
std::size_t push_receiver::max_body_bytes() const noexcept { return impl_->options.max_body_bytes; }

}  // namespace beezup
