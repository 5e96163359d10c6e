#include <beezup/decimal.hpp>

#include <beezup/error.hpp>

#if !defined(__SIZEOF_INT128__) || defined(BEEZUP_PORTABLE_INT128)
#include <boost/multiprecision/cpp_int.hpp>
#endif

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>

namespace beezup {
namespace {

// 128-bit integers make comparisons and rounding exact without overflow checks: 10^18 * 2^63 < 2^127.
// The compiler's where it has them (GCC, Clang), Boost.Multiprecision's elsewhere (MSVC);
// BEEZUP_PORTABLE_INT128 forces the latter, for the test that keeps it working.
#if defined(__SIZEOF_INT128__) && !defined(BEEZUP_PORTABLE_INT128)
__extension__ typedef __int128 wide;
#else
using wide = boost::multiprecision::int128_t;
#endif

constexpr int max_digits = 18;
constexpr std::int64_t max_units = 999'999'999'999'999'999;  // 18 significant digits

constexpr std::int64_t pow10_table[19] = {1,
                                          10,
                                          100,
                                          1'000,
                                          10'000,
                                          100'000,
                                          1'000'000,
                                          10'000'000,
                                          100'000'000,
                                          1'000'000'000,
                                          10'000'000'000,
                                          100'000'000'000,
                                          1'000'000'000'000,
                                          10'000'000'000'000,
                                          100'000'000'000'000,
                                          1'000'000'000'000'000,
                                          10'000'000'000'000'000,
                                          100'000'000'000'000'000,
                                          1'000'000'000'000'000'000};

// 10^n for 0 <= n <= 38 (clamped: scales outside 0..18 are a caller's bug, never UB here).
wide pow10_wide(int n) {
    n = std::clamp(n, 0, 38);
    if (n <= max_digits) return pow10_table[n];
    wide p = pow10_table[max_digits];
    for (int i = max_digits; i < n; ++i) p *= 10;
    return p;
}

int digit_count(std::uint64_t v) {
    int n = 1;
    while (v >= 10) {
        v /= 10;
        ++n;
    }
    return n;
}

[[noreturn]] void overflow(const char* what) {
    throw error(std::string("decimal overflow in ") + what + " (more than 18 significant digits)");
}

// Results keep within 18 significant digits, so that every value round-trips through text.
std::int64_t checked(wide v, const char* what) {
    if (v > max_units || v < -max_units) overflow(what);
    return static_cast<std::int64_t>(v);
}

// units * 10^by, or overflow.
std::int64_t scale_up(std::int64_t units, int by, const char* what) {
    if (by == 0 || units == 0) return units;
    if (by < 0 || by > max_digits) overflow(what);
    return checked(wide(units) * pow10_table[by], what);
}

wide aligned(const decimal& d, int scale) { return wide(d.units()) * pow10_wide(scale - d.scale()); }

}  // namespace

std::optional<decimal> decimal::parse(std::string_view text) {
    const char* p = text.data();
    const char* const end = p + text.size();
    bool negative = false;
    if (p != end && (*p == '-' || *p == '+')) negative = *p++ == '-';

    // Mantissa: at most 18 significant digits are kept; further digits must be zeros (counted in
    // `dropped`), otherwise the value is not representable.
    std::int64_t units = 0;
    int significant = 0, fraction_digits = 0, dropped = 0;
    bool any_digit = false, in_fraction = false;
    for (; p != end; ++p) {
        const char c = *p;
        if (c >= '0' && c <= '9') {
            any_digit = true;
            if (in_fraction) ++fraction_digits;
            if (significant == 0 && c == '0') continue;  // leading zero
            if (significant < max_digits) {
                units = units * 10 + (c - '0');
                ++significant;
            } else if (c == '0') {
                ++dropped;
            } else {
                return std::nullopt;
            }
        } else if (c == '.' && !in_fraction) {
            in_fraction = true;
        } else {
            break;
        }
    }
    if (!any_digit) return std::nullopt;

    long exponent = 0;
    if (p != end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool exp_negative = false;
        if (p != end && (*p == '-' || *p == '+')) exp_negative = *p++ == '-';
        if (p == end) return std::nullopt;
        for (; p != end && *p >= '0' && *p <= '9'; ++p)
            if (exponent < 100'000) exponent = exponent * 10 + (*p - '0');  // beyond that: out of range anyway
        if (exp_negative) exponent = -exponent;
    }
    if (p != end) return std::nullopt;

    // value = units * 10^e
    long e = exponent + dropped - fraction_digits;
    int scale = 0;
    if (units == 0) {
        scale = e < 0 ? static_cast<int>(std::min<long>(-e, max_digits)) : 0;  // "0.00" keeps its scale
    } else if (e >= 0) {
        if (digit_count(static_cast<std::uint64_t>(units)) + e > max_digits) return std::nullopt;
        units *= pow10_table[e];
    } else {
        // Too many decimals: only trailing zeros may go ("1.0000000000000000000" is 1).
        while (-e > max_digits && units % 10 == 0) {
            units /= 10;
            ++e;
        }
        if (-e > max_digits) return std::nullopt;
        scale = static_cast<int>(-e);
    }
    return decimal(negative ? -units : units, scale);
}

std::string decimal::to_string() const {
    // Through uint64: -INT64_MIN does not fit in int64.
    const std::uint64_t magnitude =
        units_ < 0 ? ~static_cast<std::uint64_t>(units_) + 1 : static_cast<std::uint64_t>(units_);
    char digits[24];
    const auto [last, ec] = std::to_chars(digits, digits + sizeof digits, magnitude);
    std::string s(digits, last);
    if (scale_ > 0) {
        const auto scale = static_cast<std::size_t>(scale_);
        if (s.size() <= scale) s.insert(0, scale + 1 - s.size(), '0');
        s.insert(s.size() - scale, 1, '.');
    } else if (scale_ < 0 && magnitude != 0) {
        s.append(static_cast<std::size_t>(-scale_), '0');
    }
    if (units_ < 0) s.insert(0, 1, '-');
    return s;
}

std::int64_t decimal::rounded(int scale) const {
    if (scale < -max_digits || scale > max_digits)
        throw error("decimal::rounded: scale " + std::to_string(scale) + " is outside -18..18");
    const int diff = scale - scale_;
    if (diff >= 0) return scale_up(units_, diff, "rounded");
    const wide divisor = pow10_wide(-diff);
    const wide u = units_;
    wide q = u / divisor;
    const wide r = u % divisor;  // same sign as u
    if ((r < 0 ? -r : r) * 2 >= divisor) q += u < 0 ? -1 : 1;  // half away from zero
    return static_cast<std::int64_t>(q);  // |q| <= |u|: fits
}

double decimal::to_double() const noexcept {
    constexpr std::int64_t exact = std::int64_t(1) << 53;
    if (units_ >= -exact && units_ <= exact && scale_ >= 0 && scale_ <= max_digits)
        return static_cast<double>(units_) / static_cast<double>(pow10_table[scale_]);  // one rounding
    double d = 0;
    const auto s = to_string();
    std::from_chars(s.data(), s.data() + s.size(), d);
    return d;
}

decimal operator+(const decimal& a, const decimal& b) {
    const int scale = std::max(a.scale_, b.scale_);
    const auto x = scale_up(a.units_, scale - a.scale_, "addition");
    const auto y = scale_up(b.units_, scale - b.scale_, "addition");
    return decimal(checked(wide(x) + y, "addition"), scale);
}

decimal operator-(const decimal& a, const decimal& b) {
    const int scale = std::max(a.scale_, b.scale_);
    const auto x = scale_up(a.units_, scale - a.scale_, "subtraction");
    const auto y = scale_up(b.units_, scale - b.scale_, "subtraction");
    return decimal(checked(wide(x) - y, "subtraction"), scale);
}

decimal operator*(const decimal& a, std::int64_t n) {
    return decimal(checked(wide(a.units_) * n, "multiplication"), a.scale_);
}

bool operator==(const decimal& a, const decimal& b) noexcept {
    if (a.scale_ == b.scale_) return a.units_ == b.units_;
    const int scale = std::max(a.scale_, b.scale_);
    return aligned(a, scale) == aligned(b, scale);
}

std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
    if (a.scale_ == b.scale_) return a.units_ <=> b.units_;
    const int scale = std::max(a.scale_, b.scale_);
    const wide x = aligned(a, scale), y = aligned(b, scale);
    return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
}

}  // namespace beezup
