#include "automatic_transitions_json.hpp"

#include "json_reader.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {

std::vector<automatic_transition> decode_automatic_transitions(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    std::vector<automatic_transition> out;
    const auto infos = root.member("automaticTransitionInfos");
    if (!infos) return out;  // optional in the spec: no account has one
    const auto& items = infos->array();
    out.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto n = infos->at(i);
        automatic_transition t;
        t.marketplace_technical_code = n.required("marketplaceTechnicalCode").string();
        t.marketplace_business_code = n.required("marketplaceBusinessCode").string();
        t.account_id = n.required("accountId").int32();
        t.transition_id = n.required("orderStatusTransitionId").int32();
        t.from_status = order_status(n.required("beezUPOrderStatus").string());
        t.operation = change_type(n.required("businessOperationType").string());
        t.enabled = n.required("enabled").boolean();
        out.push_back(std::move(t));
    }
    return out;
}

std::string encode_configure_automatic_transitions(const std::vector<automatic_transition>& transitions) {
    boost::json::array items;
    items.reserve(transitions.size());
    for (const auto& t : transitions)
        items.push_back({{"marketplaceTechnicalCode", t.marketplace_technical_code},
                         {"accountId", t.account_id},
                         {"orderStatusTransitionId", t.transition_id},
                         {"enabled", t.enabled}});
    return boost::json::serialize(boost::json::object{{"automaticTransitions", std::move(items)}});
}

}  // namespace beezup::detail::json
