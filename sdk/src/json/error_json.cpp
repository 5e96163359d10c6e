#include "error_json.hpp"

#include "error_json_value.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {
namespace {

namespace bj = boost::json;

std::optional<std::string> string_member(const bj::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().get_string());
}

std::string argument_text(const bj::value& v) { return v.is_string() ? std::string(v.get_string()) : bj::serialize(v); }

}  // namespace

std::vector<api_error_detail> error_details_of(const bj::value& errors) {
    std::vector<api_error_detail> details;
    if (!errors.is_array()) return details;
    for (const auto& entry : errors.get_array()) {
        if (!entry.is_object()) continue;
        const auto& o = entry.get_object();
        api_error_detail d;
        d.code = string_member(o, "code").value_or("");
        d.message = string_member(o, "message").value_or("");
        d.culture_name = string_member(o, "cultureName");
        d.doc_url = string_member(o, "docUrl");
        if (const auto* args = o.if_contains("arguments")) {
            if (args->is_object()) {
                for (const auto& [k, v] : args->get_object()) d.arguments[std::string(k)] = argument_text(v);
            } else if (args->is_array()) {
                for (const auto& arg : args->get_array()) {
                    if (!arg.is_object()) continue;
                    auto name = string_member(arg.get_object(), "name");
                    const auto* v = arg.get_object().if_contains("value");
                    if (name && v) d.arguments[*name] = argument_text(*v);
                }
            }
        }
        details.push_back(std::move(d));
    }
    return details;
}

std::vector<api_error_detail> decode_error_details(std::string_view body) {
    bj::error_code ec;
    const auto value = bj::parse(body, ec);
    if (ec || !value.is_object()) return {};
    const auto* errors = value.get_object().if_contains("errors");
    return errors ? error_details_of(*errors) : std::vector<api_error_detail>{};
}

}  // namespace beezup::detail::json
