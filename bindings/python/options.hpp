#pragma once
// The Python view of beezup::client_options: the C++ struct plus the logger as a Python callable.

#include "register.hpp"

#include <beezup/client_options.hpp>

namespace beezup::python {

struct py_client_options {
    client_options core;
    /// A callable (level: str, message: str) -> None, or None.
    py::object logger = py::none();
    log_level min_log_level = log_level::info;

    /// The options to give a beezup::client, with the logger wrapped so that it runs with the GIL
    /// held from whichever thread logs. Call with the GIL held.
    client_options to_core() const;
};

}  // namespace beezup::python
