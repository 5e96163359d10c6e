// Conversions between the SDK's values and Python's (conversions.hpp).

#include "conversions.hpp"

#include <chrono>
#include <cstdint>

namespace beezup::python {
namespace {

py::object utc() { return py::module_::import("datetime").attr("timezone").attr("utc"); }

}  // namespace

py::object to_decimal(const decimal& d) { return py::module_::import("decimal").attr("Decimal")(d.to_string()); }

py::object to_decimal(const std::optional<decimal>& d) { return d ? to_decimal(*d) : py::none(); }

py::object optional_text(const std::optional<std::string>& s) { return s ? py::object(text(*s)) : py::none(); }

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

py::dict parse_extra(const named_values<std::string>& extra) {
    const auto loads = py::module_::import("json").attr("loads");
    const auto decimal_class = py::module_::import("decimal").attr("Decimal");
    py::dict out;
    for (const auto& [name, json] : extra) out[text(name)] = loads(text(json), py::arg("parse_float") = decimal_class);
    return out;
}

py::list errors_of(const std::vector<api_error_detail>& errors) {
    py::list out;
    for (const auto& e : errors) out.append(py::make_tuple(text(e.code), text(e.message)));
    return out;
}

std::string repr_of(const py::handle& value) { return py::repr(value).cast<std::string>(); }

std::string repr(const order_key& key) {
    return "OrderKey(" + repr_of(text(key.marketplace_technical_code)) + ", " + std::to_string(key.account_id) + ", " +
           repr_of(text(key.beezup_order_id)) + ")";
}


py::object to_optional_datetime(const std::optional<utc_time>& t) { return t ? to_datetime(*t) : py::none(); }

decimal from_decimal(const py::handle& value, const char* what) {
    const auto decimal_class = py::module_::import("decimal").attr("Decimal");
    const bool accepted = py::isinstance(value, decimal_class) || py::isinstance<py::str>(value) ||
                          (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value));
    if (!accepted) throw py::type_error(std::string(what) + " must be a decimal.Decimal, an int or a str (a float is never exact)");
    const auto textual = py::str(value).cast<std::string>();
    const auto parsed = decimal::parse(textual);
    if (!parsed) throw py::value_error(std::string(what) + " is not a decimal number of at most 18 digits: " + textual);
    return *parsed;
}

}  // namespace beezup::python
