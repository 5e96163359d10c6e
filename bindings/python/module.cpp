// beezup._core: the thin binding of the C++ SDK. The public Python API is the pure-Python package
// `beezup`, which re-exports what is defined here.

#include "register.hpp"

#include <beezup/version.hpp>

PYBIND11_MODULE(_core, m) {
    m.doc() = "Native core of the beezup package (C++ BeezUP order SDK). Use the `beezup` package.";
    m.attr("__version__") = beezup::version_string;
    beezup::python::register_errors(m);
    beezup::python::register_options(m);
    beezup::python::register_cancellation(m);
    beezup::python::register_client(m);
    beezup::python::register_orders(m);
    beezup::python::register_order_operations(m);
    beezup::python::register_order_exports(m);
    beezup::python::register_subscriptions(m);
    beezup::python::register_automatic_transitions(m);
    beezup::python::register_invoices(m);
    beezup::python::register_push(m);
}
