#include "orders_api.hpp"

#include "json_writer.hpp"
#include "list_request.hpp"
#include "order_json.hpp"
#include "order_generator.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace beezup::sandbox {
namespace {

namespace json = boost::json;

api_answer answer(outcome o) { return {std::move(o), {}, false}; }
api_answer bad_request(const std::string& code, const std::string& message) {
    return answer(outcome::error(400, code, message));
}

bool parse_int32(const std::string& s, std::int32_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

// A boolean query parameter, as the spec types it: "true" or "false" in any case, false when
// absent. Anything else is a 400, never a guess: "?testMode=yes" must not make a change for real.
std::optional<api_answer> query_flag(const api_call& call, const char* name, bool& out) {
    out = false;
    auto it = call.query.find(name);
    if (it == call.query.end()) return std::nullopt;
    std::string value = it->second;
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (value == "true" || value == "false") {
        out = value == "true";
        return std::nullopt;
    }
    return bad_request("InvalidQueryParameter", std::string("The query parameter ") + name + " must be true or false.");
}

std::optional<std::string> header(const api_call& call, const char* lower_name) {
    auto it = call.headers.find(lower_name);
    if (it == call.headers.end()) return std::nullopt;
    return it->second;
}

/// Parses a JSON object body; an error answer when it is not one.
std::optional<api_answer> parse_object(const std::string& body, json::object& out) {
    json::error_code ec;
    auto value = json::parse(body, ec);
    if (ec) return bad_request("InvalidJson", "The request body is not valid JSON: " + ec.message() + ".");
    if (!value.is_object()) return bad_request("InvalidRequestBody", "The request body must be a JSON object.");
    out = std::move(value.get_object());
    return std::nullopt;
}

std::optional<order_key> key_from(const json::value& v) {
    if (!v.is_object()) return std::nullopt;
    const auto& o = v.get_object();
    const auto* mtc = o.if_contains("marketplaceTechnicalCode");
    const auto* account = o.if_contains("accountId");
    const auto* id = o.if_contains("beezUPOrderId");
    if (!mtc || !mtc->is_string() || !account || !account->is_int64() || !id || !id->is_string()) return std::nullopt;
    return order_key{std::string(mtc->get_string()), static_cast<std::int32_t>(account->get_int64()),
                     std::string(id->get_string())};
}

void write_identifier(json_writer& w, const order_key& k) {
    w.key("order").begin_object()
        .member("marketplaceTechnicalCode", k.marketplace_technical_code)
        .member("accountId", static_cast<std::int64_t>(k.account_id))
        .member("beezUPOrderId", k.beezup_order_id)
        .end_object();
}

void write_link(json_writer& w, std::string_view name, const std::string& href, const char* method) {
    w.key(name).begin_object().member("href", href).member("method", method).end_object();
}

// 8-4-4-4-12 hexadecimal digits, as the spec's `format: uuid` (the sandbox's ids all are).
bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

// Why `v` is not an orderIdentifier as the spec types it, or "" when it is one.
std::string identifier_problem(const json::value& v, const std::string& at) {
    if (!v.is_object()) return at + " must be an object.";
    const auto& o = v.get_object();
    const auto* mtc = o.if_contains("marketplaceTechnicalCode");
    if (!mtc || !mtc->is_string()) return at + ".marketplaceTechnicalCode must be a string.";
    const auto* account = o.if_contains("accountId");
    if (!account || !account->is_int64() || account->get_int64() < INT32_MIN || account->get_int64() > INT32_MAX)
        return at + ".accountId must be a 32-bit integer.";
    const auto* id = o.if_contains("beezUPOrderId");
    if (!id || !id->is_string() || !is_uuid(id->get_string())) return at + ".beezUPOrderId must be a UUID.";
    return {};
}

std::string string_member_problem(const json::object& o, const char* name, const std::string& at) {
    const auto* v = o.if_contains(name);
    return v && v->is_string() ? std::string() : at + "." + name + " must be a string.";
}

// Why the batch body does not follow the spec's schema for `kind`, or "".
std::string batch_problem(const json::object& body, const std::string& kind, const char* list_name) {
    const auto* items = body.if_contains(list_name);
    if (!items || !items->is_array() || items->get_array().empty())
        return std::string(list_name) + " must be a non-empty array.";
    const auto& array = items->get_array();
    if (kind == "setMerchantOrderInfos") {
        for (const char* name : {"order_MerchantECommerceSoftwareName", "order_MerchantECommerceSoftwareVersion"})
            if (auto problem = string_member_problem(body, name, "the request"); !problem.empty()) return problem;
    }
    for (std::size_t i = 0; i < array.size(); ++i) {
        const auto at = std::string(list_name) + "[" + std::to_string(i) + "]";
        const auto& item = array[i];
        if (kind == "changeOrders") {
            if (!item.is_object()) return at + " must be an object.";
            const auto* order = item.get_object().if_contains("order");
            if (!order) return at + ".order is required.";
            if (auto problem = identifier_problem(*order, at + ".order"); !problem.empty()) return problem;
            if (const auto* fields = item.get_object().if_contains("changeOrderRequest")) {
                if (!fields->is_object()) return at + ".changeOrderRequest must be an object.";
                for (const auto& [name, value] : fields->get_object())
                    if (!value.is_string()) return at + ".changeOrderRequest." + std::string(name) + " must be a string.";
            }
            continue;
        }
        if (auto problem = identifier_problem(item, at); !problem.empty()) return problem;
        if (kind == "setMerchantOrderInfos")
            if (auto problem = string_member_problem(item.get_object(), "order_MerchantOrderId", at); !problem.empty())
                return problem;
        // The spec asks for uniqueItems in merchant-info batches.
        for (std::size_t j = 0; j < i; ++j)
            if (array[j] == item) return at + " repeats " + std::string(list_name) + "[" + std::to_string(j) + "].";
    }
    return {};
}

}  // namespace

std::optional<api_answer> orders_api::handle(const api_call& call) {
    const auto& s = call.segments;
    if (s.size() < 3 || s[0] != "orders" || s[1] != "v3") return std::nullopt;
    const auto& m = call.method;
    auto not_allowed = [&] {
        return answer(outcome::error(405, "MethodNotAllowed", "The method " + m + " is not allowed here."));
    };

    if (s[2] == "list" && s.size() == 4 && (s[3] == "full" || s[3] == "light"))
        return m == "POST" ? list(call, s[3] == "full") : not_allowed();
    if (s[2] == "status" && s.size() == 3) return m == "GET" ? status(call) : not_allowed();
    if (s[2] == "lov" && s.size() == 4 && s[3] == "orderManagementReadyMarketplaceBusinessCode")
        return m == "GET" ? ready_business_codes(call) : not_allowed();
    if (s[2] == "harvest" && s.size() == 3) return m == "POST" ? answer(store_.harvest_all()) : not_allowed();
    if (s[2] == "batches" && s.size() >= 4) {
        if (m != "POST") return not_allowed();
        return batch(call, s[3], s.size() == 5 ? s[4] : "");
    }
    if (s.size() < 5) return answer(outcome::error(404, "ResourceNotFound", "No resource at this path."));

    std::int32_t account_id = 0;
    if (!parse_int32(s[3], account_id))
        return answer(outcome::error(404, "AccountNotFound", "The account id '" + s[3] + "' is not a number."));
    if (s.size() == 5 && s[4] == "harvest")
        return m == "POST" ? answer(store_.harvest_account(s[2], account_id)) : not_allowed();

    const order_key key{s[2], account_id, s[4]};
    if (s.size() == 5) {
        if (m == "GET" || m == "HEAD") return get_order(call, key);
        return not_allowed();
    }
    const auto& action = s[5];
    if (action == "history") {
        if (m != "GET") return not_allowed();
        if (s.size() == 6) return history(key, nullptr);
        if (s.size() == 7) return history(key, &s[6]);
    } else if (s.size() == 6) {
        if (m != "POST") return not_allowed();
        if (action == "harvest") return answer(store_.harvest_order(key));
        if (action == "setMerchantOrderInfo") return merchant_info(call, key, true);
        if (action == "clearMerchantOrderInfo") return merchant_info(call, key, false);
        return change(call, key, action);
    }
    return answer(outcome::error(404, "ResourceNotFound", "No resource at this path."));
}

api_answer orders_api::list(const api_call& call, bool full) {
    json::object body;
    if (auto error = parse_object(call.body, body)) return *error;
    list_filter f;
    if (auto problem = parse_list_filter(body, store_.now(), f)) return bad_request(problem->code, problem->message);
    std::string problem;
    auto integer = [&](const char* name, std::int64_t& out, std::int64_t low, std::int64_t high) -> bool {
        const auto* v = body.if_contains(name);
        if (!v) return problem = std::string(name) + " is required.", false;
        if (!v->is_int64() || v->get_int64() < low || v->get_int64() > high)
            return problem = std::string(name) + " must be an integer from " + std::to_string(low) + " to " + std::to_string(high) + ".", false;
        out = v->get_int64();
        return true;
    };
    std::int64_t page_number = 1, page_size = 100;
    if (!integer("pageNumber", page_number, 1, INT32_MAX) || !integer("pageSize", page_size, 25, 100))
        return bad_request("InvalidPagination", problem);

    json_writer orders;
    orders.begin_array();
    std::size_t on_page = 0;
    const auto total = store_.list(f, static_cast<std::size_t>(page_number), static_cast<std::size_t>(page_size),
                                   [&](const order& o) {
                                       ++on_page;
                                       full ? write_order_full(orders, o) : write_order_header(orders, o);
                                   });
    orders.end_array();
    const auto page_count = (total + static_cast<std::size_t>(page_size) - 1) / static_cast<std::size_t>(page_size);
    const std::string self = std::string("/orders/v3/list/") + (full ? "full" : "light");

    // Pagination links repeat the request with another page number.
    auto page_link = [&](json_writer& w, std::string_view name, std::int64_t number) {
        body["pageNumber"] = number;
        w.key(name).begin_object().member("href", self).member("method", "POST").key("parameters").begin_object()
            .key("request").begin_object().member("in", "body").member("schema", "orderListRequest")
            .key("value").raw(json::serialize(body)).end_object().end_object().end_object();
    };
    json_writer w;
    w.begin_object().key("paginationResult").begin_object()
        .member("entryCount", static_cast<std::int64_t>(on_page))
        .member("pageCount", static_cast<std::int64_t>(page_count))
        .member("totalEntryCount", static_cast<std::int64_t>(total))
        .key("links").begin_object();
    page_link(w, "first", 1);
    page_link(w, "last", std::max<std::int64_t>(1, static_cast<std::int64_t>(page_count)));
    if (page_number < static_cast<std::int64_t>(page_count)) page_link(w, "next", page_number + 1);
    if (page_number > 1) page_link(w, "previous", std::min<std::int64_t>(page_number - 1, std::max<std::int64_t>(1, page_count)));
    w.end_object().end_object();
    w.key("orders").raw(orders.str());
    w.key("links").begin_object();
    write_link(w, "self", self, "POST");
    write_link(w, "harvest", "/orders/v3/harvest", "POST");
    write_link(w, "setMerchantInfos", "/orders/v3/batches/setMerchantOrderInfos", "POST");
    write_link(w, "clearMerchantInfos", "/orders/v3/batches/clearMerchantOrderInfos", "POST");
    write_link(w, "export", "/v2/user/marketplaces/orders/exportations", "POST");
    write_link(w, "status", "/orders/v3/status", "GET");
    w.end_object().end_object();
    return answer(outcome::json(w.take()));
}

api_answer orders_api::status(const api_call&) {
    json_writer w;
    w.begin_object().key("accountSynchronizations").begin_array();
    const auto now = store_.now();
    for (const auto& a : sandbox_accounts())
        w.begin_object()
            .member("accountId", static_cast<std::int64_t>(a.account_id))
            .member("marketplaceTechnicalCode", a.marketplace_technical_code)
            .member("marketplaceBusinessCode", a.marketplace_business_code)
            .member("completedHarvestSynchroUtcDate", now - std::chrono::minutes(5))
            .end_object();
    w.end_array().end_object();
    return answer(outcome::json(w.take()));
}

// The business codes of the accounts of the stores asked for (every store by default), as a list
// of values. BeezUP answers 404 for a store it does not know.
api_answer orders_api::ready_business_codes(const api_call& call) {
    std::vector<std::string> stores;
    if (auto it = call.query.find("storeIds"); it != call.query.end()) {
        std::string_view rest = it->second;  // style form, explode false: "a,b"
        while (true) {
            const auto comma = rest.find(',');
            stores.emplace_back(rest.substr(0, comma));
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    const auto& accounts = sandbox_accounts();
    for (const auto& store : stores)
        if (std::none_of(accounts.begin(), accounts.end(), [&](const account& a) { return a.store_id == store; }))
            return answer(outcome::error(404, "StoreNotFound", "The store '" + store + "' does not exist."));
    std::vector<std::string> codes;
    for (const auto& a : accounts)
        if ((stores.empty() || std::find(stores.begin(), stores.end(), a.store_id) != stores.end()) &&
            std::find(codes.begin(), codes.end(), a.marketplace_business_code) == codes.end())
            codes.push_back(a.marketplace_business_code);
    std::sort(codes.begin(), codes.end());
    json_writer w;
    w.begin_array();
    std::int64_t position = 1;
    for (const auto& code : codes) {
        w.begin_object().member("codeIdentifier", code).member("intIdentifier", position)
            .member("position", position).member("translationText", code).end_object();
        ++position;
    }
    w.end_array();
    return answer(outcome::json(w.take()));
}

api_answer orders_api::get_order(const api_call& call, const order_key& key) {
    const auto if_none_match = header(call, "if-none-match");
    auto result = store_.with_order(key, [&](const order& o) {
        api_answer a;
        const auto etag = order_etag(o);
        a.headers["ETag"] = etag;
        a.headers["Last-Modified"] = format_http_date(o.last_modification);
        if (if_none_match && *if_none_match == etag) {
            a.result.status = 304;
            a.omit_body = true;
            return a;
        }
        // HEAD gets the GET's answer: the listener sends its headers only (http_reply.cpp).
        json_writer w;
        write_order_full(w, o);
        a.result.body = w.take();
        return a;
    });
    if (!result) return answer(outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account."));
    return *result;
}

api_answer orders_api::history(const order_key& key, const std::string* execution) {
    auto result = store_.with_order(key, [&](const order& o) -> std::optional<std::string> {
        json_writer w;
        if (!execution) {
            write_order_history(w, o);
            return w.take();
        }
        for (const auto& c : o.changes) {
            if (c.execution_uuid != *execution) continue;
            write_change_reporting(w, c);
            return w.take();
        }
        return std::nullopt;
    });
    if (!result) return answer(outcome::error(404, "OrderNotFound", "No order " + key.beezup_order_id + " on this account."));
    if (!*result) return answer(outcome::error(404, "OrderChangeNotFound", "No change " + *execution + " on this order."));
    return answer(outcome::json(std::move(**result)));
}

namespace {

// A changeOrderRequest: an object whose values are strings.
std::optional<api_answer> change_fields(const std::string& body, std::map<std::string, std::string>& fields) {
    if (body.empty()) return std::nullopt;
    json::object o;
    if (auto error = parse_object(body, o)) return error;
    for (const auto& [name, value] : o) {
        if (!value.is_string())
            return bad_request("InvalidChangeOrderParameter", "The parameter " + std::string(name) + " must be a string.");
        fields[std::string(name)] = std::string(value.get_string());
    }
    return std::nullopt;
}

}  // namespace

api_answer orders_api::change(const api_call& call, const order_key& key, const std::string& change_type) {
    change_request request;
    request.change_type = change_type;
    if (auto error = change_fields(call.body, request.fields)) return *error;
    if (auto it = call.query.find("userName"); it != call.query.end()) request.user_name = it->second;
    if (auto error = query_flag(call, "testMode", request.test_mode)) return *error;
    request.if_match = header(call, "if-match");
    return answer(store_.change(key, request));
}

api_answer orders_api::merchant_info(const api_call& call, const order_key& key, bool set) {
    bool test_mode = false;
    if (auto error = query_flag(call, "testMode", test_mode)) return *error;
    if (!set) return answer(store_.clear_merchant_info(key, test_mode));
    json::object body;
    if (auto error = parse_object(call.body, body)) return *error;
    for (const char* name : {"order_MerchantOrderId", "order_MerchantECommerceSoftwareName", "order_MerchantECommerceSoftwareVersion"})
        if (auto problem = string_member_problem(body, name, "the request"); !problem.empty())
            return bad_request("InvalidRequestBody", problem);
    auto text = [&](const char* name) { return std::string(body.at(name).get_string()); };
    return answer(store_.set_merchant_info(key, text("order_MerchantOrderId"), text("order_MerchantECommerceSoftwareName"),
                                           text("order_MerchantECommerceSoftwareVersion"), test_mode));
}

api_answer orders_api::batch(const api_call& call, const std::string& kind, const std::string& change_type) {
    if (kind != "changeOrders" && kind != "setMerchantOrderInfos" && kind != "clearMerchantOrderInfos")
        return answer(outcome::error(404, "ResourceNotFound", "No batch operation " + kind + "."));
    json::object body;
    if (auto error = parse_object(call.body, body)) return *error;
    bool test_mode = false;
    if (auto error = query_flag(call, "testMode", test_mode)) return *error;
    const char* list_name = kind == "changeOrders" ? "changeOrders" : "orders";
    if (const auto* items = body.if_contains(list_name); items && items->is_array() && items->get_array().size() > 100)
        return bad_request("TooManyBatchOperations", "Requested too many batch operations (at most 100).");
    if (const auto problem = batch_problem(body, kind, list_name); !problem.empty())
        return bad_request("InvalidBatchRequest", problem);
    const auto user_name = call.query.find("userName");
    if (kind == "changeOrders" && (user_name == call.query.end() || user_name->second.empty()))
        return bad_request("UserNameRequired", "The query parameter userName is required.");
    // The spec's ChangeOrderListV3 names no change type anywhere (docs/sandbox.md).
    if (kind == "changeOrders" && change_type.empty())
        return bad_request("ChangeOrderTypeRequired", "Use /orders/v3/batches/changeOrders/{changeOrderType}.");
    const auto& items = body.at(list_name).get_array();

    auto text = [](const json::object& from, const char* name) { return std::string(from.at(name).get_string()); };
    json_writer w;
    w.begin_object().key("operations").begin_array();
    for (const auto& item : items) {
        const auto& identifier = kind == "changeOrders" ? item.at("order") : item;
        const auto key = *key_from(identifier);
        outcome result;
        if (kind == "changeOrders") {
            change_request request;
            request.change_type = change_type;
            request.test_mode = test_mode;
            request.user_name = user_name->second;
            if (const auto* fields = item.get_object().if_contains("changeOrderRequest"))
                for (const auto& [name, value] : fields->get_object())
                    request.fields[std::string(name)] = std::string(value.get_string());
            result = store_.change(key, request);
        } else if (kind == "setMerchantOrderInfos") {
            result = store_.set_merchant_info(key, text(item.get_object(), "order_MerchantOrderId"),
                                              text(body, "order_MerchantECommerceSoftwareName"),
                                              text(body, "order_MerchantECommerceSoftwareVersion"), test_mode);
        } else {
            result = store_.clear_merchant_info(key, test_mode);
        }
        w.begin_object();
        write_identifier(w, key);
        const bool ok = result.status < 400;
        w.member("success", ok).member("status", static_cast<std::int64_t>(ok ? 204 : result.status));
        if (!ok)
            w.key("errors").begin_array().begin_object().member("code", result.error_code)
                .member("message", result.error_message).end_object().end_array();
        w.end_object();
    }
    w.end_array().end_object();
    return answer(outcome::json(w.take(), 202));
}

}  // namespace beezup::sandbox
