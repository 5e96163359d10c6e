// Translates the C++ exception tree into the Python one defined in beezup/errors.py (one class per
// C++ class). The Python classes live in pure Python so that users can construct, subclass and
// pickle them like any exception; this file only fills their attributes.

#include "register.hpp"

#include <pybind11/stl.h>

#include <beezup/error.hpp>
#include <beezup/orders.hpp>

#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace beezup::python {
namespace {

// `class_name(message, **attributes)` from beezup.errors.
py::object make(const char* class_name, const std::exception& e, const py::dict& attributes) {
    return py::module_::import("beezup.errors").attr(class_name)(text(e.what()), **attributes);
}

py::dict api_attributes(const api_error& e) {
    py::list details;
    for (const auto& d : e.details()) {
        py::dict entry;
        entry["code"] = text(d.code);
        entry["message"] = text(d.message);
        entry["culture_name"] = d.culture_name;
        entry["doc_url"] = d.doc_url;
        entry["arguments"] = d.arguments;
        details.append(std::move(entry));
    }
    py::dict attributes;
    attributes["status"] = e.status();
    attributes["details"] = std::move(details);
    attributes["raw_body"] = text(e.raw_body());
    attributes["request_id"] = e.request_id();
    attributes["retry_after"] = e.retry_after()
                                    ? py::object(py::float_(static_cast<double>(e.retry_after()->count())))
                                    : py::object(py::none());
    attributes["location"] = e.location();
    return attributes;
}

py::object make_api(const char* class_name, const api_error& e) { return make(class_name, e, api_attributes(e)); }

// The Python exception for `p`, or None for an exception that is not the SDK's.
py::object python_exception(const std::exception_ptr& p) {
    if (!p) return py::none();
    // Most-derived first: a handler for a base class would swallow its subclasses.
    try {
        std::rethrow_exception(p);
    } catch (const bad_request_error& e) {
        return make_api("BadRequestError", e);
    } catch (const unauthorized_error& e) {
        return make_api("UnauthorizedError", e);
    } catch (const forbidden_error& e) {
        return make_api("ForbiddenError", e);
    } catch (const not_found_error& e) {
        return make_api("NotFoundError", e);
    } catch (const conflict_error& e) {
        return make_api("ConflictError", e);
    } catch (const precondition_failed_error& e) {
        return make_api("PreconditionFailedError", e);
    } catch (const too_many_requests_error& e) {
        return make_api("TooManyRequestsError", e);
    } catch (const server_error& e) {
        return make_api("ServerError", e);
    } catch (const api_error& e) {
        return make_api("ApiError", e);
    } catch (const transport_error& e) {
        py::dict attributes;
        attributes["failure"] = to_string(e.failure());
        return make("TransportError", e, attributes);
    } catch (const decode_error& e) {
        py::dict attributes;
        attributes["path"] = e.path();
        return make("DecodeError", e, attributes);
    } catch (const invalid_request& e) {
        return make("InvalidRequest", e, py::dict());
    } catch (const change_failed& e) {
        py::dict attributes;
        attributes["execution_id"] = text(e.execution_id());
        return make("ChangeFailed", e, attributes);
    } catch (const push_rejected& e) {
        return make("PushRejected", e, py::dict());
    } catch (const batch_interrupted& e) {
        py::dict attributes;
        attributes["results"] = e.results();
        attributes["in_doubt"] = e.in_doubt();
        attributes["unsent"] = e.unsent();
        attributes["cause"] = python_exception(e.cause());
        return make("BatchInterrupted", e, attributes);
    } catch (const error& e) {
        return make("BeezupError", e, py::dict());
    } catch (...) {
    }
    return py::none();
}

void translate(std::exception_ptr p) {
    if (!p) return;
    const auto instance = python_exception(p);
    // Anything else propagates to pybind11's own translators.
    if (instance.is_none()) std::rethrow_exception(p);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
}

api_error::response_info sample_info(int status) {
    api_error::response_info info;
    info.status = status;
    info.details.push_back({"SampleCode", "a sample detail", "en-GB", "https://example.test/doc", {{"name", "value"}}});
    info.raw_body = R"({"errors":[{"code":"SampleCode","message":"a sample detail"}]})";
    info.request_id = "sample-request-id";
    info.retry_after = std::chrono::seconds(7);
    info.location = "/sample/location";
    return info;
}

// Throws one C++ exception of the given kind, so that tests can check every translation, including
// the kinds no loopback server can provoke (push_rejected, the bare base classes).
[[noreturn]] void raise_native(const std::string& kind, const std::string& message) {
    if (kind == "error") throw error(message);
    if (kind == "push_rejected") throw push_rejected(message);
    if (kind == "invalid_request") throw invalid_request(message);
    if (kind == "change_failed") throw change_failed(message, "sample-execution-id");
    if (kind == "batch_interrupted") {
        batch_result answered;
        answered.key = {"Amazon", 1, "answered"};
        answered.success = true;
        answered.status = 200;
        throw batch_interrupted(message, {answered}, {{"Amazon", 1, "in-doubt"}}, {{"Amazon", 1, "unsent"}},
                                std::make_exception_ptr(transport_error(transport_failure::connection, "the cause")));
    }
    if (kind == "decode_error") throw decode_error("$.items[0]", message);
    if (kind == "api_error") throw api_error(message, sample_info(418));
    if (kind == "bad_request_error") throw bad_request_error(message, sample_info(400));
    if (kind == "unauthorized_error") throw unauthorized_error(message, sample_info(401));
    if (kind == "forbidden_error") throw forbidden_error(message, sample_info(403));
    if (kind == "not_found_error") throw not_found_error(message, sample_info(404));
    if (kind == "conflict_error") throw conflict_error(message, sample_info(409));
    if (kind == "precondition_failed_error") throw precondition_failed_error(message, sample_info(412));
    if (kind == "too_many_requests_error") throw too_many_requests_error(message, sample_info(429));
    if (kind == "server_error") throw server_error(message, sample_info(503));
    for (auto failure : {transport_failure::connect, transport_failure::tls, transport_failure::timeout,
                         transport_failure::cancelled, transport_failure::connection, transport_failure::protocol}) {
        if (kind == std::string("transport_error:") + to_string(failure)) throw transport_error(failure, message);
    }
    throw py::value_error("unknown exception kind: " + kind);
}

}  // namespace

// Server-provided text (bodies, messages quoting them) is not guaranteed UTF-8: never fail on it.
py::str text(std::string_view s) {
    auto object = py::reinterpret_steal<py::str>(
        PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
    if (!object) throw py::error_already_set();
    return object;
}

void register_errors(py::module_& m) {
    py::register_local_exception_translator(translate);
    m.def("_raise_native", &raise_native, py::arg("kind"), py::arg("message"),
          "Internal (tests): throws the C++ exception named `kind` through the translator.");
}

}  // namespace beezup::python
