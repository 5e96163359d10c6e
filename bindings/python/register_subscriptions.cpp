// Client.subscriptions: BeezUP's push subscriptions (create, activate with an optional replay
// window, deactivate, delete, list, get, reporting, retry). Every call releases the GIL.

#include "conversions.hpp"
#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/subscriptions.hpp>

#include <optional>
#include <string>

namespace beezup::python {
void register_subscriptions(py::module_& m) {
    py::class_<subscription>(m, "Subscription", "A push subscription as BeezUP holds it.")
        .def_property_readonly("id", [](const subscription& s) { return text(s.id); })
        .def_property_readonly("target_url", [](const subscription& s) { return text(s.target_url); })
        .def_property_readonly("status", [](const subscription& s) { return text(s.status.str()); }, "'active' or 'inactive'.")
        .def_property_readonly("name", [](const subscription& s) { return text(s.name); })
        .def_property_readonly("application_name", [](const subscription& s) { return text(s.application_name); })
        .def_property_readonly("application_version", [](const subscription& s) { return text(s.application_version); })
        .def_property_readonly("alert_email", [](const subscription& s) { return optional_text(s.alert_email); })
        .def_property_readonly("health", [](const subscription& s) {
            return s.health ? py::object(text(s.health->str())) : py::object(py::none());
        }, "'Available', 'Degraded', 'Unavailable' or None.")
        .def_property_readonly("retry_count", [](const subscription& s) { return s.retry_count; })
        .def_property_readonly("max_retry_count", [](const subscription& s) { return s.max_retry_count; })
        .def_property_readonly("last_successful_push", [](const subscription& s) { return to_optional_datetime(s.last_successful_push); })
        .def_property_readonly("next_retry", [](const subscription& s) { return to_optional_datetime(s.next_retry); })
        .def_property_readonly("last_error", [](const subscription& s) { return errors_of(s.last_error); },
                               "(code, message) pairs of the last failed push.")
        .def("__repr__", [](const subscription& s) {
            return "Subscription(id=" + repr_of(text(s.id)) + ", status=" + repr_of(text(s.status.str())) +
                   ", name=" + repr_of(text(s.name)) + ")";
        });

    py::class_<push_report_row>(m, "PushReport", "One push attempt of a subscription's reporting.")
        .def_property_readonly("event_id", [](const push_report_row& r) { return text(r.event_id); })
        .def_readonly("succeeded", &push_report_row::succeeded)
        .def_readonly("http_status", &push_report_row::http_status)
        .def_readonly("order_count", &push_report_row::order_count)
        .def_readonly("retry_count", &push_report_row::retry_count)
        .def_readonly("max_retry_count", &push_report_row::max_retry_count)
        .def_property_readonly("next_retry", [](const push_report_row& r) { return to_optional_datetime(r.next_retry); })
        .def_property_readonly("errors", [](const push_report_row& r) { return errors_of(r.errors); })
        .def("__repr__", [](const push_report_row& r) {
            return "PushReport(event_id=" + repr_of(text(r.event_id)) + ", succeeded=" + (r.succeeded ? "True" : "False") + ")";
        });

    py::class_<client_view<subscriptions_api>>(m, "Subscriptions",
        "BeezUP's push subscriptions (Client.subscriptions). Calls block and release the GIL.")
        .def(
            "create",
            [](client_view<subscriptions_api>& self, std::string target_url, std::string name, std::string application_name,
               std::string application_version, std::optional<std::string> alert_email, std::string id,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                subscription_request request{std::move(id), std::move(target_url), std::move(name),
                                             std::move(application_name), std::move(application_version), std::move(alert_email)};
                if (request.id.empty()) request.id = new_subscription_id();
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.create(request, context); return 0; });
                return text(request.id);
            },
            py::kw_only(), py::arg("target_url"), py::arg("name"), py::arg("application_name"),
            py::arg("application_version") = "1.0", py::arg("alert_email") = py::none(), py::arg("id") = "",
            py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Creates a subscription pushing to `target_url` (id: yours, or a new UUID); returns its id. "
            "It pushes nothing before activate().")
        .def(
            "activate",
            [](client_view<subscriptions_api>& self, const std::string& id, const py::object& replay_since, const py::object& replay_until,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                activation_window window;
                const auto since = from_optional_datetime(replay_since, "replay_since");
                const auto until = from_optional_datetime(replay_until, "replay_until");
                if (until && !since) throw py::value_error("replay_until needs replay_since");
                if (since) window = until ? activation_window::between(*since, *until) : activation_window::since(*since);
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.activate(id, window, context); return 0; });
            },
            py::arg("id"), py::kw_only(), py::arg("replay_since") = py::none(), py::arg("replay_until") = py::none(),
            py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Activates a subscription (BeezUP first checks the target answers); replay_since/replay_until "
            "also push the orders changed in that window.")
        .def(
            "deactivate",
            [](client_view<subscriptions_api>& self, const std::string& id, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.deactivate(id, context); return 0; });
            },
            py::arg("id"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "delete",
            [](client_view<subscriptions_api>& self, const std::string& id, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.remove(id, context); return 0; });
            },
            py::arg("id"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "list",
            [](client_view<subscriptions_api>& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.list(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "get",
            [](client_view<subscriptions_api>& self, const std::string& id, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.get(id, context); });
            },
            py::arg("id"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "reporting",
            [](client_view<subscriptions_api>& self, const std::string& id, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                // Every page, following the Link header's rel="next".
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] {
                    std::vector<push_report_row> rows;
                    for (std::optional<int> page = 1; page;) {
                        auto p = self.api.reporting(id, *page, 100, context);
                        rows.insert(rows.end(), p.rows.begin(), p.rows.end());
                        page = p.next_page;
                    }
                    return rows;
                });
            },
            py::arg("id"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Every push attempt BeezUP reports for the subscription, newest first.")
        .def(
            "retry",
            [](client_view<subscriptions_api>& self, const std::string& id, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.retry(id, context); return 0; });
            },
            py::arg("id"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Asks BeezUP to retry a failing push now.");

    auto client_class = py::reinterpret_borrow<py::class_<py_client>>(m.attr("Client"));
    client_class.def_property_readonly(
        "subscriptions", [](const py::object& self) { return client_view<subscriptions_api>{self.cast<py_client&>().core->subscriptions(), self}; },
        "The push subscriptions API (a view that keeps the client alive).");
}

}  // namespace beezup::python
