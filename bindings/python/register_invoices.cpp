// Client.invoices: invoice settings (validated before sending) and the design preview. VAT rates
// cross as decimal.Decimal. Every call releases the GIL.

#include "conversions.hpp"
#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/invoices.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace beezup::python {
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

    py::class_<generated_invoice>(m, "GeneratedInvoice", "An invoice BeezUP generated for an order.")
        .def_readonly("key", &generated_invoice::key)
        .def_readonly("sequence_number", &generated_invoice::sequence_number)
        .def_property_readonly("location", [](const generated_invoice& g) { return text(g.location); },
                               "Where the invoice document is (download_pdf() takes it).")
        .def_readonly("recovered", &generated_invoice::recovered,
                      "True when a send whose answer was lost was found applied: nothing was generated twice.")
        .def("__repr__", [](const generated_invoice& g) {
            return "GeneratedInvoice(key=" + repr(g.key) + ", location=" + repr_of(text(g.location)) + ")";
        });

    py::class_<invoice_batch_result>(m, "InvoiceBatchResult", "One order's outcome in a batch generation.")
        .def_readonly("key", &invoice_batch_result::key)
        .def_readonly("sequence_number", &invoice_batch_result::sequence_number)
        .def_readonly("success", &invoice_batch_result::success)
        .def_readonly("location", &invoice_batch_result::location)
        .def_property_readonly("errors",
                               [](const invoice_batch_result& r) { return errors_of(r.errors); },
                               "(code, message) pairs: why this order was not invoiced.")
        .def("__repr__", [](const invoice_batch_result& r) {
            return "InvoiceBatchResult(key=" + repr(r.key) + ", sequence_number=" + std::to_string(r.sequence_number) +
                   ", success=" + (r.success ? "True" : "False") + ")";
        });

    py::class_<client_view<invoices_api>>(m, "Invoices", "Invoice settings, previews, generation and PDFs (Client.invoices).")
        .def(
            "general_settings",
            [](client_view<invoices_api>& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.general_settings(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The general settings; NotFoundError when never saved.")
        .def(
            "save_general_settings",
            [](client_view<invoices_api>& self, const invoice_general_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.save_general_settings(settings, context); return 0; });
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Validates (InvalidRequest, nothing sent), then saves.")
        .def(
            "design_settings",
            [](client_view<invoices_api>& self, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.design_settings(context); });
            },
            py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "save_design_settings",
            [](client_view<invoices_api>& self, const invoice_design_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                without_gil([&] { self.api.save_design_settings(settings, context); return 0; });
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none())
        .def(
            "preview_design",
            [](client_view<invoices_api>& self, const invoice_design_settings& settings, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return text(without_gil([&] { return self.api.preview_design(settings, context); }));
            },
            py::arg("settings"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "The HTML of an invoice drawn with these settings on sample data.")
        .def(
            "preview",
            [](client_view<invoices_api>& self, const order_key& key, std::optional<std::int64_t> sequence_number,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return text(without_gil([&] { return self.api.preview(key, sequence_number, context); }));
            },
            py::arg("key"), py::kw_only(), py::arg("sequence_number") = py::none(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(), "The HTML of the invoice the order would get.")
        .def(
            "generate",
            [](client_view<invoices_api>& self, const order_key& key, std::optional<std::int64_t> sequence_number,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.generate(key, sequence_number, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("sequence_number") = py::none(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "Generates the order's invoice (numbered `sequence_number`, or the next) and waits until "
            "it is available. ConflictError names the order and the number when BeezUP refuses it.")
        .def(
            "generate_batch",
            [](client_view<invoices_api>& self, const std::vector<order_key>& keys, std::int64_t first_sequence_number,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                return without_gil([&] { return self.api.generate_batch(keys, first_sequence_number, context); });
            },
            py::arg("keys"), py::kw_only(), py::arg("first_sequence_number"), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "Generates the invoices of `keys` numbered first_sequence_number, +1, +2... in that order; "
            "one InvoiceBatchResult per order.")
        .def(
            "download_pdf",
            [](client_view<invoices_api>& self, const std::string& location, const py::object& target, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                if (py::hasattr(target, "write")) {  // a binary file object
                    std::ostringstream pdf;
                    without_gil([&] { self.api.download_pdf(location, pdf, context); return 0; });
                    target.attr("write")(py::bytes(pdf.str()));
                    return;
                }
                const auto path = py::module_::import("os").attr("fspath")(target).cast<std::string>();
                without_gil([&] { self.api.download_pdf(location, path, context); return 0; });
            },
            py::arg("location"), py::arg("target"), py::kw_only(), py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "Writes the invoice at `location` as PDF to `target`: a path, or a binary file object.");

    auto client_class = py::reinterpret_borrow<py::class_<py_client>>(m.attr("Client"));
    client_class.def_property_readonly(
        "invoices", [](const py::object& self) { return client_view<invoices_api>{self.cast<py_client&>().core->invoices(), self}; },
        "Invoice settings and previews (a view that keeps the client alive).");
}

}  // namespace beezup::python
