#pragma once
// Reading BeezUP JSON into models. The spec's examples often carry numbers and booleans as strings
// ("1", "true"); the readers accept both forms. Every failure becomes one decode_error that names
// the JSON path of the fault.

#include <beezup/decimal.hpp>
#include <beezup/error.hpp>

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace beezup::detail::json {

/// Parses a whole body; throws decode_error("$") for malformed JSON.
boost::json::value parse(std::string_view body);

/// A position in a document: the value and its path ("$.items[3].codeIdentifier").
class node {
public:
    node(const boost::json::value& value, std::string path) : value_(&value), path_(std::move(path)) {}

    const boost::json::value& value() const noexcept { return *value_; }
    const std::string& path() const noexcept { return path_; }

    const boost::json::object& object() const;
    const boost::json::array& array() const;
    /// The member, or nullopt when absent or null.
    std::optional<node> member(std::string_view key) const;
    /// The member; throws decode_error when absent or null.
    node required(std::string_view key) const;
    node at(std::size_t index) const;

    std::string string() const;
    std::int32_t int32() const;
    std::int64_t int64() const;
    bool boolean() const;
    /// A number (or a numeric string) as an exact decimal: a JSON double is read back from its
    /// shortest round-trip text ("5.5", never 5.4999...).
    decimal number() const;

    std::optional<std::string> optional_string(std::string_view key) const;
    std::optional<std::int32_t> optional_int32(std::string_view key) const;

    [[noreturn]] void fail(const std::string& message) const;

private:
    const boost::json::value* value_;
    std::string path_;
};

}  // namespace beezup::detail::json
