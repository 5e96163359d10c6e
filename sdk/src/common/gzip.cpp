#include "gzip.hpp"

#include <zlib.h>

namespace beezup::common {
namespace {

// window_bits: 15 + 16 for gzip framing, -15 for raw deflate.
std::string compress(std::string_view data, int level, int window_bits) {
    z_stream zs{};
    deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) { return compress(data, level, 15 + 16); }

std::string raw_deflate_compress(std::string_view data, int level) { return compress(data, level, -15); }

}  // namespace beezup::common
