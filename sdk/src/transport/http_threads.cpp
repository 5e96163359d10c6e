#include <beezup/error.hpp>
#include <beezup/http_threads.hpp>

#include <pplx/threadpool.h>

namespace beezup {

void set_http_threads(std::size_t threads) {
    if (threads == 0) throw error("set_http_threads: at least one thread");
    try {
        crossplat::threadpool::initialize_with_threads(threads);
    } catch (const std::exception&) {
        throw error("set_http_threads: the HTTP thread pool is already running; call it before creating any client or server");
    }
}

}  // namespace beezup
