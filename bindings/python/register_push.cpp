// Receiving BeezUP's pushes in Python: the C++ receiver core (limits, authenticity, durable inbox,
// de-duplication) behind PushReceiver.handle(), the SQLite inbox, and the dispatcher that runs a
// Python handler on each stored order version, in order per order, at least once. The web
// framework adapters are pure Python (beezup/push.py).

#include "conversions.hpp"
#include "client.hpp"

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <beezup/push_authenticity.hpp>
#include <beezup/push_dispatcher.hpp>
#include <beezup/push_inbox.hpp>
#include <beezup/push_receiver.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace beezup::python {
namespace {

// Header values as str or bytes (ASGI and WSGI differ): bytes are Latin-1, as HTTP/1.1 has them.
std::string header_text(const py::handle& value) {
    if (py::isinstance<py::bytes>(value)) return value.cast<std::string>();
    return py::str(value).attr("encode")("latin-1").cast<std::string>();
}

// A mapping, or an iterable of (name, value) pairs; a repeated name's values are joined with ", ".
http_headers to_headers(const py::handle& headers) {
    http_headers out;
    const py::object pairs = py::hasattr(headers, "items") ? headers.attr("items")() : py::reinterpret_borrow<py::object>(headers);
    for (const auto& pair : pairs) {
        const auto t = py::reinterpret_borrow<py::sequence>(pair);
        if (t.size() != 2) throw py::type_error("headers must be a mapping or (name, value) pairs");
        auto name = header_text(t[0]);
        auto value = header_text(t[1]);
        const auto [it, inserted] = out.emplace(name, value);
        if (!inserted) it->second += ", " + value;
    }
    return out;
}

std::string inbox_state_name(inbox_state s) {
    switch (s) {
        case inbox_state::pending: return "pending";
        case inbox_state::claimed: return "claimed";
        case inbox_state::done: return "done";
        case inbox_state::dead: return "dead";
        case inbox_state::stale: return "stale";
    }
    return "unknown";
}

inbox_state parse_inbox_state(const std::string& name) {
    for (const auto s : {inbox_state::pending, inbox_state::claimed, inbox_state::done, inbox_state::dead, inbox_state::stale})
        if (inbox_state_name(s) == name) return s;
    throw py::value_error("state must be 'pending', 'claimed', 'done', 'dead' or 'stale', not '" + name + "'");
}

std::chrono::milliseconds milliseconds_of(double seconds, const char* what) { return from_seconds(seconds, what); }

}  // namespace

