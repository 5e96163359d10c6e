#include "order_reports_json.hpp"

#include "error_json_value.hpp"
#include "json_reader.hpp"
#include "utc_time.hpp"

namespace beezup::detail::json {
namespace {

change_report report_of(const node& n) {
    n.object();
    change_report r;
    r.execution_id = n.optional_string("executionUUID").value_or("");
    r.type = change_type(n.optional_string("changeOrderType").value_or(""));
    r.processing_status = n.optional_string("processingStatus").value_or("");
    r.error_message = n.optional_string("errorMessage");
    if (auto m = n.member("testMode")) r.test_mode = m->boolean();
    r.user_name = n.optional_string("sourceUserName");
    if (auto t = n.optional_string("creationUtcDate")) r.creation_date = parse_utc_time(*t, n.path() + ".creationUtcDate");
    if (auto t = n.optional_string("lastUpdateUtcDate")) r.last_update_date = parse_utc_time(*t, n.path() + ".lastUpdateUtcDate");
    return r;
}

// The items of the array `member` of the root object (absent or null: none), each read by `item`.
template <class T, class Item>
std::vector<T> decode_list(std::string_view body, std::string_view member, const Item& item) {
    const auto document = parse(body);
    const node root(document, "$");
    root.object();
    std::vector<T> out;
    if (auto list = root.member(member))
        for (std::size_t i = 0; i < list->array().size(); ++i) out.push_back(item(list->at(i)));
    return out;
}

}  // namespace

change_report decode_change_report(std::string_view body) {
    const auto document = parse(body);
    return report_of(node(document, "$"));
}

std::vector<change_report> decode_change_history(std::string_view body) {
    return decode_list<change_report>(body, "changeOrderReportings", report_of);
}

std::vector<account_sync_status> decode_account_synchronizations(std::string_view body) {
    return decode_list<account_sync_status>(body, "accountSynchronizations", [](const node& n) {
        account_sync_status s;
        s.account_id = n.required("accountId").int32();
        s.marketplace_technical_code = n.required("marketplaceTechnicalCode").string();
        s.marketplace_business_code = n.required("marketplaceBusinessCode").string();
        if (auto d = n.optional_string("completedHarvestSynchroUtcDate"))
            s.completed_harvest_date = parse_utc_time(*d, n.path() + ".completedHarvestSynchroUtcDate");
        return s;
    });
}

std::vector<exportation_status> decode_exportations(std::string_view body) {
    return decode_list<exportation_status>(body, "exportations", [](const node& e) {
        return exportation_status{e.required("executionUUID").string(), e.optional_string("processingStatus").value_or(""),
                                  e.optional_string("errorMessage"), e.optional_string("blobNameUri")};
    });
}

std::vector<batch_result> decode_batch_operations(std::string_view body, std::size_t expected) {
    const auto document = parse(body);
    const node root(document, "$");
    const auto operations = root.required("operations");
    if (operations.array().size() != expected)
        operations.fail("expected " + std::to_string(expected) + " operations, found " + std::to_string(operations.array().size()));
    std::vector<batch_result> out(expected);
    for (std::size_t j = 0; j < expected; ++j) {
        const auto op = operations.at(j);
        out[j].success = op.required("success").boolean();
        out[j].status = op.required("status").int32();
        if (auto errors = op.member("errors")) out[j].errors = error_details_of(errors->value());
    }
    return out;
}

}  // namespace beezup::detail::json
