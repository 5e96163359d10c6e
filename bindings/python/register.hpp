#pragma once
// Shared declarations of the beezup._core module: one register_<area>() per area, and the
// conversions every area uses.

#include <pybind11/pybind11.h>

#include <beezup/logging.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace beezup::python {

namespace py = pybind11;

void register_errors(py::module_& m);
void register_options(py::module_& m);
void register_cancellation(py::module_& m);
void register_client(py::module_& m);
/// After register_client: adds Client.orders.
void register_orders(py::module_& m);
/// After register_orders: the rest of Orders (refund, batches, merchant info, harvests, ...).
void register_order_operations(py::module_& m);
/// After register_orders: OrderFilter, CsvWriter, Orders.export_csv, OrderSync.
void register_order_exports(py::module_& m);
/// After register_client: Subscription, PushReport and Client.subscriptions.
void register_subscriptions(py::module_& m);
/// After register_client: AutomaticTransition, AccountAutoAcceptance, Client.automatic_transitions.
void register_automatic_transitions(py::module_& m);
/// After register_client: InvoiceGeneralSettings, InvoiceDesignSettings, Client.invoices.
void register_invoices(py::module_& m);
/// After register_orders: the push receiver core, its inbox and dispatcher.
void register_push(py::module_& m);

/// Server-provided text, decoded as UTF-8 with U+FFFD for invalid bytes: never fails on it.
py::str text(std::string_view s);

/// Durations cross the boundary as float seconds.
double to_seconds(std::chrono::milliseconds d);
/// Throws ValueError for NaN, infinities, negative values and values too large to represent.
std::chrono::milliseconds from_seconds(double seconds, const char* what);

/// "trace", "debug", "info", "warning", "error" (ValueError for anything else).
log_level parse_log_level(const std::string& name);

}  // namespace beezup::python
