#pragma once
// For the decoders of sdk/src/json only: error details from an `errors` value met inside another
// document (a batch's operations).

#include <beezup/error.hpp>

#include <boost/json/value.hpp>

#include <vector>

namespace beezup::detail::json {

std::vector<api_error_detail> error_details_of(const boost::json::value& errors);

}  // namespace beezup::detail::json
