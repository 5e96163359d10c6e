#pragma once
// Link headers (RFC 8288, formerly 5988): the targets of paged answers' rel="next", "last"...

#include <optional>
#include <string>
#include <string_view>

namespace beezup::detail {

/// The target (between < and >) of the first link whose rel names `rel`, compared without case;
/// nullopt when there is none. A rel may name several relations ("next last").
std::optional<std::string> link_target(std::string_view header, std::string_view rel);

/// The raw (still percent-encoded) value of a query parameter of `uri`; nullopt when absent.
std::optional<std::string> query_parameter(std::string_view uri, std::string_view name);

}  // namespace beezup::detail
