#pragma once
// Decodes gzip / deflate response bodies with a size limit (a small compressed body may expand
// to gigabytes).

#include <cstddef>
#include <string>
#include <string_view>

namespace beezup::detail {

/// Decodes `body` according to a Content-Encoding value ("gzip", "x-gzip", "deflate",
/// "identity" or empty). Throws transport_error(protocol) for an unknown encoding, corrupt
/// data, or output larger than `max_bytes`.
std::string decode_content(std::string_view encoding, std::string body, std::size_t max_bytes);

}  // namespace beezup::detail
