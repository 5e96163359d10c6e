#include "orders_api.hpp"

#include "json_writer.hpp"
#include "list_request.hpp"
#include "order_json.hpp"
#include "order_generator.hpp"

#include <boost/json.hpp>

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

bool query_flag(const api_call& call, const char* name) {
    auto it = call.query.find(name);
    return it != call.query.end() && (it->second == "true" || it->second == "True" || it->second == "1");
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
        if (m == "GET" || m == "HEAD") return get_order(call, key, m == "HEAD");
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

api_answer orders_api::get_order(const api_call& call, const order_key& key, bool head) {
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
        a.omit_body = head;
        if (!head) {
            json_writer w;
            write_order_full(w, o);
            a.result.body = w.take();
        }
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
    request.test_mode = query_flag(call, "testMode");
    request.if_match = header(call, "if-match");
    return answer(store_.change(key, request));
}

api_answer orders_api::merchant_info(const api_call& call, const order_key& key, bool set) {
    const bool test_mode = query_flag(call, "testMode");
    if (!set) return answer(store_.clear_merchant_info(key, test_mode));
    json::object body;
    if (auto error = parse_object(call.body, body)) return *error;
    auto text = [&](const char* name) {
        const auto* v = body.if_contains(name);
        return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    return answer(store_.set_merchant_info(key, text("order_MerchantOrderId"), text("order_MerchantECommerceSoftwareName"),
                                           text("order_MerchantECommerceSoftwareVersion"), test_mode));
}

api_answer orders_api::batch(const api_call& call, const std::string& kind, const std::string& change_type) {
    json::object body;
    if (auto error = parse_object(call.body, body)) return *error;
    const bool test_mode = query_flag(call, "testMode");
    const char* list_name = kind == "changeOrders" ? "changeOrders" : "orders";
    if (kind == "changeOrders" && change_type.empty())
        return bad_request("ChangeOrderTypeRequired", "Use /orders/v3/batches/changeOrders/{changeOrderType}.");
    if (kind != "changeOrders" && kind != "setMerchantOrderInfos" && kind != "clearMerchantOrderInfos")
        return answer(outcome::error(404, "ResourceNotFound", "No batch operation " + kind + "."));
    const auto* items = body.if_contains(list_name);
    if (!items || !items->is_array() || items->get_array().empty())
        return bad_request("InvalidBatch", std::string(list_name) + " must be a non-empty array.");
    if (items->get_array().size() > 100) return bad_request("TooManyBatchOperations", "Requested too many batch operations (at most 100).");

    json_writer w;
    w.begin_object().key("operations").begin_array();
    for (const auto& item : items->get_array()) {
        const json::value* identifier = kind == "changeOrders" && item.is_object() ? item.get_object().if_contains("order") : &item;
        const auto key = identifier ? key_from(*identifier) : std::nullopt;
        outcome result;
        if (!key) {
            result = outcome::error(400, "InvalidOrderIdentifier",
                                    "Each item needs marketplaceTechnicalCode, accountId and beezUPOrderId.");
        } else if (kind == "changeOrders") {
            change_request request;
            request.change_type = change_type;
            request.test_mode = test_mode;
            if (auto it = call.query.find("userName"); it != call.query.end()) request.user_name = it->second;
            const auto* fields = item.get_object().if_contains("changeOrderRequest");
            if (fields && !fields->is_null()) {
                if (auto error = change_fields(json::serialize(*fields), request.fields)) result = error->result;
            }
            if (result.status < 400) result = store_.change(*key, request);
        } else if (kind == "setMerchantOrderInfos") {
            const auto& o = item.get_object();
            auto text = [&](const json::object& from, const char* name) {
                const auto* v = from.if_contains(name);
                return v && v->is_string() ? std::string(v->get_string()) : std::string();
            };
            result = store_.set_merchant_info(*key, text(o, "order_MerchantOrderId"),
                                              text(body, "order_MerchantECommerceSoftwareName"),
                                              text(body, "order_MerchantECommerceSoftwareVersion"), test_mode);
        } else {
            result = store_.clear_merchant_info(*key, test_mode);
        }
        w.begin_object();
        write_identifier(w, key.value_or(order_key{"", 0, ""}));
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
