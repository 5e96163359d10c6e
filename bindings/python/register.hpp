#pragma once
// Shared declarations of the beezup._core module: one register_<area>() per area, and the
// conversions every area uses.

#include <pybind11/pybind11.h>

#include <beezup/logging.hpp>

#include <chrono>
#include <string>

namespace beezup::python {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_options(py::module_& m);
void register_cancellation(py::module_& m);
void register_client(py::module_& m);

/// Durations cross the boundary as float seconds.
double to_seconds(std::chrono::milliseconds d);
/// Throws ValueError for NaN, infinities, negative values and values too large to represent.
std::chrono::milliseconds from_seconds(double seconds, const char* what);

/// "trace", "debug", "info", "warning", "error" (ValueError for anything else).
log_level parse_log_level(const std::string& name);

}  // namespace beezup::python
