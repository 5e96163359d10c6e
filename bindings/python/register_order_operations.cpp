// The rest of Orders: refund, batches with per-item results, the merchant's reference (single and
// batch), harvests, synchronisation status, one change's status, an order's ETag, and the values a
// change parameter takes. Every call releases the GIL while it waits on the network.

#include "conversions.hpp"
#include "orders.hpp"

#include <pybind11/stl.h>

#include <beezup/list_of_values.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace beezup::python {
namespace {

merchant_info to_merchant_info(const py::handle& value) {
    // A (merchant_order_id, software_name, software_version) tuple or a MerchantInfo.
    if (py::isinstance<merchant_info>(value)) return value.cast<merchant_info>();
    const auto t = py::reinterpret_borrow<py::tuple>(value);
    if (t.size() != 3) throw py::type_error("merchant info must be a MerchantInfo or a 3-tuple");
    return {t[0].cast<std::string>(), t[1].cast<std::string>(), t[2].cast<std::string>()};
}

std::string repr_batch_result(const batch_result& r) {
    return "BatchResult(key=" + repr(r.key) + ", success=" + (r.success ? "True" : "False") +
           ", status=" + std::to_string(r.status) + ")";
}

}  // namespace

void register_order_operations(py::module_& m) {
    py::class_<merchant_info>(m, "MerchantInfo", "The merchant's own reference for an order, and the software that set it.")
        .def(py::init([](std::string merchant_order_id, std::string software_name, std::string software_version) {
                 return merchant_info{std::move(merchant_order_id), std::move(software_name), std::move(software_version)};
             }),
             py::arg("merchant_order_id"), py::arg("software_name"), py::arg("software_version"))
        .def_readonly("merchant_order_id", &merchant_info::merchant_order_id)
        .def_readonly("software_name", &merchant_info::software_name)
        .def_readonly("software_version", &merchant_info::software_version)
        .def("__repr__", [](const merchant_info& i) {
            return "MerchantInfo(" + repr_of(py::str(i.merchant_order_id)) + ", " + repr_of(py::str(i.software_name)) + ", " +
                   repr_of(py::str(i.software_version)) + ")";
        });

    py::class_<batch_result>(m, "BatchResult", "One item's outcome in a batch, in the caller's order.")
        .def_readonly("key", &batch_result::key)
        .def_readonly("success", &batch_result::success)
        .def_readonly("status", &batch_result::status, "The HTTP status of this item's operation.")
        .def_property_readonly("errors",
                               [](const batch_result& r) { return errors_of(r.errors); },
                               "(code, message) pairs BeezUP gave for this item.")
        .def("__repr__", [](const batch_result& r) { return repr_batch_result(r); })
        .def(py::pickle(
            [](const batch_result& r) {
                py::list details;
                for (const auto& d : r.errors)
                    details.append(py::make_tuple(d.code, d.message, d.culture_name, d.doc_url, d.arguments));
                return py::make_tuple(r.key, r.success, r.status, details);
            },
            [](const py::tuple& t) {
                batch_result r;
                r.key = t[0].cast<order_key>();
                r.success = t[1].cast<bool>();
                r.status = t[2].cast<int>();
                for (const auto& d : t[3].cast<py::list>()) {
                    const auto detail = d.cast<py::tuple>();
                    r.errors.push_back({detail[0].cast<std::string>(), detail[1].cast<std::string>(),
                                        detail[2].cast<std::optional<std::string>>(), detail[3].cast<std::optional<std::string>>(),
                                        detail[4].cast<std::map<std::string, std::string>>()});
                }
                return r;
            }));

    py::class_<account_sync_status>(m, "AccountSyncStatus", "When BeezUP last harvested an account.")
        .def_property_readonly("marketplace_technical_code", [](const account_sync_status& s) { return text(s.marketplace_technical_code); })
        .def_property_readonly("marketplace_business_code", [](const account_sync_status& s) { return text(s.marketplace_business_code); })
        .def_readonly("account_id", &account_sync_status::account_id)
        .def_property_readonly("completed_harvest_date",
                               [](const account_sync_status& s) { return to_optional_datetime(s.completed_harvest_date); })
        .def("__repr__", [](const account_sync_status& s) {
            return "AccountSyncStatus(marketplace_technical_code=" + repr_of(text(s.marketplace_technical_code)) +
                   ", account_id=" + std::to_string(s.account_id) +
                   ", completed_harvest_date=" + repr_of(to_optional_datetime(s.completed_harvest_date)) + ")";
        });

    py::class_<change_parameter>(m, "ChangeParameter", "A parameter of a change an order allows.")
        .def_property_readonly("name", [](const change_parameter& p) { return text(p.name); })
        .def_property_readonly("type", [](const change_parameter& p) { return text(p.type); })
        .def_readonly("required", &change_parameter::required)
        .def_property_readonly("has_values", [](const change_parameter& p) { return p.lov_href.has_value(); },
                               "True when its values come from a list (Orders.values()).")
        .def_readonly("values_required", &change_parameter::lov_required,
                      "True when the value must be one of the list's codes.")
        .def("__repr__", [](const change_parameter& p) {
            return "ChangeParameter(name=" + repr_of(text(p.name)) + ", type=" + repr_of(text(p.type)) +
                   ", required=" + (p.required ? "True" : "False") + ")";
        });

    auto order_class = py::reinterpret_borrow<py::class_<order>>(m.attr("Order"));
    order_class.def(
        "change_parameters",
        [](const order& o, const std::string& type) {
            const auto* change = o.find_change(change_type(type));
            if (!change) throw py::value_error("the order does not allow " + type + " now");
            return change->parameters;
        },
        py::arg("change_type"), "The parameters of a change the order allows now (ValueError if it does not).");

    auto orders_class = py::reinterpret_borrow<py::class_<py_orders>>(m.attr("Orders"));
    orders_class
        .def(
            "refund",
            [](py_orders& self, const order_key& key, const std::string& reason, bool test_mode,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation, test_mode);
                return send_change(self, [&](orders_api& api) { return api.refund(key, reason, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("reason"), py::arg("test_mode") = false, py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(), "Sends the marketplace's refund change with `reason`.")
        .def(
            "change_batch",
            [](py_orders& self, const std::string& type, const std::vector<std::pair<order_key, std::map<std::string, std::string>>>& items,
               bool test_mode, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                std::vector<batch_change> changes;
                changes.reserve(items.size());
                for (const auto& [key, fields] : items) changes.push_back({key, fields});
                const auto context = make_context(timeout, cancellation, test_mode);
                return without_gil([&] { return self.api->change_batch(change_type(type), changes, context); });
            },
            py::arg("change_type"), py::arg("items"), py::kw_only(), py::arg("test_mode") = false,
            py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Applies one change type to many orders: `items` is a list of (OrderKey, fields). 100 per "
            "call; returns one BatchResult per item, in the same order.")
        .def(
            "set_merchant_info",
            [](py_orders& self, const order_key& key, std::string merchant_order_id, std::string software_name,
               std::string software_version, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const merchant_info info{std::move(merchant_order_id), std::move(software_name), std::move(software_version)};
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api->set_merchant_info(key, info, context); return 0; });
            },
            py::arg("key"), py::kw_only(), py::arg("merchant_order_id"), py::arg("software_name"),
            py::arg("software_version"), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Sets the merchant's reference of an order.")
        .def(
            "clear_merchant_info",
            [](py_orders& self, const order_key& key, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api->clear_merchant_info(key, context); return 0; });
            },
            py::arg("key"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Clears the merchant's reference of an order.")
        .def(
            "set_merchant_info_batch",
            [](py_orders& self, const std::vector<std::pair<order_key, py::object>>& items, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                std::vector<std::pair<order_key, merchant_info>> core;
                core.reserve(items.size());
                for (const auto& [key, info] : items) core.emplace_back(key, to_merchant_info(info));
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api->set_merchant_info_batch(core, context); });
            },
            py::arg("items"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Sets many orders' references: `items` is a list of (OrderKey, MerchantInfo). One "
            "BatchResult per item, in the same order.")
        .def(
            "clear_merchant_info_batch",
            [](py_orders& self, const std::vector<order_key>& keys, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api->clear_merchant_info_batch(keys, context); });
            },
            py::arg("keys"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Clears many orders' references. One BatchResult per key, in the same order.")
        .def(
            "harvest",
            [](py_orders& self, const order_key& key, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api->harvest(key, context); return 0; });
            },
            py::arg("key"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Asks BeezUP to fetch the order again from its marketplace (waits out a 409 'too soon').")
        .def(
            "harvest_account",
            [](py_orders& self, const std::string& marketplace_technical_code, std::int32_t account_id,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api->harvest_account(marketplace_technical_code, account_id, context); return 0; });
            },
            py::arg("marketplace_technical_code"), py::arg("account_id"), py::kw_only(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(), "Asks BeezUP to fetch an account's orders again.")
        .def(
            "harvest_all",
            [](py_orders& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api->harvest_all(context); return 0; });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Asks BeezUP to fetch every account's orders again.")
        .def(
            "synchronization_status",
            [](py_orders& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api->synchronization_status(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "When each account was last harvested, as AccountSyncStatus.")
        .def(
            "change_status",
            [](py_orders& self, const order_key& key, const std::string& execution_id, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api->change_status(key, execution_id, context); });
            },
            py::arg("key"), py::arg("execution_id"), py::kw_only(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(), "The ChangeReport of one change execution.")
        .def(
            "etag",
            [](py_orders& self, const order_key& key, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return text(without_gil([&] { return self.api->etag(key, context); }));
            },
            py::arg("key"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The order's current ETag (a HEAD request).")
        .def(
            "values",
            [](py_orders& self, const change_parameter& parameter, const std::string& language, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api->values(parameter, language, context); });
            },
            py::arg("parameter"), py::kw_only(), py::arg("language") = "", py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "The values a ChangeParameter takes from its list (carriers, reasons, ...), cached and "
            "revalidated. InvalidRequest when the parameter has no list.");
}

}  // namespace beezup::python
