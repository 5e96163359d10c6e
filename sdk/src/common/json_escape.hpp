#pragma once
// JSON string literals, shared by the SDK (raw members kept in `extra`) and the sandbox's writer.

#include <string>
#include <string_view>

namespace beezup::common {

/// Appends `s` to `out` as a quoted JSON string (quotes, backslashes and control characters
/// escaped; other bytes, UTF-8 included, as they are).
void append_json_string(std::string& out, std::string_view s);

}  // namespace beezup::common
