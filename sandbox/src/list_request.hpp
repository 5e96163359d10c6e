#pragma once
// Reading the filters of an order list request (orderListRequestWithoutPagination), shared by
// list/full, list/light and exportations.

#include "order_store.hpp"

#include <boost/json.hpp>

#include <optional>
#include <string>

namespace beezup::sandbox {

struct request_error {
    request_error(std::string c, std::string m) : code(std::move(c)), message(std::move(m)) {}
    std::string code, message;
};

/// Fills `out` from `o`; the period must be at most 30 days and end before `now`. Returns the
/// error to answer with 400, if any.
std::optional<request_error> parse_list_filter(const boost::json::object& o, time_point now, list_filter& out);

}  // namespace beezup::sandbox
