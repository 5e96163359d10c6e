// Client.automatic_transitions: BeezUP's automatic transitions, auto-acceptance among them. Every
// call releases the GIL.

#include "conversions.hpp"
#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/automatic_transitions.hpp>

#include <optional>
#include <string>
#include <vector>

namespace beezup::python {
void register_automatic_transitions(py::module_& m) {
    py::class_<automatic_transition>(m, "AutomaticTransition", "A change BeezUP applies by itself to an account's orders.")
        .def(py::init([](std::string marketplace_technical_code, std::int32_t account_id, std::int32_t transition_id,
                         bool enabled) {
                 automatic_transition t;
                 t.marketplace_technical_code = std::move(marketplace_technical_code);
                 t.account_id = account_id;
                 t.transition_id = transition_id;
                 t.enabled = enabled;
                 return t;
             }),
             py::kw_only(), py::arg("marketplace_technical_code"), py::arg("account_id"), py::arg("transition_id"),
             py::arg("enabled"))
        .def_property_readonly("marketplace_technical_code", [](const automatic_transition& t) { return text(t.marketplace_technical_code); })
        .def_property_readonly("marketplace_business_code", [](const automatic_transition& t) { return text(t.marketplace_business_code); })
        .def_readonly("account_id", &automatic_transition::account_id)
        .def_readonly("transition_id", &automatic_transition::transition_id)
        .def_property_readonly("from_status", [](const automatic_transition& t) { return text(t.from_status.str()); })
        .def_property_readonly("operation", [](const automatic_transition& t) { return text(t.operation.str()); })
        .def_readonly("enabled", &automatic_transition::enabled)
        .def_property_readonly("is_acceptance", &automatic_transition::is_acceptance)
        .def("__repr__", [](const automatic_transition& t) {
            return "AutomaticTransition(" + repr_of(text(t.marketplace_technical_code)) + ", " + std::to_string(t.account_id) +
                   ", operation=" + repr_of(text(t.operation.str())) + ", enabled=" + (t.enabled ? "True" : "False") + ")";
        });

    py::class_<account_auto_acceptance>(m, "AccountAutoAcceptance", "An account where auto-acceptance is available.")
        .def_property_readonly("marketplace_technical_code", [](const account_auto_acceptance& a) { return text(a.marketplace_technical_code); })
        .def_property_readonly("marketplace_business_code", [](const account_auto_acceptance& a) { return text(a.marketplace_business_code); })
        .def_readonly("account_id", &account_auto_acceptance::account_id)
        .def_readonly("enabled", &account_auto_acceptance::enabled)
        .def_readonly("transition_id", &account_auto_acceptance::transition_id)
        .def("__repr__", [](const account_auto_acceptance& a) {
            return "AccountAutoAcceptance(" + repr_of(text(a.marketplace_technical_code)) + ", " + std::to_string(a.account_id) +
                   ", enabled=" + (a.enabled ? "True" : "False") + ")";
        });

    py::class_<client_view<automatic_transitions_api>>(m, "AutomaticTransitions",
        "Automatic transitions (Client.automatic_transitions). An auto-accepted order is a promise "
        "to the buyer: enable auto-acceptance only where every order can be honoured.")
        .def(
            "list",
            [](client_view<automatic_transitions_api>& self, std::optional<std::string> store_id, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.api.list(store_id, context);
            },
            py::kw_only(), py::arg("store_id") = py::none(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(), "Every automatic transition (of one store when store_id is set).")
        .def(
            "configure",
            [](client_view<automatic_transitions_api>& self, const std::vector<automatic_transition>& transitions,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                self.api.configure(transitions, context);
            },
            py::arg("transitions"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Enables or disables transitions in one request (each as list() gave it, `enabled` set).")
        .def(
            "auto_acceptance",
            [](client_view<automatic_transitions_api>& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.api.auto_acceptance(context);
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The accounts where auto-acceptance is available, and whether it is enabled.")
        .def(
            "set_auto_acceptance",
            [](client_view<automatic_transitions_api>& self, const std::string& marketplace_technical_code, std::int32_t account_id,
               bool enabled, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                self.api.set_auto_acceptance(marketplace_technical_code, account_id, enabled, context);
            },
            py::arg("marketplace_technical_code"), py::arg("account_id"), py::kw_only(), py::arg("enabled"),
            py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Enables or disables auto-acceptance on an account; InvalidRequest (nothing sent) where "
            "it is not available.");

    auto client_class = py::reinterpret_borrow<py::class_<py_client>>(m.attr("Client"));
    client_class.def_property_readonly(
        "automatic_transitions",
        [](const py::object& self) {
            return client_view<automatic_transitions_api>{self.cast<py_client&>().core->automatic_transitions(), self};
        },
        "Automatic transitions and auto-acceptance (a view that keeps the client alive).");
}

}  // namespace beezup::python
