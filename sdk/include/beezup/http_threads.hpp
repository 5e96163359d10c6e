#pragma once
/// @file
/// The size of the HTTP listener's thread pool (push_server and the sandbox, process-wide).

#include <cstddef>

namespace beezup {

/// Sets how many threads run the I/O of push_server's listener (and the sandbox's), for the whole
/// process. Clients do not use them: a client's request runs on the calling thread. Call it once,
/// before creating any push_server or sandbox: throws beezup::error after. The default (40, the
/// HTTP stack's) is more than a receiver needs: one thread per core acknowledges fastest
/// (bench_push_acknowledgements: 2 threads on 2 cores acknowledge about 1.6 times as many pushes
/// as 40).
void set_http_threads(std::size_t threads);

}  // namespace beezup
