#pragma once
/// @file
/// An exact decimal number for money and quantities: never a binary floating point.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace beezup {

/// A decimal number `units * 10^-scale`, exact. Values BeezUP sends ("12.5", "12.50", "1e2",
/// "-0.07") keep their value; arithmetic is exact within 18 significant digits.
/// Equality compares values: 12.5 == 12.50.
class decimal {
public:
    constexpr decimal() = default;
    /// `units` of 10^-scale, e.g. decimal(1250, 2) is 12.50. `scale` is 0..18.
    constexpr decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}

    /// Parses JSON number text or a plain decimal string; nullopt when it is not one, or does
    /// not fit 18 significant digits.
    static std::optional<decimal> parse(std::string_view text);

    std::int64_t units() const noexcept { return units_; }
    int scale() const noexcept { return scale_; }

    /// Plain decimal text with the value's own scale: "12.50", "-0.07", "3".
    std::string to_string() const;
    /// The value in units of 10^-scale, rounded half away from zero (e.g. cents with scale 2).
    std::int64_t rounded(int scale) const;
    /// For display only: the nearest double.
    double to_double() const noexcept;

    friend decimal operator+(const decimal& a, const decimal& b);
    friend decimal operator-(const decimal& a, const decimal& b);
    friend decimal operator*(const decimal& a, std::int64_t n);
    friend bool operator==(const decimal& a, const decimal& b) noexcept;
    friend std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept;

private:
    std::int64_t units_ = 0;
    int scale_ = 0;
};

}  // namespace beezup
