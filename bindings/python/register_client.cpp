// Client, ListOfValues and ListOfValuesItem. Every call that touches the network releases the GIL.

#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/call_context.hpp>
#include <beezup/client.hpp>
#include <beezup/list_of_values.hpp>

#include <memory>
#include <optional>
#include <sstream>

namespace beezup::python {
namespace {

lov_scope parse_scope(const std::string& scope) {
    if (scope == "user") return lov_scope::user;
    if (scope == "public") return lov_scope::public_;
    throw py::value_error("scope must be 'user' or 'public', not '" + scope + "'");
}

std::string repr_optional(const std::optional<std::string>& s) {
    return s ? py::repr(py::str(*s)).cast<std::string>() : std::string("None");
}

std::string repr(const list_of_values_item& item) {
    std::ostringstream out;
    out << "ListOfValuesItem(code_identifier=" << py::repr(py::str(item.code_identifier)).cast<std::string>()
        << ", int_identifier=" << item.int_identifier
        << ", position=" << (item.position ? std::to_string(*item.position) : std::string("None"))
        << ", translation_text=" << repr_optional(item.translation_text) << ")";
    return out.str();
}

}  // namespace

call_context make_context(std::optional<double> timeout, const std::optional<cancellation_token>& cancellation,
                          bool test_mode) {
    call_context context;
    if (timeout) context = call_context::with_timeout(from_seconds(*timeout, "timeout"));
    if (cancellation) context.cancellation = *cancellation;
    context.test_mode = test_mode;
    return context;
}

void register_client(py::module_& m) {
    py::class_<list_of_values_item>(m, "ListOfValuesItem", "One entry of a list of values.")
        .def_readonly("code_identifier", &list_of_values_item::code_identifier, "The value to send to the API.")
        .def_readonly("int_identifier", &list_of_values_item::int_identifier)
        .def_readonly("position", &list_of_values_item::position)
        .def_readonly("translation_text", &list_of_values_item::translation_text, "Label in the requested language.")
        .def("__repr__", [](const list_of_values_item& item) { return repr(item); });

    py::class_<list_of_values>(m, "ListOfValues", "A list of values as served, with the ETag used to revalidate it.")
        .def_readonly("name", &list_of_values::name)
        .def_readonly("language", &list_of_values::language,
                      "The Accept-Language it was asked in ('' = the server's default).")
        .def_readonly("items", &list_of_values::items)
        .def_readonly("etag", &list_of_values::etag)
        .def_readonly("content_language", &list_of_values::content_language)
        .def(
            "find",
            [](const list_of_values& lov, const std::string& code) -> std::optional<list_of_values_item> {
                if (const auto* item = lov.find(code)) return *item;
                return std::nullopt;
            },
            py::arg("code"), "The item with this code identifier, or None.")
        .def("__len__", [](const list_of_values& lov) { return lov.items.size(); })
        .def(
            "__iter__", [](const list_of_values& lov) { return py::make_iterator(lov.items.begin(), lov.items.end()); },
            py::keep_alive<0, 1>())
        .def("__repr__", [](const list_of_values& lov) {
            return "ListOfValues(name=" + py::repr(py::str(lov.name)).cast<std::string>() +
                   ", language=" + py::repr(py::str(lov.language)).cast<std::string>() +
                   ", items=<" + std::to_string(lov.items.size()) + ">, etag=" + repr_optional(lov.etag) +
                   ", content_language=" + repr_optional(lov.content_language) + ")";
        });

    py::class_<py_client>(m, "Client",
        "A BeezUP API client. Create one per API key and share it: it is thread-safe, and its calls "
        "release the GIL while they wait on the network.")
        .def(py::init<py_client_options>(), py::arg("options"))
        .def_property_readonly(
            "options", [](const py_client& c) { return c.options; },
            "A copy of the options the client was made with (changing it does not change the client).")
        .def(
            "get_list_of_values",
            [](py_client& c, const std::string& name, const std::string& language, const std::string& scope,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto parsed_scope = parse_scope(scope);
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return c.core->get_list_of_values(name, language, parsed_scope, context);
            },
            py::arg("name"), py::arg("language") = "", py::arg("scope") = "user", py::arg("timeout") = py::none(),
            py::kw_only(), py::arg("cancellation") = py::none(),
            "Fetches a list of values (GET /v2/{user|public}/lov/{name}) in `language` ('' = the server's "
            "default). Lists are cached and revalidated with If-None-Match; a 304 returns the cached list. "
            "`timeout` (seconds) bounds the whole call, retries included. Raises NotFoundError for an "
            "unknown list, TransportError, DecodeError.");
}

}  // namespace beezup::python
