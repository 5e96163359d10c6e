// Client.orders and what it hands out: Orders, OrderKey, Order, OrderItem, ChangeHandle,
// ChangeReport and the lazy iterator of Orders.all(). Every call that touches the network releases
// the GIL. Money and quantities cross as decimal.Decimal (built from decimal::to_string(), never
// through a float); instants as aware UTC datetime.datetime.

#include "conversions.hpp"
#include "orders.hpp"

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

// The filter of all() and count(): an OrderFilter, or OrderFilter's keyword arguments.
order_filter filter_of(const char* call, const py::object& filter, const py::kwargs& filter_arguments) {
    if (!filter.is_none() && !filter_arguments.empty())
        throw py::type_error(std::string(call) + "() takes an OrderFilter or its keyword arguments, not both");
    const py::object chosen =
        filter.is_none() ? py::module_::import("beezup._core").attr("OrderFilter")(**filter_arguments) : filter;
    return chosen.cast<order_filter>();
}

// --- Orders and its iterator ---------------------------------------------------------------------

// The iterator of Orders.all(): nothing is fetched before the first next(); each next() that
// needs a page fetches it with the GIL released. A failed next() ends the iteration (as a
// generator does): the range cannot resume a page it failed to read.
class py_order_iterator {
public:
    py_order_iterator(const py_orders& orders, order_filter filter, call_context context)
        : api_(*orders.api), client_(orders.client), filter_(std::move(filter)), context_(std::move(context)) {}

    /// The next order, or nullopt at the end. Call without the GIL.
    std::optional<order> next() {
        const std::lock_guard lock(mutex_);  // next() from two threads at once: one after the other
        if (finished_) return std::nullopt;
        try {
            if (!range_) {
                range_.emplace(api_.all(filter_, context_));  // reads the first page
                it_.emplace(range_->begin());
            } else {
                ++*it_;
            }
            if (*it_ == std::default_sentinel) {
                finish();
                return std::nullopt;
            }
            return std::move(**it_);  // the range keeps what it needs to skip repeats, not the order
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
    call_context context_;  // its cancellation ends the walk
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
        .def("__repr__", [](const order_key& k) { return repr(k); })
        .def(py::pickle(
            [](const order_key& k) {
                return py::make_tuple(k.marketplace_technical_code, k.account_id, k.beezup_order_id);
            },
            [](const py::tuple& t) {
                return order_key{t[0].cast<std::string>(), t[1].cast<std::int32_t>(), t[2].cast<std::string>()};
            }));

    // --- Address -----------------------------------------------------------------------------------
    auto address_class = py::class_<address>(m, "Address", "A postal address with its contact (the buyer's or the shipping one).");
    for (const auto& [name, field] : std::initializer_list<std::pair<const char*, std::optional<std::string> address::*>>{
             {"civility", &address::civility},         {"first_name", &address::first_name},
             {"last_name", &address::last_name},       {"company_name", &address::company_name},
             {"line1", &address::line1},               {"line2", &address::line2},
             {"line3", &address::line3},               {"postal_code", &address::postal_code},
             {"city", &address::city},                 {"state_or_region", &address::state_or_region},
             {"country_iso2", &address::country_iso2}, {"country_name", &address::country_name},
             {"phone", &address::phone},               {"mobile_phone", &address::mobile_phone},
             {"email", &address::email}})
        address_class.def_property_readonly(name, [field = field](const address& a) { return optional_text(a.*field); });
    address_class.def("__repr__", [](const address& a) {
        return "Address(last_name=" + repr_of(optional_text(a.last_name)) + ", city=" + repr_of(optional_text(a.city)) +
               ", country_iso2=" + repr_of(optional_text(a.country_iso2)) + ")";
    });

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
        .def_property_readonly("item_tax", [](const order_item& i) { return to_decimal(i.item_tax); })
        .def_property_readonly("shipping_price", [](const order_item& i) { return to_decimal(i.shipping_price); })
        .def_property_readonly("gtin", [](const order_item& i) { return optional_text(i.gtin); })
        .def_property_readonly("condition", [](const order_item& i) { return optional_text(i.condition); })
        .def_property_readonly("store_id", [](const order_item& i) { return optional_text(i.store_id); })
        .def_property_readonly("image_url", [](const order_item& i) { return optional_text(i.image_url); })
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
        .def_readonly("buyer", &order::buyer, "The buyer's address and contact.")
        .def_readonly("shipping", &order::shipping, "Where the order goes, and whom to call.")
        .def_property_readonly("shipping_method", [](const order& o) { return optional_text(o.shipping_method); })
        .def_property_readonly("shipping_price", [](const order& o) { return to_decimal(o.shipping_price); })
        .def_property_readonly("total_tax", [](const order& o) { return to_decimal(o.total_tax); })
        .def_property_readonly("total_commission", [](const order& o) { return to_decimal(o.total_commission); })
        .def_property_readonly("payment_method", [](const order& o) { return optional_text(o.payment_method); })
        .def_property_readonly("latest_ship_date",
                               [](const order& o) { return o.latest_ship_date ? py::object(to_datetime(*o.latest_ship_date)) : py::none(); },
                               "The marketplace's deadline to ship, when it gives one.")
        .def_property_readonly("merchant_order_id", [](const order& o) { return optional_text(o.merchant_order_id); })
        .def_property_readonly("invoice_number", [](const order& o) { return optional_text(o.invoice_number); },
                               "The order's invoice number, once invoiced.")
        .def_property_readonly("invoice_uri", [](const order& o) { return optional_text(o.invoice_uri); },
                               "Where the order's invoice is, once invoiced (Invoices.download_pdf() takes it).")
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
            py::arg("timeout") = py::none(), py::kw_only(), py::arg("cancellation") = py::none(),
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
            [](py_orders& self, const py::object& filter, std::optional<cancellation_token> cancellation,
               const py::kwargs& filter_arguments) {
                call_context context;
                if (cancellation) context.cancellation = *cancellation;
                return std::make_unique<py_order_iterator>(self, filter_of("all", filter, filter_arguments), std::move(context));
            },
            py::arg("filter") = py::none(), py::kw_only(), py::arg("cancellation") = py::none(),
            "Every order matching a filter (an OrderFilter, or OrderFilter's keyword arguments: begin=, "
            "end=, statuses=, ...) as a lazy iterator: any period, sliced into 30-day windows, read 100 "
            "orders a page. Nothing is fetched before the first next(); `cancellation` ends the walk.")
        .def(
            "count",
            [](py_orders& self, const py::object& filter, std::optional<double> timeout,
               std::optional<cancellation_token> cancellation, const py::kwargs& filter_arguments) {
                const auto f = filter_of("count", filter, filter_arguments);
                const auto context = make_context(timeout, cancellation);
                py::gil_scoped_release release;
                return self.api->count(f, context);
            },
            py::arg("filter") = py::none(), py::kw_only(), py::arg("timeout") = py::none(), py::arg("cancellation") = py::none(),
            "How many orders match a filter (as all() takes it) over its whole period: one small call per "
            "30-day window. Orders changing meanwhile may move, so a walk can read a few more or fewer.")
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
