// CancellationSource / CancellationToken: cancel a blocking call from another thread (the C++
// std::stop_source and std::stop_token underneath).

#include "register.hpp"

#include <beezup/cancellation.hpp>

namespace beezup::python {

void register_cancellation(py::module_& m) {
    py::class_<cancellation_token>(m, "CancellationToken",
        "A read-only view of a CancellationSource, passed to calls. A default token never fires.")
        .def(py::init<>())
        .def("is_cancelled", &cancellation_token::stop_requested);

    py::class_<cancellation_source>(m, "CancellationSource",
        "Owns the right to cancel. Thread-safe: cancel() may be called from any thread while a call "
        "that was given `source.token` blocks in another.")
        .def(py::init<>())
        .def_property_readonly("token", &cancellation_source::get_token)
        // Cancelling runs the SDK's callbacks (aborting a request in flight): do it without the GIL
        // so that a callback never waits on a thread that waits for the GIL.
        .def("cancel", [](cancellation_source& s) { s.request_stop(); }, py::call_guard<py::gil_scoped_release>())
        .def("is_cancelled", &cancellation_source::stop_requested);
}

}  // namespace beezup::python
