#include "json_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace beezup::detail::json {
namespace {

const char* kind_name(const boost::json::value& v) {
    switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
    }
    return "a value";
}

}  // namespace

boost::json::value parse(std::string_view body) {
    boost::json::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec) throw decode_error("$", "malformed JSON (" + ec.message() + ")");
    return value;
}

void node::fail(const std::string& message) const { throw decode_error(path_, message); }

const boost::json::object& node::object() const {
    if (!value_->is_object()) fail(std::string("expected an object, found ") + kind_name(*value_));
    return value_->get_object();
}

const boost::json::array& node::array() const {
    if (!value_->is_array()) fail(std::string("expected an array, found ") + kind_name(*value_));
    return value_->get_array();
}

std::optional<node> node::member(std::string_view key) const {
    const auto* v = object().if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    return node(*v, path_ + "." + std::string(key));
}

node node::required(std::string_view key) const {
    auto m = member(key);
    if (!m) fail("missing required member '" + std::string(key) + "'");
    return *m;
}

node node::at(std::size_t index) const { return node(array().at(index), path_ + "[" + std::to_string(index) + "]"); }

std::string node::string() const {
    if (!value_->is_string()) fail(std::string("expected a string, found ") + kind_name(*value_));
    return std::string(value_->get_string());
}

std::int64_t node::int64() const {
    if (value_->is_int64()) return value_->get_int64();
    if (value_->is_uint64() && value_->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return static_cast<std::int64_t>(value_->get_uint64());
    if (value_->is_double()) {
        const double d = value_->get_double();
        // Range first: converting an out-of-range double to an integer is undefined.
        if (std::isfinite(d) && d >= -9.2e18 && d <= 9.2e18 && d == std::trunc(d)) return static_cast<std::int64_t>(d);
        fail("expected an integer, found " + std::to_string(d));
    }
    if (value_->is_string()) {
        const auto& s = value_->get_string();
        std::int64_t out = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
        fail("expected an integer, found the string \"" + std::string(s) + "\"");
    }
    fail(std::string("expected an integer, found ") + kind_name(*value_));
}

decimal node::number() const {
    std::string text;
    if (value_->is_int64() || value_->is_uint64()) {
        text = boost::json::serialize(*value_);
    } else if (value_->is_double()) {
        char buffer[32];
        const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value_->get_double());
        if (ec != std::errc()) fail("expected a decimal number");
        text.assign(buffer, end);
    } else if (value_->is_string()) {
        text = value_->get_string();
    } else {
        fail(std::string("expected a number, found ") + kind_name(*value_));
    }
    const auto parsed = decimal::parse(text);
    if (!parsed) fail("expected a decimal number of at most 18 digits, found " + text.substr(0, 40));
    return *parsed;
}

std::int32_t node::int32() const {
    const auto v = int64();
    if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max())
        fail("integer " + std::to_string(v) + " does not fit in 32 bits");
    return static_cast<std::int32_t>(v);
}

bool node::boolean() const {
    if (value_->is_bool()) return value_->get_bool();
    if (value_->is_string()) {
        const auto& s = value_->get_string();
        if (s == "true" || s == "True") return true;
        if (s == "false" || s == "False") return false;
    }
    fail(std::string("expected a boolean, found ") + kind_name(*value_));
}

std::optional<std::string> node::optional_string(std::string_view key) const {
    auto m = member(key);
    if (!m) return std::nullopt;
    return m->string();
}

std::optional<std::int32_t> node::optional_int32(std::string_view key) const {
    auto m = member(key);
    if (!m) return std::nullopt;
    return m->int32();
}

}  // namespace beezup::detail::json
