#pragma once
// The Python Orders view and ChangeHandle, shared by the areas that add calls to Orders.

#include "client.hpp"

#include <beezup/orders.hpp>

namespace beezup::python {

// Lifetimes: Orders, OrderIterator and ChangeHandle point into the client's order API, so each
// holds a reference to the Python Client. (Not py::keep_alive<0, N>: pybind11 3.1 runs its
// post-call hook on a call whose arguments failed to convert, and crashes.) They are destroyed
// with the GIL held, by pybind11's deallocator.

// The Python Orders: a view of the client's order API.
struct py_orders {
    orders_api* api;
    py::object client;
};

// The Python ChangeHandle.
struct py_change_handle {
    change_handle core;
    py::object client;
};

// Runs `call` (a change) without the GIL and wraps the handle it returns.
template <class Call>
py_change_handle send_change(const py_orders& orders, Call&& call) {
    auto handle = [&] {
        py::gil_scoped_release release;
        return call(*orders.api);
    }();
    return py_change_handle{std::move(handle), orders.client};
}

}  // namespace beezup::python
