// Client.invoices: invoice settings (validated before sending) and the design preview. VAT rates
// cross as decimal.Decimal. Every call releases the GIL.

#include "conversions.hpp"
#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/invoices.hpp>

#include <optional>
#include <string>

namespace beezup::python {
namespace {

// The Python Invoices: a view that keeps the client alive.
struct py_invoices {
    invoices_api api;
    py::object client;
};

template <class Call>
auto without_gil(Call&& call) {
    py::gil_scoped_release release;
    return call();
}

}  // namespace

void register_invoices(py::module_& m) {
    py::class_<invoice_general_settings>(m, "InvoiceGeneralSettings",
        "Invoice language, VAT rates and numbering. validate() (also run before saving) raises "
        "InvalidRequest naming the field and its rule.")
        .def(py::init([](std::string culture_name, const py::object& product_vat_percent, const py::object& shipping_vat_percent,
                         std::string invoice_prefix, std::int64_t starting_sequence_number) {
                 invoice_general_settings s;
                 s.culture_name = std::move(culture_name);
                 s.product_vat_percent = from_decimal(product_vat_percent, "product_vat_percent");
                 s.shipping_vat_percent = from_decimal(shipping_vat_percent, "shipping_vat_percent");
                 s.invoice_prefix = std::move(invoice_prefix);
                 s.starting_sequence_number = starting_sequence_number;
                 return s;
             }),
             py::kw_only(), py::arg("culture_name"), py::arg("product_vat_percent"), py::arg("shipping_vat_percent"),
             py::arg("invoice_prefix"), py::arg("starting_sequence_number"))
        .def_property_readonly("culture_name", [](const invoice_general_settings& s) { return text(s.culture_name); })
        .def_property_readonly("product_vat_percent", [](const invoice_general_settings& s) { return to_decimal(s.product_vat_percent); })
        .def_property_readonly("shipping_vat_percent", [](const invoice_general_settings& s) { return to_decimal(s.shipping_vat_percent); })
        .def_property_readonly("invoice_prefix", [](const invoice_general_settings& s) { return text(s.invoice_prefix); })
        .def_readonly("starting_sequence_number", &invoice_general_settings::starting_sequence_number)
        .def_readonly("last_sequence_number", &invoice_general_settings::last_sequence_number,
                      "The last number used (read back only).")
        .def("validate", &invoice_general_settings::validate)
        .def("__repr__", [](const invoice_general_settings& s) {
            return "InvoiceGeneralSettings(culture_name=" + repr_of(text(s.culture_name)) +
                   ", product_vat_percent=" + repr_of(to_decimal(s.product_vat_percent)) +
                   ", shipping_vat_percent=" + repr_of(to_decimal(s.shipping_vat_percent)) +
                   ", invoice_prefix=" + repr_of(text(s.invoice_prefix)) +
                   ", starting_sequence_number=" + std::to_string(s.starting_sequence_number) + ")";
        });

    py::class_<invoice_design_settings>(m, "InvoiceDesignSettings",
        "HTML printed at the top and bottom of every invoice, at most 1,000 characters each.")
        .def(py::init([](std::string header_html, std::string footer_html) {
                 return invoice_design_settings{std::move(header_html), std::move(footer_html)};
             }),
             py::kw_only(), py::arg("header_html") = "", py::arg("footer_html") = "")
        .def_property_readonly("header_html", [](const invoice_design_settings& s) { return text(s.header_html); })
        .def_property_readonly("footer_html", [](const invoice_design_settings& s) { return text(s.footer_html); })
        .def("validate", &invoice_design_settings::validate)
        .def("__repr__", [](const invoice_design_settings& s) {
            return "InvoiceDesignSettings(header_html=" + repr_of(text(s.header_html)) +
                   ", footer_html=" + repr_of(text(s.footer_html)) + ")";
        });

    py::class_<py_invoices>(m, "Invoices", "Invoice settings and previews (Client.invoices).")
        .def(
            "general_settings",
            [](py_invoices& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.general_settings(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The general settings; NotFoundError when never saved.")
        .def(
            "save_general_settings",
            [](py_invoices& self, const invoice_general_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.save_general_settings(settings, context); return 0; });
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Validates (InvalidRequest, nothing sent), then saves.")
        .def(
            "design_settings",
            [](py_invoices& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.design_settings(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "save_design_settings",
            [](py_invoices& self, const invoice_design_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.save_design_settings(settings, context); return 0; });
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "preview_design",
            [](py_invoices& self, const invoice_design_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return text(without_gil([&] { return self.api.preview_design(settings, context); }));
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The HTML of an invoice drawn with these settings on sample data.");

    auto client_class = py::reinterpret_borrow<py::class_<py_client>>(m.attr("Client"));
    client_class.def_property_readonly(
        "invoices", [](const py::object& self) { return py_invoices{self.cast<py_client&>().core->invoices(), self}; },
        "Invoice settings and previews (a view that keeps the client alive).");
}

}  // namespace beezup::python
