// Automatic transitions: one request per call. Configuring sets states (enabled or not), so
// sending it again is harmless: it is sent as a repeatable request.

#include <beezup/automatic_transitions.hpp>

#include "../json/automatic_transitions_json.hpp"
#include "../pipeline/pipeline.hpp"
#include "../pipeline/url_encoding.hpp"

namespace beezup {
namespace {

const std::string path = "/v2/user/marketplaces/orders/automaticTransitions";

}  // namespace

std::vector<automatic_transition> automatic_transitions_api::list(const std::optional<std::string>& store_id,
                                                                  const call_context& context) const {
    detail::api_request r;
    r.path = path;
    if (store_id) {
        if (store_id->empty()) throw invalid_request("store_id may not be empty");
        r.query = "storeId=" + detail::percent_encode(*store_id);
    }
    return detail::json::decode_automatic_transitions(pipeline_->send(r, context).body);
}

void automatic_transitions_api::configure(const std::vector<automatic_transition>& transitions,
                                          const call_context& context) const {
    if (transitions.empty()) throw invalid_request("configure() needs at least one automatic transition");
    for (const auto& t : transitions)
        if (t.marketplace_technical_code.empty())
            throw invalid_request("an automatic transition needs its marketplace technical code");
    detail::api_request r;
    r.method = http_method::post;
    r.path = path;
    r.body = detail::json::encode_configure_automatic_transitions(transitions);
    auto repeatable = context;
    repeatable.idempotent = true;
    pipeline_->send(r, repeatable);
}

std::vector<account_auto_acceptance> automatic_transitions_api::auto_acceptance(const call_context& context) const {
    std::vector<account_auto_acceptance> out;
    for (const auto& t : list(std::nullopt, context))
        if (t.is_acceptance())
            out.push_back({t.marketplace_technical_code, t.marketplace_business_code, t.account_id, t.enabled, t.transition_id});
    return out;
}

void automatic_transitions_api::set_auto_acceptance(const std::string& marketplace_technical_code, std::int32_t account_id,
                                                    bool enabled, const call_context& context) const {
    const auto c = pipeline_->bound(context);  // one deadline for both requests
    for (auto t : list(std::nullopt, c)) {
        if (!t.is_acceptance() || t.marketplace_technical_code != marketplace_technical_code || t.account_id != account_id)
            continue;
        t.enabled = enabled;
        configure({t}, c);
        return;
    }
    throw invalid_request("auto-acceptance is not available on " + marketplace_technical_code + " account " +
                          std::to_string(account_id) + " (no acceptance step there, or no such account)");
}

}  // namespace beezup
