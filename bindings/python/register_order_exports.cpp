// Orders leaving the API in bulk: OrderFilter (what Orders.all(), exportations and syncs read),
// the client-side CsvWriter, the server-side exportation (Orders.export_csv) and OrderSync, which
// hands every new or changed order to a callable once, resuming from a SQLite checkpoint.

#include "conversions.hpp"
#include "orders.hpp"

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <beezup/csv_export.hpp>
#include <beezup/order_sync.hpp>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace beezup::python {
namespace {

// CsvWriter: rows are formatted by the C++ writer into a buffer, then handed to the file's write().
class py_csv_writer {
public:
    py_csv_writer(py::object file, csv_options options) : file_(std::move(file)), writer_(buffer_, std::move(options)) {
        if (!py::hasattr(file_, "write")) throw py::type_error("CsvWriter needs a text file (an object with write())");
    }

    void write(const order& o) {
        writer_.write(o);
        flush();
    }

    std::size_t write_all(const py::iterable& orders) {
        std::size_t written = 0;
        for (const auto& item : orders) {
            writer_.write(item.cast<const order&>());
            ++written;
            if (buffer_.tellp() > 1 << 16) flush();
        }
        flush();
        return written;
    }

    std::size_t rows() const noexcept { return writer_.rows(); }

private:
    void flush() {
        auto chunk = buffer_.str();
        if (chunk.empty()) return;
        buffer_.str({});
        file_.attr("write")(py::str(chunk));
    }

    py::object file_;
    std::ostringstream buffer_;
    csv_writer writer_;
};

// OrderSync: the C++ sync over a checkpoint store it owns, and the client it reads through.
struct py_order_sync {
    std::unique_ptr<checkpoint_store> store;
    std::unique_ptr<order_sync> sync;
};

}  // namespace

