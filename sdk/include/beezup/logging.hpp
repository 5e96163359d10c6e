#pragma once
/// @file
/// The logging hook. The SDK writes no log of its own; it calls the handler you give it.

#include <functional>
#include <string_view>

namespace beezup {

enum class log_level { trace, debug, info, warning, error };

/// Returns "trace", "debug", "info", "warning" or "error".
const char* to_string(log_level level) noexcept;

/// Receives each log line. Called from the thread that makes the call; must be thread-safe when
/// the client is shared between threads. The client keeps a copy of it for its lifetime. Lines are already redacted: the API key, push secrets,
/// Authorization headers and buyer personal data never reach the handler.
using log_handler = std::function<void(log_level, std::string_view message)>;

}  // namespace beezup