void register_push(py::module_& m) {
    py::class_<push_authenticator, std::shared_ptr<push_authenticator>>(m, "PushAuthenticator",
        "One check of a push's authenticity; combine several in PushReceiver(authenticators=[...]): all must pass.");

    m.def("hmac_signature",
          [](std::vector<std::string> secrets, double tolerance) {
              return std::const_pointer_cast<push_authenticator>(hmac_signature(
                  std::move(secrets), std::chrono::duration_cast<std::chrono::seconds>(milliseconds_of(tolerance, "tolerance"))));
          },
          py::arg("secrets"), py::kw_only(), py::arg("tolerance") = 300.0,
          "The signature header (HMAC-SHA256 over timestamp + body) with any of `secrets` (several "
          "during a rotation), its timestamp within `tolerance` seconds of now.");
    m.def("token_in_path", [](std::string token) { return std::const_pointer_cast<push_authenticator>(token_in_path(std::move(token))); },
          py::arg("token"), "A secret token as the target URL's last path segment.");
    m.def("token_in_query",
          [](std::string parameter, std::string token) {
              return std::const_pointer_cast<push_authenticator>(token_in_query(std::move(parameter), std::move(token)));
          },
          py::arg("parameter"), py::arg("token"), "A secret token in the target URL's query (?parameter=token).");
    m.def("basic_credentials",
          [](std::string user, std::string password) {
              return std::const_pointer_cast<push_authenticator>(basic_credentials(std::move(user), std::move(password)));
          },
          py::arg("user"), py::arg("password"), "HTTP Basic credentials.");
    m.def("ip_allow_list",
          [](const std::vector<std::string>& networks) { return std::const_pointer_cast<push_authenticator>(ip_allow_list(networks)); },
          py::arg("networks"), "The peer's address within one of these CIDR networks ('203.0.113.0/24', '::1/128').");

    py::class_<push_http_response>(m, "PushResponse", "What to answer BeezUP: status, headers, body.")
        .def_readonly("status", &push_http_response::status)
        .def_property_readonly("headers", [](const push_http_response& r) {
            py::dict out;
            for (const auto& [name, value] : r.headers) out[py::str(name)] = py::str(value);
            return out;
        })
        .def_property_readonly("body", [](const push_http_response& r) { return py::bytes(r.body); })
        .def("__repr__", [](const push_http_response& r) { return "PushResponse(status=" + std::to_string(r.status) + ")"; });

    py::class_<inbox_entry>(m, "InboxEntry", "A stored order version and its dispatch state.")
        .def_readonly("sequence", &inbox_entry::sequence)
        .def_property_readonly("event_id", [](const inbox_entry& e) { return text(e.event_id); })
        .def_property_readonly("key", [](const inbox_entry& e) { return e.order.key; })
        .def_property_readonly("etag", [](const inbox_entry& e) { return text(e.order.etag); })
        .def_property_readonly("state", [](const inbox_entry& e) { return inbox_state_name(e.state); })
        .def_readonly("attempts", &inbox_entry::attempts)
        .def_property_readonly("last_error", [](const inbox_entry& e) { return text(e.last_error); })
        .def_property_readonly("received", [](const inbox_entry& e) { return to_datetime(e.received); })
        .def_property_readonly("idempotency_key", &inbox_entry::idempotency_key)
        .def("__repr__", [](const inbox_entry& e) {
            return "InboxEntry(sequence=" + std::to_string(e.sequence) + ", key=" + repr(e.order.key) +
                   ", state=" + repr_of(py::str(inbox_state_name(e.state))) + ")";
        });

    py::class_<push_inbox, std::shared_ptr<push_inbox>>(m, "PushInbox",
        "The durable store of received pushes. Receivers and dispatchers, in one process or several, share it.")
        .def_static(
            "sqlite",
            [](const std::string& path, bool synchronous_full) {
                return make_sqlite_push_inbox(path, sqlite_inbox_options{synchronous_full});
            },
            py::arg("path"), py::kw_only(), py::arg("synchronous_full") = true,
            "The SQLite inbox in `path` (WAL; synchronous=FULL: a push acknowledged is on disk).")
        .def_static(
            "open", [](const std::string& location) { return make_push_inbox(location); }, py::arg("location"),
            "The inbox at `location`: a postgresql:// URL (shared by receivers and dispatchers on many machines; "
            "tables created and migrated on first use) or a SQLite file's path.")
        .def(
            "count",
            [](push_inbox& self, const std::string& state) {
                const auto s = parse_inbox_state(state);
                py::gil_scoped_release release;
                return self.count(s);
            },
            py::arg("state") = "pending", "Versions in a state: 'pending', 'claimed', 'done', 'dead' or 'stale'.")
        .def(
            "dead_letters",
            [](push_inbox& self) {
                py::gil_scoped_release release;
                return self.dead_letters();
            },
            "Versions whose handler failed max_attempts times.")
        .def(
            "replay",
            [](push_inbox& self, std::int64_t sequence) {
                py::gil_scoped_release release;
                return self.replay(sequence);
            },
            py::arg("sequence"), "Puts a dead letter back to be dispatched (False if it is not one).")
        .def(
            "last_modification",
            [](push_inbox& self) {
                std::optional<utc_time> t;
                {
                    py::gil_scoped_release release;
                    t = self.last_modification();
                }
                return to_optional_datetime(t);
            },
            "The latest order modification stored, or None.");

    py::class_<push_receiver, std::shared_ptr<push_receiver>>(m, "PushReceiver",
        "The push receiver core, for any web server: handle() takes a request, stores the push "
        "durably, and returns the answer to send. Thread-safe; handle() releases the GIL while the "
        "inbox commits (concurrent pushes share one commit).")
        .def(py::init([](std::shared_ptr<push_inbox> inbox, std::vector<std::shared_ptr<push_authenticator>> authenticators,
                         bool accept_unauthenticated, std::size_t max_body_bytes) {
                 if (!inbox) throw py::value_error("PushReceiver needs an inbox");
                 push_receiver_options options;
                 options.authenticators.assign(authenticators.begin(), authenticators.end());
                 options.accept_unauthenticated = accept_unauthenticated;
                 options.max_body_bytes = max_body_bytes;
                 return std::make_shared<push_receiver>(std::move(inbox), std::move(options));
             }),
             py::arg("inbox"), py::kw_only(), py::arg("authenticators") = std::vector<std::shared_ptr<push_authenticator>>{},
             py::arg("accept_unauthenticated") = false, py::arg("max_body_bytes") = 10 * 1024 * 1024)
        .def(
            "handle",
            [](push_receiver& self, std::string method, std::string path, std::string query, const py::object& headers,
               py::bytes body, std::string remote_addr) {
                push_http_request request{std::move(method), std::move(path), std::move(query), to_headers(headers),
                                          body.cast<std::string>(), std::move(remote_addr)};
                py::gil_scoped_release release;
                return self.handle(request);
            },
            py::arg("method"), py::arg("path"), py::arg("query"), py::arg("headers"), py::arg("body"),
            py::arg("remote_addr"),
            "One HTTP request in (method, raw path, raw query without '?', headers as a mapping or "
            "pairs, raw body, peer address), the PushResponse to send out. 2xx only once stored.")
        .def_property_readonly("max_body_bytes", &push_receiver::max_body_bytes)
        .def_property_readonly("inbox", &push_receiver::inbox)
        .def_property_readonly("stats", [](const push_receiver& self) {
            const auto s = self.stats();
            py::dict out;
            out["accepted"] = s.accepted;
            out["verifications"] = s.verifications;
            out["refused"] = s.refused;
            out["failed"] = s.failed;
            return out;
        }, "Counts of answers: accepted, verifications, refused (4xx), failed (5xx).");

    py::class_<push_delivery>(m, "PushDelivery", "One order version handed to a push handler.")
        .def_readonly("order", &push_delivery::pushed)
        .def_property_readonly("idempotency_key", [](const push_delivery& d) { return text(d.idempotency_key); },
                               "The same on every delivery of this version: use it to skip repeats.")
        .def_property_readonly("event_id", [](const push_delivery& d) { return text(d.event_id); })
        .def_readonly("attempt", &push_delivery::attempt, "1 for the first run of the handler on this version.")
        .def("__repr__", [](const push_delivery& d) {
            return "PushDelivery(key=" + repr(d.pushed.key) + ", attempt=" + std::to_string(d.attempt) + ")";
        });

    py::class_<push_dispatcher>(m, "PushDispatcher",
        "Runs handler(delivery) on each stored version: oldest first, in order per order, at least "
        "once. A handler that raises is retried with a doubling delay, then dead-lettered after "
        "max_attempts. Several dispatchers (threads or processes) may share an inbox.")
        .def(py::init([](std::shared_ptr<push_inbox> inbox, std::function<void(const push_delivery&)> handler, int max_attempts,
                         double base_delay, double max_delay, double lease, double idle_wait, const py::object& verify_with) {
                 if (!inbox) throw py::value_error("PushDispatcher needs an inbox");
                 if (max_attempts < 1) throw py::value_error("max_attempts must be at least 1");
                 push_dispatcher_options options;
                 options.max_attempts = max_attempts;
                 options.base_delay = milliseconds_of(base_delay, "base_delay");
                 options.max_delay = milliseconds_of(max_delay, "max_delay");
                 options.lease = std::chrono::duration_cast<std::chrono::seconds>(milliseconds_of(lease, "lease"));
                 options.idle_wait = milliseconds_of(idle_wait, "idle_wait");
                 if (!verify_with.is_none()) options.verify_with = verify_with.cast<py_client&>().core->orders();
                 return std::make_unique<push_dispatcher>(std::move(inbox), std::move(handler), std::move(options));
             }),
             py::arg("inbox"), py::arg("handler"), py::kw_only(), py::arg("max_attempts") = 8, py::arg("base_delay") = 1.0,
             py::arg("max_delay") = 600.0, py::arg("lease") = 300.0, py::arg("idle_wait") = 0.2,
             py::arg("verify_with") = py::none(),
             "verify_with: a Client; each pushed version is then checked against BeezUP (re-read with "
             "If-None-Match) before the handler trusts it.")
        .def(
            "dispatch_ready",
            [](push_dispatcher& self) {
                py::gil_scoped_release release;
                return self.dispatch_ready();
            },
            "Dispatches every version ready now; returns how many handler runs there were.")
        .def(
            "run",
            [](push_dispatcher& self, const cancellation_token& stop) {
                py::gil_scoped_release release;
                self.run(stop);
            },
            py::arg("stop"), "Dispatches until `stop` (a CancellationToken) is cancelled.");
}

}  // namespace beezup::python
