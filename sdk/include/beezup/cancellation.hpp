#pragma once
/// @file
/// Cooperative cancellation for long SDK calls: the standard library's stop tokens.

#include <stop_token>

namespace beezup {

/// Owns the right to cancel: `request_stop()` cancels every call given one of its tokens (a
/// request in flight is aborted, a wait wakes up). Thread-safe; copies share one state.
using cancellation_source = std::stop_source;

/// What a call watches (call_context::cancellation): `source.get_token()`. A default token
/// never fires. Thread-safe.
using cancellation_token = std::stop_token;

}  // namespace beezup
