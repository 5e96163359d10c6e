// Client.orders and what it hands out: Orders, OrderKey, Order, OrderItem, ChangeHandle,
// ChangeReport and the lazy iterator of Orders.all(). Every call that touches the network releases
// the GIL. Money and quantities cross as decimal.Decimal (built from decimal::to_string(), never
// through a float); instants as aware UTC datetime.datetime.

#include "client.hpp"

#include <pybind11/stl.h>

#include <beezup/orders.hpp>

#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace beezup::python {
namespace {

// --- conversions -------------------------------------------------------------------------------

py::object to_decimal(const decimal& d) { return py::module_::import("decimal").attr("Decimal")(d.to_string()); }

py::object to_decimal(const std::optional<decimal>& d) { return d ? to_decimal(*d) : py::none(); }

py::object optional_text(const std::optional<std::string>& s) { return s ? py::object(text(*s)) : py::none(); }

py::object utc() { return py::module_::import("datetime").attr("timezone").attr("utc"); }

py::object to_datetime(utc_time t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day date{day};
    const hh_mm_ss time{floor<microseconds>(t - day)};
    return py::module_::import("datetime").attr("datetime")(
        static_cast<int>(date.year()), static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
        time.hours().count(), time.minutes().count(), time.seconds().count(), time.subseconds().count(),
        py::arg("tzinfo") = utc());
}

// An aware datetime.datetime (any zone) -> utc_time. TypeError for anything else, ValueError for a
// naive datetime or one outside what utc_time represents.
utc_time from_datetime(const py::handle& value, const char* what) {
    const auto datetime = py::module_::import("datetime");
    if (!py::isinstance(value, datetime.attr("datetime")))
        throw py::type_error(std::string(what) + " must be a datetime.datetime");
    if (value.attr("utcoffset")().is_none())
        throw py::value_error(std::string(what) + " must be timezone-aware (e.g. tzinfo=datetime.timezone.utc)");
    const auto epoch = datetime.attr("datetime")(1970, 1, 1, py::arg("tzinfo") = utc());
    const py::object delta = py::reinterpret_borrow<py::object>(value) - epoch;
    const auto days = delta.attr("days").cast<std::int64_t>();
    const auto seconds = delta.attr("seconds").cast<std::int64_t>();
    const auto micros = delta.attr("microseconds").cast<std::int64_t>();
    // system_clock counts nanoseconds on this platform: about +-292 years around 1970.
    constexpr std::int64_t limit =
        std::chrono::duration_cast<std::chrono::microseconds>(utc_time::duration::max()).count() / 2;
    const std::int64_t total = (days * 86'400 + seconds) * 1'000'000 + micros;  // |days| < 3.7e6: no overflow
    if (total > limit || total < -limit) throw py::value_error(std::string(what) + " is out of range");
    return utc_time(std::chrono::duration_cast<utc_time::duration>(std::chrono::microseconds(total)));
}

std::optional<utc_time> from_optional_datetime(const py::object& value, const char* what) {
    if (value.is_none()) return std::nullopt;
    return from_datetime(value, what);
}

date_search_type parse_date_type(const std::string& name) {
    if (name == "modification") return date_search_type::modification;
    if (name == "purchase") return date_search_type::purchase;
    if (name == "marketplace_modification") return date_search_type::marketplace_modification;
    throw py::value_error("date_type must be 'modification', 'purchase' or 'marketplace_modification', not '" + name +
                          "'");
}

// The order_* extra fields hold raw JSON text: parsed, with numbers that have a fraction or an
// exponent as Decimal (never float).
py::dict parse_extra(const named_values<std::string>& extra) {
    const auto loads = py::module_::import("json").attr("loads");
    const auto decimal_class = py::module_::import("decimal").attr("Decimal");
    py::dict out;
    for (const auto& [name, json] : extra) out[text(name)] = loads(text(json), py::arg("parse_float") = decimal_class);
    return out;
}

std::string repr_of(const py::handle& value) { return py::repr(value).cast<std::string>(); }

std::string repr(const order_key& key) {
    return "OrderKey(" + repr_of(text(key.marketplace_technical_code)) + ", " + std::to_string(key.account_id) + ", " +
           repr_of(text(key.beezup_order_id)) + ")";
}

// --- Orders and its iterator ---------------------------------------------------------------------

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

// The iterator of Orders.all(): nothing is fetched before the first next(); each next() that
// needs a page fetches it with the GIL released. A failed next() ends the iteration (as a
// generator does): the range cannot resume a page it failed to read.
class py_order_iterator {
public:
    py_order_iterator(const py_orders& orders, order_filter filter)
        : api_(*orders.api), client_(orders.client), filter_(std::move(filter)) {}

    /// The next order, or nullopt at the end. Call without the GIL.
    std::optional<order> next() {
        const std::lock_guard lock(mutex_);  // next() from two threads at once: one after the other
        if (finished_) return std::nullopt;
        try {
            if (!range_) {
                range_.emplace(api_.all(filter_));  // reads the first page
                it_.emplace(range_->begin());
            } else {
                ++*it_;
            }
            if (*it_ == std::default_sentinel) {
                finish();
                return std::nullopt;
            }
            return **it_;
        } catch (...) {
            finish();
            throw;
        }
    }

    /// API calls made so far.
    std::size_t calls() {
        const std::lock_guard lock(mutex_);
        return calls_ + (range_ ? range_->calls() : 0);
    }

private:
    void finish() {
        finished_ = true;
        if (range_) calls_ += range_->calls();
        it_.reset();
        range_.reset();
    }

    orders_api& api_;
    py::object client_;  // keeps api_ alive; only touched with the GIL held (construction, destruction)
    order_filter filter_;
    std::mutex mutex_;
    std::optional<order_range> range_;
    std::optional<order_range::iterator> it_;
    std::size_t calls_ = 0;
    bool finished_ = false;
};

}  // namespace

void register_orders(py::module_& m) {
    // --- OrderKey ----------------------------------------------------------------------------------
    py::class_<order_key>(m, "OrderKey",
        "What identifies an order: marketplace technical code, account id and BeezUP order id. "
        "Immutable and hashable.")
        .def(py::init([](std::string marketplace_technical_code, std::int32_t account_id, std::string beezup_order_id) {
                 return order_key{std::move(marketplace_technical_code), account_id, std::move(beezup_order_id)};
             }),
             py::arg("marketplace_technical_code"), py::arg("account_id"), py::arg("beezup_order_id"))
        .def_property_readonly("marketplace_technical_code",
                               [](const order_key& k) { return text(k.marketplace_technical_code); })
        .def_readonly("account_id", &order_key::account_id)
        .def_property_readonly("beezup_order_id", [](const order_key& k) { return text(k.beezup_order_id); })
        .def("__eq__",
             [](const order_key& a, const py::object& b) -> py::object {
                 if (!py::isinstance<order_key>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
                 return py::bool_(a == b.cast<const order_key&>());
             })
        .def("__hash__",
             [](const order_key& k) {
                 return py::hash(py::make_tuple(text(k.marketplace_technical_code), k.account_id, text(k.beezup_order_id)));
             })
        .def("__repr__", [](const order_key& k) { return repr(k); });

    // --- OrderItem ---------------------------------------------------------------------------------
    py::class_<order_item>(m, "OrderItem", "One line of an order. Amounts are decimal.Decimal (or None).")
        .def_property_readonly("beezup_order_item_id", [](const order_item& i) { return text(i.beezup_order_item_id); })
        .def_property_readonly("item_type", [](const order_item& i) { return text(i.item_type); })
        .def_property_readonly("title", [](const order_item& i) { return optional_text(i.title); })
        .def_property_readonly("merchant_product_id", [](const order_item& i) { return optional_text(i.merchant_product_id); })
        .def_property_readonly("marketplace_product_id",
                               [](const order_item& i) { return optional_text(i.marketplace_product_id); })
        .def_property_readonly("quantity", [](const order_item& i) { return to_decimal(i.quantity); })
        .def_property_readonly("item_price", [](const order_item& i) { return to_decimal(i.item_price); })
        .def_property_readonly("total_price", [](const order_item& i) { return to_decimal(i.total_price); })
        .def_property_readonly("extra", [](const order_item& i) { return parse_extra(i.extra); },
                               "orderItem_* fields the SDK does not model, parsed from JSON (fractions as Decimal).")
        .def("__repr__", [](const order_item& i) {
            return "OrderItem(title=" + repr_of(optional_text(i.title)) + ", quantity=" + repr_of(to_decimal(i.quantity)) +
                   ", total_price=" + repr_of(to_decimal(i.total_price)) + ")";
        });

    // --- Order -------------------------------------------------------------------------------------
    py::class_<order>(m, "Order",
        "A full order as BeezUP returns it; read-only. Amounts are decimal.Decimal (or None), dates "
        "aware UTC datetime.datetime.")
        .def_readonly("key", &order::key)
        .def_property_readonly("status", [](const order& o) { return text(o.status.str()); },
                               "BeezUP's status: 'New', 'InProgress', 'Shipped', 'Canceled', 'Closed', 'Aborted', ...")
        .def_property_readonly("marketplace_status", [](const order& o) { return optional_text(o.marketplace_status); })
        .def_property_readonly("marketplace_business_code", [](const order& o) { return text(o.marketplace_business_code); })
        .def_property_readonly("marketplace_order_id", [](const order& o) { return text(o.marketplace_order_id); })
        .def_property_readonly("etag", [](const order& o) { return text(o.etag); })
        .def_readonly("processing", &order::processing, "True while a harvest or a change is in progress.")
        .def_property_readonly("purchase_date", [](const order& o) { return to_datetime(o.purchase_date); })
        .def_property_readonly("last_modification_date", [](const order& o) { return to_datetime(o.last_modification_date); })
        .def_property_readonly("total_price", [](const order& o) { return to_decimal(o.total_price); })
        .def_property_readonly("currency_code", [](const order& o) { return optional_text(o.currency_code); })
        .def_property_readonly("buyer_name", [](const order& o) { return optional_text(o.buyer_name); })
        .def_property_readonly("merchant_order_id", [](const order& o) { return optional_text(o.merchant_order_id); })
        .def_property_readonly("items",
                               [](const order& o) {
                                   py::list items;
                                   for (const auto& item : o.items) items.append(py::cast(item));
                                   return items;
                               })
        .def_property_readonly(
            "allowed_changes",
            [](const order& o) {
                py::list names;
                for (const auto& change : o.allowed_changes) names.append(text(change.type.str()));
                return names;
            },
            "The change types the order allows now, e.g. ['ShipOrder', 'CancelOrder'].")
        .def_property_readonly("extra", [](const order& o) { return parse_extra(o.extra); },
                               "order_* fields the SDK does not model, parsed from JSON (fractions as Decimal).")
        .def(
            "find_change", [](const order& o, const std::string& name) { return o.find_change(change_type(name)) != nullptr; },
            py::arg("change_type"), "True when the order allows this change type now.")
        .def("__repr__", [](const order& o) {
            return "Order(key=" + repr(o.key) + ", status=" + repr_of(text(o.status.str())) +
                   ", marketplace_order_id=" + repr_of(text(o.marketplace_order_id)) +
                   ", total_price=" + repr_of(to_decimal(o.total_price)) +
                   ", currency_code=" + repr_of(optional_text(o.currency_code)) + ")";
        });

    // --- ChangeReport --------------------------------------------------------------------------------
    py::class_<change_report>(m, "ChangeReport", "The reporting of one change execution.")
        .def_property_readonly("execution_id", [](const change_report& r) { return text(r.execution_id); })
        .def_property_readonly("change_type", [](const change_report& r) { return text(r.type.str()); })
        .def_property_readonly("processing_status", [](const change_report& r) { return text(r.processing_status); },
                               "'InProgress', 'Done', 'Failed', ...")
        .def_property_readonly("error_message", [](const change_report& r) { return optional_text(r.error_message); })
        .def_readonly("test_mode", &change_report::test_mode)
        .def_property_readonly("creation_date", [](const change_report& r) { return to_datetime(r.creation_date); })
        .def_property_readonly("last_update_date", [](const change_report& r) { return to_datetime(r.last_update_date); })
        .def_property_readonly("user_name", [](const change_report& r) { return optional_text(r.user_name); })
        .def("__repr__", [](const change_report& r) {
            return "ChangeReport(execution_id=" + repr_of(text(r.execution_id)) +
                   ", change_type=" + repr_of(text(r.type.str())) +
                   ", processing_status=" + repr_of(text(r.processing_status)) + ")";
        });

    // --- ChangeHandle --------------------------------------------------------------------------------
    py::class_<py_change_handle>(m, "ChangeHandle", "A change BeezUP accepted; wait() follows it to the marketplace.")
        .def_property_readonly("key", [](const py_change_handle& h) { return h.core.key(); })
        .def_property_readonly("execution_id", [](const py_change_handle& h) { return text(h.core.execution_id()); })
        .def_property_readonly("recovered", [](const py_change_handle& h) { return h.core.recovered(); },
                               "True when nothing was sent again because the change was found already applied.")
        .def(
            "wait",
            [](py_change_handle& h, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return h.core.wait(context);
            },
            py::arg("timeout") = 300.0, py::kw_only(), py::arg("cancellation") = py::none(),
            "Waits until the marketplace confirmed the change and returns the order. Raises ChangeFailed "
            "when it refused it, TransportError('timeout') after `timeout` seconds (None: the client's "
            "operation timeout).")
        .def("__repr__", [](const py_change_handle& h) {
            return "ChangeHandle(key=" + repr(h.core.key()) + ", execution_id=" + repr_of(text(h.core.execution_id())) +
                   ", recovered=" + (h.core.recovered() ? "True" : "False") + ")";
        });

    // --- OrderIterator -------------------------------------------------------------------------------
    py::class_<py_order_iterator>(m, "OrderIterator",
        "The orders of Orders.all(), fetched lazily page by page (the GIL is released while a page "
        "is read). Walked once; an error ends it.")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__",
             [](py_order_iterator& self) {
                 std::optional<order> next;
                 {
                     py::gil_scoped_release release;
                     next = self.next();
                 }
                 if (!next) throw py::stop_iteration();
                 return std::move(*next);
             })
        .def_property_readonly("calls", &py_order_iterator::calls, "API calls made so far.");

    // --- Orders --------------------------------------------------------------------------------------
    py::class_<py_orders>(m, "Orders",
        "The order API of a Client (Client.orders). Thread-safe. Every call blocks and releases the GIL; "
        "`timeout` (seconds, None = the client's operation timeout) bounds the whole call, and "
        "`cancellation` cancels it from another thread.")
        .def(
            "all",
            [](py_orders& self, const py::object& begin, const py::object& end, const std::string& date_type,
               std::vector<std::string> marketplace_technical_codes, std::vector<std::string> marketplace_business_codes,
               std::vector<std::int32_t> account_ids, std::vector<std::string> statuses,
               std::vector<std::string> marketplace_order_ids, std::vector<std::string> merchant_order_ids,
               std::vector<std::string> store_ids, std::optional<std::string> buyer_name,
               std::optional<std::string> merchant_info_sync, std::optional<std::string> invoice_availability) {
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
                return std::make_unique<py_order_iterator>(self, std::move(f));
            },
            py::kw_only(), py::arg("begin"), py::arg("end") = py::none(), py::arg("date_type") = "modification",
            py::arg("marketplace_technical_codes") = std::vector<std::string>{},
            py::arg("marketplace_business_codes") = std::vector<std::string>{},
            py::arg("account_ids") = std::vector<std::int32_t>{}, py::arg("statuses") = std::vector<std::string>{},
            py::arg("marketplace_order_ids") = std::vector<std::string>{},
            py::arg("merchant_order_ids") = std::vector<std::string>{}, py::arg("store_ids") = std::vector<std::string>{},
            py::arg("buyer_name") = py::none(), py::arg("merchant_info_sync") = py::none(),
            py::arg("invoice_availability") = py::none(),
            "Every order matching the filters from `begin` to `end` (aware datetimes; end None = now), "
            "as a lazy iterator: any period, sliced into 30-day windows, read 100 orders a page. "
            "`date_type` is 'modification', 'purchase' or 'marketplace_modification'; empty lists mean "
            "no filter. Nothing is fetched before the first next().")
        .def(
            "get",
            [](py_orders& self, const order_key& key, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.api->get(key, context);
            },
            py::arg("key"), py::arg("timeout") = py::none(), py::kw_only(), py::arg("cancellation") = py::none(),
            "Reads an order (revalidated with If-None-Match when read before). Raises NotFoundError.")
        .def(
            "ship",
            [](py_orders& self, const order_key& key, std::string carrier, std::string tracking_number,
               std::string shipping_method, std::optional<std::string> tracking_url, const py::object& fulfillment_date,
               const py::object& estimated_delivery_date, bool test_mode, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                shipment s;
                s.carrier = std::move(carrier);
                s.shipping_method = std::move(shipping_method);
                s.tracking_number = std::move(tracking_number);
                s.tracking_url = std::move(tracking_url);
                s.fulfillment_date = from_optional_datetime(fulfillment_date, "fulfillment_date");
                s.estimated_delivery_date = from_optional_datetime(estimated_delivery_date, "estimated_delivery_date");
                const auto context = make_context(timeout, cancellation, test_mode);
                return send_change(self, [&](orders_api& api) { return api.ship(key, s, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("carrier"), py::arg("tracking_number"),
            py::arg("shipping_method") = "", py::arg("tracking_url") = py::none(),
            py::arg("fulfillment_date") = py::none(), py::arg("estimated_delivery_date") = py::none(),
            py::arg("test_mode") = false, py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Sends ShipOrder (fulfillment_date defaults to now); test_mode=True asks BeezUP to validate "
            "it only. Raises InvalidRequest, with nothing sent, when the order does not allow it or a "
            "required value is missing or not in its list.")
        .def(
            "accept",
            [](py_orders& self, const order_key& key, bool test_mode, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation, test_mode);
                return send_change(self, [&](orders_api& api) { return api.accept(key, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("test_mode") = false, py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "Sends AcceptOrder.")
        .def(
            "cancel",
            [](py_orders& self, const order_key& key, const std::string& reason, bool test_mode,
               std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation, test_mode);
                return send_change(self, [&](orders_api& api) { return api.cancel(key, reason, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("reason"), py::arg("test_mode") = false, py::arg("timeout") = py::none(),
            py::arg("cancellation") = py::none(),
            "Sends CancelOrder with `reason` (a code of the marketplace's list of reasons).")
        .def(
            "change",
            [](py_orders& self, const order_key& key, const std::string& type, std::map<std::string, std::string> fields,
               bool test_mode, std::optional<double> timeout, std::optional<cancellation_token> cancellation) {
                const change_request request{change_type(type), std::move(fields)};
                const auto context = make_context(timeout, cancellation, test_mode);
                return send_change(self, [&](orders_api& api) { return api.change(key, request, context); });
            },
            py::arg("key"), py::kw_only(), py::arg("change_type"), py::arg("fields"), py::arg("test_mode") = false,
            py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "Sends any change the order allows, e.g. change(key, 'ShipOrder', {'order_Shipping_CarrierName': "
            "'DHL', ...}). Checked first against the order's allowed changes and their parameters: "
            "InvalidRequest when it cannot succeed (nothing sent). Returns a ChangeHandle.")
        .def(
            "history",
            [](py_orders& self, const order_key& key, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation) {
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.api->history(key, context);
            },
            py::arg("key"), py::arg("timeout") = py::none(), py::kw_only(), py::arg("cancellation") = py::none(),
            "Every change of the order, oldest first, as ChangeReport.");

    // Client.orders, added to the class register_client() made.
    auto client_class = py::reinterpret_borrow<py::class_<py_client>>(m.attr("Client"));
    client_class.def_property_readonly(
        "orders", [](const py::object& self) { return py_orders{&self.cast<py_client&>().core->orders(), self}; },
        "The order API (an Orders view that keeps the client alive).");
}

}  // namespace beezup::python
