#pragma once
// Conversions between the SDK's values and Python's, shared by every area of the module: money as
// decimal.Decimal (from decimal::to_string(), never through a float), instants as aware UTC
// datetime.datetime, server text as str.

#include "register.hpp"

#include <beezup/decimal.hpp>
#include <beezup/error.hpp>
#include <beezup/named_values.hpp>
#include <beezup/order.hpp>
#include <beezup/order_list.hpp>

#include <optional>
#include <string>
#include <vector>

namespace beezup::python {

py::object to_decimal(const decimal& d);
py::object to_decimal(const std::optional<decimal>& d);
/// decimal.Decimal, int or a numeric str -> decimal; TypeError for a float (never exact) or
/// anything else, ValueError for a value the SDK's decimal cannot hold.
decimal from_decimal(const py::handle& value, const char* what);
py::object optional_text(const std::optional<std::string>& s);
py::object to_datetime(utc_time t);
py::object to_optional_datetime(const std::optional<utc_time>& t);
/// An aware datetime.datetime (any zone) -> utc_time. TypeError for anything else, ValueError for
/// a naive datetime or one outside what utc_time represents.
utc_time from_datetime(const py::handle& value, const char* what);
std::optional<utc_time> from_optional_datetime(const py::object& value, const char* what);
date_search_type parse_date_type(const std::string& name);
/// The order_* extra fields hold raw JSON text: parsed, with numbers that have a fraction or an
/// exponent as Decimal (never float).
py::dict parse_extra(const named_values<std::string>& extra);
/// BeezUP's error details as a list of (code, message) tuples.
py::list errors_of(const std::vector<api_error_detail>& errors);
std::string repr_of(const py::handle& value);
std::string repr(const order_key& key);

}  // namespace beezup::python
