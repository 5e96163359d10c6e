#include "decompress.hpp"

#include <beezup/error.hpp>

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

namespace beezup::detail {
namespace {

constexpr const char* truncated = "truncated compressed data";
constexpr int gzip_window_bits = 15 + 16;

[[noreturn]] void fail(const std::string& what) {
    // A truncated stream is a transfer cut short, worth another try; anything else is not.
    throw transport_error(what == truncated ? transport_failure::connection : transport_failure::protocol,
                          "cannot decode the response body: " + what);
}

// window_bits: gzip_window_bits, 15 for zlib, -15 for raw deflate.
bool inflate_all(const std::string& in, int window_bits, std::size_t max_bytes, std::string& out, std::string& problem) {
    z_stream zs{};
    if (inflateInit2(&zs, window_bits) != Z_OK) {
        problem = "zlib initialisation failed";
        return false;
    }
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    char buffer[64 * 1024];
    int rc = Z_OK;
    out.clear();
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef*>(buffer);
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            problem = rc == Z_BUF_ERROR ? truncated : "corrupt compressed data";
            inflateEnd(&zs);
            return false;
        }
        out.append(buffer, sizeof buffer - zs.avail_out);
        if (out.size() > max_bytes) {
            inflateEnd(&zs);
            fail("the decoded body exceeds the limit of " + std::to_string(max_bytes) + " bytes");
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
            problem = truncated;
            inflateEnd(&zs);
            return false;
        }
        // A gzip body may hold several members (RFC 1952): what follows one is the next one,
        // never something to drop.
        if (rc == Z_STREAM_END && zs.avail_in != 0 && window_bits == gzip_window_bits) {
            inflateReset(&zs);
            rc = Z_OK;
        }
    }
    const bool whole = zs.avail_in == 0;
    inflateEnd(&zs);
    if (!whole) problem = "data after the end of the compressed stream";
    return whole;
}

// The fast path for a whole gzip member: libdeflate inflates about twice as fast as zlib, into a
// buffer of the size the member's trailer announces. Anything unusual (a size over the limit, a
// trailer that lies, several members, corrupt or truncated data) returns nullopt, and zlib's
// streaming path then decides, with its precise errors and its limit checked as it goes.
std::optional<std::string> gunzip_whole(const std::string& in, std::size_t max_bytes) {
    if (in.size() < 18) return std::nullopt;  // header and trailer alone
    const auto* tail = reinterpret_cast<const unsigned char*>(in.data() + in.size() - 4);
    const std::size_t announced = tail[0] | (tail[1] << 8) | (tail[2] << 16) | (std::size_t{tail[3]} << 24);
    // deflate expands at most about 1032 times: a trailer announcing more lies, and is not worth
    // allocating for.
    if (announced > max_bytes || announced / 1032 > in.size()) return std::nullopt;
    static thread_local const std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> inflater(
        libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
    if (!inflater) return std::nullopt;
    std::string out(announced, '\0');
    std::size_t read = 0, written = 0;
    const auto result = libdeflate_gzip_decompress_ex(inflater.get(), in.data(), in.size(), out.data(), out.size(), &read, &written);
    if (result != LIBDEFLATE_SUCCESS || read != in.size() || written != announced) return std::nullopt;
    return out;
}

}  // namespace

std::string decode_content(std::string_view encoding, std::string body, std::size_t max_bytes) {
    std::string e(encoding);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    e.erase(std::remove_if(e.begin(), e.end(), [](unsigned char c) { return std::isspace(c); }), e.end());
    if (e.empty() || e == "identity") {
        if (body.size() > max_bytes) fail("the body exceeds the limit of " + std::to_string(max_bytes) + " bytes");
        return body;
    }
    if (body.size() > static_cast<std::size_t>(UINT32_MAX)) fail("the compressed body is too large");
    std::string out, problem;
    if (e == "gzip" || e == "x-gzip") {
        if (auto fast = gunzip_whole(body, max_bytes)) return std::move(*fast);
        if (!inflate_all(body, gzip_window_bits, max_bytes, out, problem)) fail(problem);
        return out;
    }
    if (e == "deflate") {
        // RFC 9110 says zlib-wrapped; some servers send raw deflate: accept both.
        if (inflate_all(body, 15, max_bytes, out, problem) || inflate_all(body, -15, max_bytes, out, problem)) return out;
        fail(problem);
    }
    fail("unsupported Content-Encoding '" + std::string(encoding) + "'");
}


}  // namespace beezup::detail
