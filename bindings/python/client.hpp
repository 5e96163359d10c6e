#pragma once
// The Python Client (shared by register_client.cpp and register_orders.cpp) and the call context
// every blocking call builds from its `timeout` and `cancellation` arguments.

#include "options.hpp"

#include <beezup/call_context.hpp>
#include <beezup/cancellation.hpp>
#include <beezup/client.hpp>

#include <memory>
#include <optional>

namespace beezup::python {

// The Python Client: the C++ client plus the options it was made from (whose logger is a Python
// object the C++ options cannot hand back).
struct py_client {
    explicit py_client(py_client_options options)
        : options(std::move(options)), core(std::make_unique<client>(this->options.to_core())) {}

    py_client_options options;
    std::unique_ptr<client> core;
};

/// The Python face of one of the client's APIs (subscriptions, invoices, ...): the C++ handle and
/// the Python Client it came from, held so that the client lives as long as the view.
template <class Api>
struct client_view {
    Api api;
    pybind11::object client;
};

/// `timeout` (float seconds, None = the client's operation timeout) and an optional cancellation
/// token. Throws ValueError for a negative or non-finite timeout. Call with the GIL held.
/// A call's context; `test_mode` asks BeezUP to validate a change without applying it.
call_context make_context(std::optional<double> timeout, const std::optional<cancellation_token>& cancellation,
                          bool test_mode = false);

/// Runs `call` (a blocking SDK call) with the GIL released and returns what it returns.
template <class Call>
auto without_gil(Call&& call) {
    pybind11::gil_scoped_release release;
    return call();
}

}  // namespace beezup::python
