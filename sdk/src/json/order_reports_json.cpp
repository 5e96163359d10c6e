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

}  // namespace

change_report decode_change_report(std::string_view body) {
    const auto document = parse(body);
    return report_of(node(document, "$"));
}

std::vector<change_report> decode_change_history(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    root.object();
    std::vector<change_report> out;
    if (auto list = root.member("changeOrderReportings"))
        for (std::size_t i = 0; i < list->array().size(); ++i) out.push_back(report_of(list->at(i)));
    return out;
}

std::vector<account_sync_status> decode_account_synchronizations(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    root.object();
    std::vector<account_sync_status> out;
    if (auto list = root.member("accountSynchronizations")) {
        for (std::size_t i = 0; i < list->array().size(); ++i) {
            const auto n = list->at(i);
            account_sync_status s;
            s.account_id = n.required("accountId").int32();
            s.marketplace_technical_code = n.required("marketplaceTechnicalCode").string();
            s.marketplace_business_code = n.required("marketplaceBusinessCode").string();
            if (auto d = n.optional_string("completedHarvestSynchroUtcDate"))
                s.completed_harvest_date = parse_utc_time(*d, n.path() + ".completedHarvestSynchroUtcDate");
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<exportation_status> decode_exportations(std::string_view body) {
    const auto document = parse(body);
    const node root(document, "$");
    root.object();
    std::vector<exportation_status> out;
    if (auto list = root.member("exportations")) {
        for (std::size_t i = 0; i < list->array().size(); ++i) {
            const auto e = list->at(i);
            out.push_back({e.required("executionUUID").string(), e.optional_string("processingStatus").value_or(""),
                           e.optional_string("errorMessage"), e.optional_string("blobNameUri")});
        }
    }
    return out;
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
