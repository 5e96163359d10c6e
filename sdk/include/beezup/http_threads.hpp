#pragma once
/// @file
/// The size of the SDK's HTTP thread pool (clients and push_server share it, process-wide).

#include <cstddef>

namespace beezup {

/// Sets how many threads run the SDK's HTTP I/O and its continuations, for the whole process.
/// Call it once, before creating any client, push_server or sandbox: throws beezup::error after.
/// The default (40, the HTTP stack's) suits many blocking callers; a push receiver acknowledges
/// fastest with about one thread per core (bench_push_acknowledgements: 2 threads on 2 cores
/// acknowledge about 1.6 times as many pushes as 40).
void set_http_threads(std::size_t threads);

}  // namespace beezup
