#pragma once
// gzip and raw deflate compression (zlib), shared by the sandbox (large answers) and the SDK's tests.

#include <string>
#include <string_view>

namespace beezup::common {

/// `data` as a gzip member; `level` is zlib's, 1 (fastest) to 9.
std::string gzip_compress(std::string_view data, int level = 6);

/// `data` as a raw deflate stream (no zlib or gzip framing), as some servers send "deflate".
std::string raw_deflate_compress(std::string_view data, int level = 6);

}  // namespace beezup::common
