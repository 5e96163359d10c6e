#pragma once
// Calls to the sandbox's API modules without HTTP, for the module tests of tests/sandbox.

#include "api_module.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <string>
#include <vector>

namespace beezup::sandbox::testing {

/// "/a/b/c" -> {"a", "b", "c"}.
inline std::vector<std::string> path_segments(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        if (end > start) out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

inline api_call make_call(const std::string& method, const std::string& path, const std::string& body = "",
                          std::map<std::string, std::string> query = {}, std::map<std::string, std::string> headers = {}) {
    api_call c;
    c.method = method;
    c.segments = path_segments(path);
    c.query = std::move(query);
    c.headers = std::move(headers);
    c.body = body;
    return c;
}

/// The module's answer to the call; fails the test when the module does not handle the path.
template <class Module>
api_answer call(Module& module, const std::string& method, const std::string& path, const std::string& body = "",
                std::map<std::string, std::string> query = {}, std::map<std::string, std::string> headers = {}) {
    auto answer = module.handle(make_call(method, path, body, std::move(query), std::move(headers)));
    BOOST_REQUIRE(answer.has_value());
    return *answer;
}

}  // namespace beezup::sandbox::testing
