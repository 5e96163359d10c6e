#pragma once
// SIGINT and SIGTERM cancel the running call (it returns at once, exit status 130); a second
// signal ends the process.

#include <beezup/call_context.hpp>

namespace beezup::cli {

/// Blocks SIGINT and SIGTERM in every thread and starts the thread that waits for them. Call it
/// before anything starts threads.
void watch_interruptions();

/// The token that fires on the first SIGINT or SIGTERM.
cancellation_token interruption_token();

/// A call context that the first signal cancels; with `test_mode` when asked.
call_context interruptible(bool test_mode = false);

}  // namespace beezup::cli
