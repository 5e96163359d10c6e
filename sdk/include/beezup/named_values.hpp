#pragma once
/// @file
/// Values by name, in the order the server sent them: an order's links and the fields the SDK does
/// not model.

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace beezup {

/// A few values by name (an order carries 5 links and a handful of marketplace fields). One vector
/// of pairs, in arrival order: decoding fills it with one allocation, where a std::map makes one
/// per entry (ADR 0009). Names are unique; lookups are linear, the right cost for a handful.
/// A plain value: copies are deep, and it owns its strings.
template <class T>
class named_values {
public:
    using value_type = std::pair<std::string, T>;
    using iterator = typename std::vector<value_type>::iterator;
    using const_iterator = typename std::vector<value_type>::const_iterator;

    named_values() = default;
    named_values(std::initializer_list<value_type> entries) {
        for (const auto& [name, value] : entries) insert_or_assign(name, value);
    }

    iterator begin() noexcept { return entries_.begin(); }
    iterator end() noexcept { return entries_.end(); }
    const_iterator begin() const noexcept { return entries_.begin(); }
    const_iterator end() const noexcept { return entries_.end(); }
    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    void reserve(std::size_t n) { entries_.reserve(n); }
    void clear() noexcept { entries_.clear(); }

    /// The entry named `name`, or end().
    iterator find(std::string_view name) noexcept {
        return std::find_if(begin(), end(), [&](const value_type& e) { return e.first == name; });
    }
    const_iterator find(std::string_view name) const noexcept {
        return std::find_if(begin(), end(), [&](const value_type& e) { return e.first == name; });
    }
    bool contains(std::string_view name) const noexcept { return find(name) != end(); }
    /// 0 or 1, as std::map::count.
    std::size_t count(std::string_view name) const noexcept { return contains(name) ? 1 : 0; }

    /// The value named `name`; throws std::out_of_range when there is none.
    const T& at(std::string_view name) const {
        const auto it = find(name);
        if (it == end()) throw std::out_of_range("no value named '" + std::string(name) + "'");
        return it->second;
    }
    T& at(std::string_view name) { return const_cast<T&>(std::as_const(*this).at(name)); }

    /// The value named `name`, added (value-initialised) at the end when absent.
    T& operator[](std::string_view name) {
        if (const auto it = find(name); it != end()) return it->second;
        return entries_.emplace_back(std::string(name), T{}).second;
    }
    void insert_or_assign(std::string_view name, T value) { (*this)[name] = std::move(value); }
    /// Removes the value named `name`; returns how many were removed (0 or 1).
    std::size_t erase(std::string_view name) {
        const auto it = find(name);
        if (it == end()) return 0;
        entries_.erase(it);
        return 1;
    }

    /// The same names with the same values, in any order.
    friend bool operator==(const named_values& a, const named_values& b) {
        if (a.size() != b.size()) return false;
        return std::all_of(a.begin(), a.end(), [&](const value_type& e) {
            const auto other = b.find(e.first);
            return other != b.end() && other->second == e.second;
        });
    }

private:
    std::vector<value_type> entries_;
};

}  // namespace beezup
