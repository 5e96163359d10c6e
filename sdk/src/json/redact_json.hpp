#pragma once
// Masking fields of a JSON body, for logs.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace beezup::detail::json {

/// `body` re-serialised with the scalar value of every member `sensitive` names replaced by
/// `marker`, at any depth; nullopt when the body is not JSON.
std::optional<std::string> redact_members(std::string_view body, const std::function<bool(std::string_view)>& sensitive,
                                          std::string_view marker);

}  // namespace beezup::detail::json
