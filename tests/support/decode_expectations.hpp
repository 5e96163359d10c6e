#pragma once
// The check the decoder tests share: a decode that must fail with decode_error at a JSON path.

#include <beezup/error.hpp>

#include <boost/test/unit_test.hpp>

#include <functional>
#include <string>

namespace beezup::testing {

/// `decode` throws decode_error at `path`, with `fragment` in its message.
inline void expect_decode_error(const std::function<void()>& decode, const std::string& path, const std::string& fragment) {
    try {
        decode();
        BOOST_ERROR("no decode_error; expected one at " << path);
    } catch (const beezup::decode_error& e) {
        BOOST_TEST(e.path() == path, "message: " << e.what());
        BOOST_TEST(std::string(e.what()).find(fragment) != std::string::npos,
                   "'" << e.what() << "' does not contain '" << fragment << "'");
    }
}

}  // namespace beezup::testing
