#include "automatic_transitions_api.hpp"

#include "json_writer.hpp"
#include "marketplace_rules.hpp"
#include "order_generator.hpp"

#include <boost/json.hpp>

namespace beezup::sandbox {
namespace {

constexpr const char* path = "/v2/user/marketplaces/orders/automaticTransitions";

// One acceptance transition per account that needs it; its id is stable across runs.
std::int32_t transition_id(const account& a) { return a.account_id * 10 + 1; }

const account* account_for_transition(std::int32_t id, const std::string& mtc, std::int32_t account_id) {
    for (const auto& a : sandbox_accounts())
        if (a.marketplace_technical_code == mtc && a.account_id == account_id && needs_acceptance(mtc) &&
            transition_id(a) == id)
            return &a;
    return nullptr;
}

api_answer error(int status, const std::string& code, const std::string& message) {
    return {outcome::error(status, code, message), {}, false};
}

}  // namespace

std::optional<api_answer> automatic_transitions_api::handle(const api_call& call) {
    const auto& s = call.segments;
    if (s.size() != 5 || s[0] != "v2" || s[1] != "user" || s[2] != "marketplaces" || s[3] != "orders" ||
        s[4] != "automaticTransitions")
        return std::nullopt;
    if (call.method == "GET") return list(call);
    if (call.method == "POST") return configure(call);
    return error(405, "MethodNotAllowed", "The method " + call.method + " is not allowed here.");
}

api_answer automatic_transitions_api::list(const api_call& call) {
    const auto store_filter = call.query.find("storeId");
    const auto& accounts = sandbox_accounts();
    if (store_filter != call.query.end() &&
        std::none_of(accounts.begin(), accounts.end(), [&](const account& a) { return a.store_id == store_filter->second; }))
        return error(404, "StoreNotFound", "No store " + store_filter->second + ".");
    json_writer w;
    w.begin_object().key("automaticTransitionInfos").begin_array();
    for (const auto& a : accounts) {
        if (!needs_acceptance(a.marketplace_technical_code)) continue;
        if (store_filter != call.query.end() && a.store_id != store_filter->second) continue;
        w.begin_object()
            .member("marketplaceTechnicalCode", a.marketplace_technical_code)
            .member("marketplaceBusinessCode", a.marketplace_business_code)
            .member("accountId", static_cast<std::int64_t>(a.account_id))
            .member("orderStatusTransitionId", static_cast<std::int64_t>(transition_id(a)))
            .member("beezUPOrderStatus", "New")
            .member("businessOperationType", "AcceptOrder")
            .member("enabled", store_.auto_accept(a.marketplace_technical_code, a.account_id))
            .key("links").begin_object().key("configure").begin_object().member("href", path).member("method", "POST")
            .end_object().end_object()
            .end_object();
    }
    w.end_array().key("links").begin_object();
    w.key("self").begin_object().member("href", path).member("method", "GET").end_object();
    w.key("configure").begin_object().member("href", path).member("method", "POST").end_object();
    w.end_object().end_object();
    return {outcome::json(w.take()), {}, false};
}

api_answer automatic_transitions_api::configure(const api_call& call) {
    boost::json::error_code ec;
    const auto body = boost::json::parse(call.body, ec);
    if (ec || !body.is_object()) return error(400, "InvalidJson", "The request body must be a JSON object.");
    const auto* items = body.get_object().if_contains("automaticTransitions");
    if (!items || !items->is_array() || items->get_array().empty())
        return error(400, "InvalidRequest", "automaticTransitions must be a non-empty array.");
    // Validate everything before changing anything.
    struct setting {
        const account* acct;
        bool enabled;
    };
    std::vector<setting> settings;
    for (const auto& item : items->get_array()) {
        const auto* o = item.if_object();
        const auto* mtc = o ? o->if_contains("marketplaceTechnicalCode") : nullptr;
        const auto* account_id = o ? o->if_contains("accountId") : nullptr;
        const auto* id = o ? o->if_contains("orderStatusTransitionId") : nullptr;
        const auto* enabled = o ? o->if_contains("enabled") : nullptr;
        if (!mtc || !mtc->is_string() || !account_id || !account_id->is_int64() || !id || !id->is_int64() || !enabled ||
            !enabled->is_bool())
            return error(400, "InvalidAutomaticTransition",
                         "Each automatic transition needs marketplaceTechnicalCode, accountId, orderStatusTransitionId and enabled.");
        const auto* acct = account_for_transition(static_cast<std::int32_t>(id->get_int64()), std::string(mtc->get_string()),
                                                  static_cast<std::int32_t>(account_id->get_int64()));
        if (!acct)
            return error(400, "AutomaticTransitionNotFound",
                         "No automatic transition " + std::to_string(id->get_int64()) + " for this account.");
        settings.push_back({acct, enabled->get_bool()});
    }
    for (const auto& s : settings) store_.set_auto_accept(s.acct->marketplace_technical_code, s.acct->account_id, s.enabled);
    outcome done;
    done.status = 204;
    return {done, {}, false};
}

}  // namespace beezup::sandbox
