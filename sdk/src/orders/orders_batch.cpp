// Batches, merchant info, harvest, synchronisation status and server-side exportations.

#include "../json/json_reader.hpp"
#include "../json/utc_time.hpp"
#include "../pipeline/error_mapping.hpp"
#include "../pipeline/url_encoding.hpp"
#include "orders_impl.hpp"

#include <beezup/orders.hpp>

#include <boost/json.hpp>

#include <fstream>
#include <set>
#include <thread>

namespace beezup {
namespace {

namespace bj = boost::json;
constexpr std::size_t batch_size = 100;

bj::object identifier(const order_key& k) {
    return {{"marketplaceTechnicalCode", k.marketplace_technical_code},
            {"accountId", k.account_id},
            {"beezUPOrderId", k.beezup_order_id}};
}

std::string test_mode_query(bool test_mode) { return test_mode ? "testMode=true" : ""; }

/// Sends `items` in chunks of 100 with `make_body(first, last)`, decodes batchOrderOperationResponse,
/// and sends once more the items refused with 429/503 (BeezUP did not apply them).
std::vector<batch_result> run_batch(detail::pipeline& http, const std::string& path, const std::string& query,
                                    const std::vector<order_key>& keys,
                                    const std::function<bj::object(const std::vector<std::size_t>&)>& make_body,
                                    const call_context& c) {
    std::vector<batch_result> results(keys.size());
    std::vector<std::size_t> pending(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) pending[i] = i;
    for (int round = 0; round < 2 && !pending.empty(); ++round) {
        std::vector<std::size_t> retry;
        for (std::size_t start = 0; start < pending.size(); start += batch_size) {
            const std::vector<std::size_t> chunk(pending.begin() + static_cast<std::ptrdiff_t>(start),
                                                 pending.begin() + static_cast<std::ptrdiff_t>(std::min(pending.size(), start + batch_size)));
            detail::api_request r;
            r.method = http_method::post;
            r.path = path;
            r.query = query;
            r.body = bj::serialize(make_body(chunk));
            const auto document = detail::json::parse(http.send(r, c).body);
            const detail::json::node root(document, "$");
            const auto operations = root.required("operations");
            if (operations.array().size() != chunk.size())
                operations.fail("expected " + std::to_string(chunk.size()) + " operations, found " +
                                std::to_string(operations.array().size()));
            // Operations answer in the order of the request's items.
            for (std::size_t j = 0; j < chunk.size(); ++j) {
                const auto op = operations.at(j);
                auto& result = results[chunk[j]];
                result.key = keys[chunk[j]];
                result.success = op.required("success").boolean();
                result.status = op.required("status").int32();
                result.errors.clear();
                if (auto errors = op.member("errors"))
                    result.errors = detail::parse_error_details(bj::serialize(bj::object{{"errors", errors->value()}}));
                if (!result.success && (result.status == 429 || result.status == 503)) retry.push_back(chunk[j]);
            }
        }
        pending = std::move(retry);
    }
    return results;
}

}  // namespace

std::vector<batch_result> orders_api::change_batch(const change_type& type, const std::vector<batch_change>& changes,
                                                   bool test_mode, const call_context& c) {
    const auto& user = impl_->http().options().user_name;
    if (user.empty()) throw invalid_request("changes need client_options::user_name (BeezUP's userName)");
    std::vector<order_key> keys;
    for (const auto& ch : changes) keys.push_back(ch.key);
    const auto query = "userName=" + detail::percent_encode(user) + (test_mode ? "&testMode=true" : "");
    return run_batch(impl_->http(), "/orders/v3/batches/changeOrders/" + detail::percent_encode(type.str()), query, keys,
                     [&](const std::vector<std::size_t>& chunk) {
                         bj::array items;
                         for (auto i : chunk) {
                             bj::object fields;
                             for (const auto& [name, value] : changes[i].fields) fields[name] = value;
                             items.push_back(bj::object{{"order", identifier(changes[i].key)}, {"changeOrderRequest", fields}});
                         }
                         return bj::object{{"changeOrders", items}};
                     },
                     c);
}

void orders_api::set_merchant_info(const order_key& key, const merchant_info& info, bool test_mode, const call_context& c) {
    if (info.merchant_order_id.empty() || info.software_name.empty() || info.software_version.empty())
        throw invalid_request("merchant info needs an order id, a software name and a software version");
    detail::api_request r;
    r.method = http_method::post;
    r.path = detail::order_path(key) + "/setMerchantOrderInfo";
    r.query = test_mode_query(test_mode);
    r.body = bj::serialize(bj::object{{"order_MerchantOrderId", info.merchant_order_id},
                                      {"order_MerchantECommerceSoftwareName", info.software_name},
                                      {"order_MerchantECommerceSoftwareVersion", info.software_version}});
    auto context = c;
    context.idempotent = true;  // setting the same value twice changes nothing
    impl_->http().send(r, context);
}

void orders_api::clear_merchant_info(const order_key& key, bool test_mode, const call_context& c) {
    detail::api_request r;
    r.method = http_method::post;
    r.path = detail::order_path(key) + "/clearMerchantOrderInfo";
    r.query = test_mode_query(test_mode);
    auto context = c;
    context.idempotent = true;
    impl_->http().send(r, context);
}

std::vector<batch_result> orders_api::set_merchant_info_batch(const std::vector<std::pair<order_key, std::string>>& ids,
                                                              const std::string& software_name,
                                                              const std::string& software_version, bool test_mode,
                                                              const call_context& c) {
    std::vector<order_key> keys;
    for (const auto& [key, id] : ids) keys.push_back(key);
    return run_batch(impl_->http(), "/orders/v3/batches/setMerchantOrderInfos", test_mode_query(test_mode), keys,
                     [&](const std::vector<std::size_t>& chunk) {
                         bj::array orders;
                         for (auto i : chunk) {
                             auto o = identifier(ids[i].first);
                             o["order_MerchantOrderId"] = ids[i].second;
                             orders.push_back(std::move(o));
                         }
                         return bj::object{{"order_MerchantECommerceSoftwareName", software_name},
                                           {"order_MerchantECommerceSoftwareVersion", software_version},
                                           {"orders", orders}};
                     },
                     c);
}

std::vector<batch_result> orders_api::clear_merchant_info_batch(const std::vector<order_key>& keys, bool test_mode,
                                                                const call_context& c) {
    return run_batch(impl_->http(), "/orders/v3/batches/clearMerchantOrderInfos", test_mode_query(test_mode), keys,
                     [&](const std::vector<std::size_t>& chunk) {
                         bj::array orders;
                         for (auto i : chunk) orders.push_back(identifier(keys[i]));
                         return bj::object{{"orders", orders}};
                     },
                     c);
}

namespace {

void post_harvest(detail::pipeline& http, const std::string& path, const std::string& query, const call_context& c) {
    detail::api_request r;
    r.method = http_method::post;
    r.path = path;
    r.query = query;
    auto context = c;
    context.idempotent = true;  // asking twice for a harvest is harmless; 409 + Retry-After is waited
    http.send(r, context);
}

}  // namespace

void orders_api::harvest(const order_key& key, const call_context& c) {
    post_harvest(impl_->http(), detail::order_path(key) + "/harvest", "", c);
}

void orders_api::harvest_account(const std::string& mtc, std::int32_t account_id, const call_context& c) {
    post_harvest(impl_->http(), "/orders/v3/" + detail::percent_encode(mtc) + "/" + std::to_string(account_id) + "/harvest", "", c);
}

void orders_api::harvest_all(const call_context& c) { post_harvest(impl_->http(), "/orders/v3/harvest", "", c); }

std::vector<account_sync_status> orders_api::synchronization_status(const call_context& c) {
    detail::api_request r;
    r.path = "/orders/v3/status";
    const auto document = detail::json::parse(impl_->http().send(r, c).body);
    const detail::json::node root(document, "$");
    std::vector<account_sync_status> out;
    if (auto list = root.member("accountSynchronizations")) {
        for (std::size_t i = 0; i < list->array().size(); ++i) {
            const auto n = list->at(i);
            account_sync_status s;
            s.account_id = n.required("accountId").int32();
            s.marketplace_technical_code = n.required("marketplaceTechnicalCode").string();
            s.marketplace_business_code = n.required("marketplaceBusinessCode").string();
            if (auto d = n.optional_string("completedHarvestSynchroUtcDate"))
                s.completed_harvest_date = detail::json::parse_utc_time(*d, n.path() + ".completedHarvestSynchroUtcDate");
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::string orders_api::export_csv(const std::string& store_id, const order_filter& filter, const std::string& path,
                                   const call_context& caller) {
    auto& http = impl_->http();
    const auto c = http.bound(caller);
    const auto end = filter.end == utc_time{} ? std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                                                    std::chrono::seconds(2)
                                              : filter.end;
    if (end - filter.begin > std::chrono::days(30)) throw invalid_request("an exportation covers at most 30 days");
    if (store_id.empty()) throw invalid_request("an exportation needs a store id");
    const auto listing_path = "/v2/user/marketplaces/orders/exportations";
    const auto listing_query = "storeId=" + detail::percent_encode(store_id) + "&pageNumber=1&pageSize=25";
    struct exportation {
        std::string id, status;
        std::optional<std::string> error_message, blob_uri;
    };
    auto list_exportations = [&] {
        detail::api_request r;
        r.path = listing_path;
        r.query = listing_query;
        const auto document = detail::json::parse(http.send(r, c).body);
        const detail::json::node root(document, "$");
        std::vector<exportation> out;
        if (auto list = root.member("exportations")) {
            for (std::size_t i = 0; i < list->array().size(); ++i) {
                const auto e = list->at(i);
                out.push_back({e.required("executionUUID").string(), e.optional_string("processingStatus").value_or(""),
                               e.optional_string("errorMessage"), e.optional_string("blobNameUri")});
            }
        }
        return out;
    };
    std::set<std::string> before;
    for (const auto& e : list_exportations()) before.insert(e.id);

    // The request is the criteria of a list without paging.
    auto criteria = bj::parse(detail::list_request_body(filter, filter.begin, end, 1, 25)).as_object();
    criteria.erase("pageNumber");
    criteria.erase("pageSize");
    detail::api_request request;
    request.method = http_method::post;
    request.path = listing_path;
    request.body = bj::serialize(bj::object{{"storeId", store_id}, {"orderListRequestWithoutPagination", criteria}, {"format", "csv"}});
    http.send(request, c);

    for (auto interval = std::chrono::milliseconds(200);; interval = std::min(interval * 2, std::chrono::milliseconds(5000))) {
        for (const auto& e : list_exportations()) {
            if (before.count(e.id)) continue;
            if (e.status == "Failed" || e.status == "Aborted")
                throw error("the exportation " + e.id + " ended " + e.status + ": " + e.error_message.value_or("no reason given"));
            if (e.status != "Done" || !e.blob_uri) continue;
            detail::api_request download;
            if (e.blob_uri->rfind("http://", 0) == 0 || e.blob_uri->rfind("https://", 0) == 0)
                download.foreign_url = *e.blob_uri;  // a storage host: the API key stays home
            else
                download.path = *e.blob_uri;
            const auto body = http.send(download, c).body;
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(body.data(), static_cast<std::streamsize>(body.size()));
            if (!out) throw error("cannot write the exportation to " + path);
            return e.id;
        }
        if (!http.sleep_within(interval, c))
            throw transport_error(transport_failure::timeout, "the exportation was not ready before the deadline");
    }
}

}  // namespace beezup
