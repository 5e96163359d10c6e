#pragma once
// The paths of the API and the methods each accepts, as the spec lists them: the server answers
// 404 outside them, 405 (with Allow) for another method, OPTIONS with Allow, and 410 for the
// deprecated v2 order operations, before any module sees the call.

#include <string>
#include <string_view>
#include <vector>

namespace beezup::sandbox {

struct route {
    std::string_view pattern;      // "/orders/v3/{marketplaceTechnicalCode}/{accountId}/harvest"
    std::string_view methods;      // "GET, HEAD": the Allow header's value
    std::string_view replaced_by;  // deprecated operations: the v3 call to use instead
};

/// The route of `segments` (a {name} matches any one segment; literal segments win over names),
/// or nullptr when the API has no such path.
const route* find_route(const std::vector<std::string>& segments);

/// Whether `method` is one of the route's methods.
bool allows(const route& r, std::string_view method);

/// Every route, in the spec's order.
const std::vector<route>& all_routes();

}  // namespace beezup::sandbox
