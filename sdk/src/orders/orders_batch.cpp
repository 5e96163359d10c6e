// Batches, merchant info, harvest, synchronisation status and server-side exportations.

#include "../json/order_reports_json.hpp"
#include "../json/order_requests_json.hpp"
#include "../pipeline/url_encoding.hpp"
#include "orders_impl.hpp"

#include <beezup/orders.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

namespace beezup {
namespace {

constexpr std::size_t batch_size = 100;

std::string test_mode_query(const call_context& c) { return c.test_mode ? "testMode=true" : ""; }

std::string message_of(const std::exception_ptr& cause) {
    try {
        std::rethrow_exception(cause);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an unknown error";
    }
}

// Whether a batch call that failed with `cause` may have been applied: an answer lost or
// unreadable, a 5xx. A refusal (4xx) or no connection means BeezUP did nothing. (A whole call
// answered 503 is in doubt, unlike an item answered 503: only the item's answer says it was not
// applied.)
bool may_have_been_applied(const std::exception_ptr& cause) {
    try {
        std::rethrow_exception(cause);
    } catch (const transport_error& e) {
        return e.failure() != transport_failure::connect && e.failure() != transport_failure::tls;
    } catch (const api_error& e) {
        return e.status() >= 500;
    } catch (const invalid_request&) {
        return false;
    } catch (...) {
        return true;
    }
}

/// Sends the items at `indices` of `keys` in chunks of 100 with the body `encode(chunk)` makes,
/// writes their outcomes to `results` (marking them in `answered`), and sends once more the
/// items refused with 429/503 (BeezUP did not apply them). A failed call rethrows its error when
/// nothing was answered yet, and batch_interrupted otherwise.
void run_batch(detail::pipeline& http, const std::string& path, const std::string& query, const std::vector<order_key>& keys,
               std::vector<std::size_t> pending, const std::function<std::string(const std::vector<std::size_t>&)>& encode,
               const call_context& c, std::vector<batch_result>& results, std::vector<bool>& answered) {
    for (int round = 0; round < 2 && !pending.empty(); ++round) {
        std::vector<std::size_t> retry;
        for (std::size_t start = 0; start < pending.size(); start += batch_size) {
            const std::vector<std::size_t> chunk(pending.begin() + static_cast<std::ptrdiff_t>(start),
                                                 pending.begin() + static_cast<std::ptrdiff_t>(std::min(pending.size(), start + batch_size)));
            detail::api_request r;
            r.method = http_method::post;
            r.path = path;
            r.query = query;
            r.body = encode(chunk);
            std::vector<batch_result> outcomes;
            // Failures before the request left (deadline, rate limit, cancellation) send nothing.
            const auto attempts_before = http.attempts_sent();
            try {
                outcomes = detail::json::decode_batch_operations(http.send(r, c).body, chunk.size());
            } catch (...) {
                if (std::find(answered.begin(), answered.end(), true) == answered.end()) throw;
                // This chunk's items are in doubt or unsent; so are the rest of this round's,
                // whatever an earlier round answered for them (a 429 or 503: not applied).
                const auto cause = std::current_exception();
                std::set<std::size_t> stopped(pending.begin() + static_cast<std::ptrdiff_t>(start), pending.end());
                std::vector<batch_result> done;
                std::vector<order_key> in_doubt, unsent;
                // Another thread's call may move the counter too: that only errs towards doubt.
                const bool doubt = http.attempts_sent() != attempts_before && may_have_been_applied(cause);
                for (std::size_t i = 0; i < keys.size(); ++i) {
                    const bool in_chunk = std::find(chunk.begin(), chunk.end(), i) != chunk.end();
                    if (stopped.count(i) == 0 && answered[i])
                        done.push_back(results[i]);
                    else if (in_chunk && doubt)
                        in_doubt.push_back(keys[i]);
                    else  // the rest of this round, and items of batches not sent yet
                        unsent.push_back(keys[i]);
                }
                // Only 429/503 answers so far (nothing applied): the error itself says it all.
                if (done.empty()) throw;
                // Written before the lists move into the exception.
                const auto message = "the batch stopped after " + std::to_string(done.size()) + " of " +
                                     std::to_string(keys.size()) + " items were answered (" +
                                     std::to_string(in_doubt.size()) + " in doubt, " + std::to_string(unsent.size()) +
                                     " not sent): " + message_of(cause);
                throw batch_interrupted(message, std::move(done), std::move(in_doubt), std::move(unsent), cause);
            }
            // Operations answer in the order of the request's items.
            for (std::size_t j = 0; j < chunk.size(); ++j) {
                auto& result = results[chunk[j]];
                result = std::move(outcomes[j]);
                result.key = keys[chunk[j]];
                answered[chunk[j]] = true;
                if (!result.success && (result.status == 429 || result.status == 503)) retry.push_back(chunk[j]);
            }
        }
        pending = std::move(retry);
    }
}

/// Every item of `keys`, in one run_batch.
std::vector<batch_result> run_batch(detail::pipeline& http, const std::string& path, const std::string& query,
                                    const std::vector<order_key>& keys,
                                    const std::function<std::string(const std::vector<std::size_t>&)>& encode,
                                    const call_context& caller) {
    std::vector<batch_result> results(keys.size());
    std::vector<bool> answered(keys.size());
    std::vector<std::size_t> all(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) all[i] = i;
    run_batch(http, path, query, keys, std::move(all), encode, http.bound(caller), results, answered);
    return results;
}

}  // namespace

std::vector<batch_result> orders_api::change_batch(const change_type& type, const std::vector<batch_change>& changes,
                                                   const call_context& c) {
    const auto& user = detail::required_user_name(impl_->http().options(), "changes");
    std::vector<order_key> keys;
    for (const auto& ch : changes) keys.push_back(ch.key);
    return run_batch(impl_->http(), "/orders/v3/batches/changeOrders/" + detail::percent_encode(type.str()),
                     detail::change_query(user, c), keys,
                     [&](const std::vector<std::size_t>& chunk) { return detail::json::encode_change_batch(changes, chunk); }, c);
}

void orders_api::set_merchant_info(const order_key& key, const merchant_info& info, const call_context& c) {
    if (info.merchant_order_id.empty() || info.software_name.empty() || info.software_version.empty())
        throw invalid_request("merchant info needs an order id, a software name and a software version");
    detail::api_request r;
    r.method = http_method::post;
    r.path = detail::order_path(key) + "/setMerchantOrderInfo";
    r.query = test_mode_query(c);
    r.body = detail::json::encode_merchant_info(info);
    auto context = c;
    context.idempotent = true;  // setting the same value twice changes nothing
    impl_->http().send(r, context);
}

void orders_api::clear_merchant_info(const order_key& key, const call_context& c) {
    detail::api_request r;
    r.method = http_method::post;
    r.path = detail::order_path(key) + "/clearMerchantOrderInfo";
    r.query = test_mode_query(c);
    auto context = c;
    context.idempotent = true;
    impl_->http().send(r, context);
}

std::vector<batch_result> orders_api::set_merchant_info_batch(const std::vector<std::pair<order_key, merchant_info>>& items,
                                                              const call_context& caller) {
    std::vector<order_key> keys;
    for (const auto& [key, info] : items) {
        if (info.merchant_order_id.empty() || info.software_name.empty() || info.software_version.empty())
            throw invalid_request("merchant info needs an order id, a software name and a software version");
        keys.push_back(key);
    }
    // A batch names one software for all its orders: one batch per software name and version.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_software;
    for (std::size_t i = 0; i < items.size(); ++i)
        by_software[{items[i].second.software_name, items[i].second.software_version}].push_back(i);
    const auto c = impl_->http().bound(caller);
    std::vector<batch_result> results(items.size());
    std::vector<bool> answered(items.size());
    for (auto& [software, indices] : by_software)
        run_batch(impl_->http(), "/orders/v3/batches/setMerchantOrderInfos", test_mode_query(c), keys, std::move(indices),
                  [&](const std::vector<std::size_t>& chunk) { return detail::json::encode_merchant_info_batch(items, chunk); },
                  c, results, answered);
    return results;
}

std::vector<batch_result> orders_api::clear_merchant_info_batch(const std::vector<order_key>& keys, const call_context& c) {
    return run_batch(impl_->http(), "/orders/v3/batches/clearMerchantOrderInfos", test_mode_query(c), keys,
                     [&](const std::vector<std::size_t>& chunk) { return detail::json::encode_order_identifiers(keys, chunk); },
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
    return detail::json::decode_account_synchronizations(impl_->http().send(r, c).body);
}

std::string orders_api::export_csv(const std::string& store_id, const order_filter& filter, const std::string& path,
                                   const call_context& caller) {
    auto& http = impl_->http();
    const auto c = http.bound(caller);
    const auto end = detail::period_end(filter);
    if (end - filter.begin > detail::max_list_period) throw invalid_request("an exportation covers at most 30 days");
    if (store_id.empty()) throw invalid_request("an exportation needs a store id");
    const auto listing_path = "/v2/user/marketplaces/orders/exportations";
    const auto listing_query = "storeId=" + detail::percent_encode(store_id) + "&pageNumber=1&pageSize=25";
    auto list_exportations = [&] {
        detail::api_request r;
        r.path = listing_path;
        r.query = listing_query;
        return detail::json::decode_exportations(http.send(r, c).body);
    };
    std::set<std::string> before;
    for (const auto& e : list_exportations()) before.insert(e.execution_id);

    detail::api_request request;
    request.method = http_method::post;
    request.path = listing_path;
    request.body = detail::json::encode_exportation_request(store_id, filter, filter.begin, end);
    http.send(request, c);

    for (auto interval = std::chrono::milliseconds(200);; interval = std::min(interval * 2, std::chrono::milliseconds(5000))) {
        for (const auto& e : list_exportations()) {
            if (before.count(e.execution_id)) continue;
            if (e.processing_status == "Failed" || e.processing_status == "Aborted")
                throw error("the exportation " + e.execution_id + " ended " + e.processing_status + ": " +
                            e.error_message.value_or("no reason given"));
            if (e.processing_status != "Done" || !e.blob_uri) continue;
            detail::api_request download;
            if (e.blob_uri->rfind("http://", 0) == 0 || e.blob_uri->rfind("https://", 0) == 0)
                download.foreign_url = *e.blob_uri;  // a storage host: the API key stays home
            else
                download.path = *e.blob_uri;
            const auto body = http.send(download, c).body;
            std::ofstream out(path, std::ios::binary | std::ios::trunc);
            out.write(body.data(), static_cast<std::streamsize>(body.size()));
            if (!out) throw error("cannot write the exportation to " + path);
            return e.execution_id;
        }
        http.pause(interval, c, "the exportation");
    }
}

}  // namespace beezup