void register_order_exports(py::module_& m) {
    py::class_<order_filter>(m, "OrderFilter",
        "Which orders to read: a period (aware datetimes; end None = now) by `date_type` "
        "('modification', 'purchase' or 'marketplace_modification') and optional filters (empty "
        "lists mean no filter).")
        .def(py::init([](const py::object& begin, const py::object& end, const std::string& date_type,
                         std::vector<std::string> marketplace_technical_codes,
                         std::vector<std::string> marketplace_business_codes, std::vector<std::int32_t> account_ids,
                         std::vector<std::string> statuses, std::vector<std::string> marketplace_order_ids,
                         std::vector<std::string> merchant_order_ids, std::vector<std::string> store_ids,
                         std::optional<std::string> buyer_name, std::optional<std::string> merchant_info_sync,
                         std::optional<std::string> invoice_availability) {
                 order_filter f;
                 f.begin = from_datetime(begin, "begin");
                 f.end = from_optional_datetime(end, "end").value_or(utc_time{});
                 f.date_type = parse_date_type(date_type);
                 f.marketplace_technical_codes = std::move(marketplace_technical_codes);
                 f.marketplace_business_codes = std::move(marketplace_business_codes);
                 f.account_ids = std::move(account_ids);
                 for (auto& s : statuses) f.statuses.emplace_back(std::move(s));
                 f.marketplace_order_ids = std::move(marketplace_order_ids);
                 f.merchant_order_ids = std::move(merchant_order_ids);
                 f.store_ids = std::move(store_ids);
                 f.buyer_name = std::move(buyer_name);
                 f.merchant_info_sync = std::move(merchant_info_sync);
                 f.invoice_availability = std::move(invoice_availability);
                 return f;
             }),
             py::kw_only(), py::arg("begin"), py::arg("end") = py::none(), py::arg("date_type") = "modification",
             py::arg("marketplace_technical_codes") = std::vector<std::string>{},
             py::arg("marketplace_business_codes") = std::vector<std::string>{},
             py::arg("account_ids") = std::vector<std::int32_t>{}, py::arg("statuses") = std::vector<std::string>{},
             py::arg("marketplace_order_ids") = std::vector<std::string>{},
             py::arg("merchant_order_ids") = std::vector<std::string>{}, py::arg("store_ids") = std::vector<std::string>{},
             py::arg("buyer_name") = py::none(), py::arg("merchant_info_sync") = py::none(),
             py::arg("invoice_availability") = py::none())
        .def_property_readonly("begin", [](const order_filter& f) { return to_datetime(f.begin); })
        .def_property_readonly("end", [](const order_filter& f) {
            return f.end == utc_time{} ? py::object(py::none()) : to_datetime(f.end);
        })
        .def("__repr__", [](const order_filter& f) {
            return "OrderFilter(begin=" + repr_of(to_datetime(f.begin)) +
                   ", end=" + (f.end == utc_time{} ? std::string("None") : repr_of(to_datetime(f.end))) + ", ...)";
        });

    m.def("csv_columns", [] { return csv_columns(); }, "Every column CsvWriter can write, in its default order.");

    py::class_<py_csv_writer>(m, "CsvWriter",
        "Writes orders as CSV rows (RFC 4180 quoting) to a text file opened with newline=''.")
        .def(py::init([](py::object file, const std::string& separator, std::vector<std::string> columns, bool header) {
                 if (separator.size() != 1) throw py::value_error("separator must be one character: ',', ';' or a tab");
                 return std::make_unique<py_csv_writer>(std::move(file), csv_options{separator[0], std::move(columns), header});
             }),
             py::arg("file"), py::kw_only(), py::arg("separator") = ",", py::arg("columns") = std::vector<std::string>{},
             py::arg("header") = true)
        .def("write", &py_csv_writer::write, py::arg("order"), "Writes one order's row (the header first).")
        .def("write_all", &py_csv_writer::write_all, py::arg("orders"),
             "Writes every order of an iterable (e.g. Orders.all(...)); returns how many.")
        .def_property_readonly("rows", &py_csv_writer::rows, "Rows written, the header excluded.");

    auto orders_class = py::reinterpret_borrow<py::class_<py_orders>>(m.attr("Orders"));
    orders_class.def(
        "export_csv",
        [](py_orders& self, const std::string& store_id, const order_filter& filter, const std::string& path,
           std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
            const auto context = make_context(timeout, cancellation);
            py::gil_scoped_release release;
            return self.api->export_csv(store_id, filter, path, context);
        },
        py::arg("store_id"), py::arg("filter"), py::arg("path"), py::kw_only(), py::arg("timeout") = py::none(),
        py::arg("cancellation") = py::none(),
        "BeezUP's own CSV exportation: asks for it, waits until it is made, downloads it to `path`. "
        "The period is at most 30 days. Returns the exportation's execution id; the whole call, "
        "waits included, ends by `timeout`.");

    py::class_<py_order_sync>(m, "OrderSync",
        "Hands every order created or changed since the last run to a callable, once, and resumes "
        "where it stopped: the checkpoint is a SQLite file's path or a postgresql:// URL (None: kept in memory).")
        .def(py::init([](const py::object& client_object, std::optional<std::string> checkpoint, std::string name,
                         std::optional<order_filter> filter, const py::object& initial_since, double overlap) {
                 auto& c = client_object.cast<py_client&>();
                 order_sync_options options;
                 options.name = std::move(name);
                 if (filter) options.filter = std::move(*filter);
                 if (const auto since = from_optional_datetime(initial_since, "initial_since")) options.initial_since = *since;
                 options.overlap = std::chrono::duration_cast<std::chrono::seconds>(from_seconds(overlap, "overlap"));
                 auto out = std::make_unique<py_order_sync>();
                 out->store = checkpoint ? make_checkpoint_store(*checkpoint) : make_memory_checkpoint_store();
                 out->sync = std::make_unique<order_sync>(*c.core, *out->store, std::move(options));
                 return out;
             }),
             py::arg("client"), py::arg("checkpoint"), py::kw_only(), py::arg("name") = "orders",
             py::arg("filter") = py::none(), py::arg("initial_since") = py::none(), py::arg("overlap") = 120.0)
        .def(
            "run",
            [](py_order_sync& self, const std::function<void(const order&)>& handler, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.sync->run(handler, context);
            },
            py::arg("handler"), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Reads what changed since the checkpoint and calls handler(order) for each, committing "
            "after each; returns how many. An exception from the handler stops the run (that order "
            "is handed over again next time) and propagates. `timeout` bounds the whole run; "
            "`cancellation` stops it between pages (TransportError 'cancelled'), what was handed over "
            "staying committed.");
}

}  // namespace beezup::python
