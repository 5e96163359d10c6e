#include "redact_json.hpp"

#include <boost/json.hpp>

namespace beezup::detail::json {
namespace {

void redact(boost::json::value& v, const std::function<bool(std::string_view)>& sensitive, std::string_view marker) {
    if (auto* obj = v.if_object()) {
        for (auto& [key, value] : *obj) {
            if (sensitive(key) && !value.is_object() && !value.is_array() && !value.is_null())
                value = marker;
            else
                redact(value, sensitive, marker);
        }
    } else if (auto* arr = v.if_array()) {
        for (auto& item : *arr) redact(item, sensitive, marker);
    }
}

}  // namespace

std::optional<std::string> redact_members(std::string_view body, const std::function<bool(std::string_view)>& sensitive,
                                          std::string_view marker) {
    boost::json::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec) return std::nullopt;
    redact(value, sensitive, marker);
    return boost::json::serialize(value);
}

}  // namespace beezup::detail::json
