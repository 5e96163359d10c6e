// Exact decimals: parsing, arithmetic, rounding, ordering. Also built with the portable 128-bit
// integers (Boost.Multiprecision) instead of the compiler's, as unit_decimal_portable.

#include <beezup/decimal.hpp>
#include <beezup/error.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <vector>

using beezup::decimal;

namespace {

decimal dec(const char* text) {
    const auto d = decimal::parse(text);
    BOOST_REQUIRE_MESSAGE(d, "not a decimal: " << text);
    return *d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_numbers)

BOOST_AUTO_TEST_CASE(parses_json_numbers_and_plain_strings) {
    struct case_ {
        const char* text;
        std::int64_t units;
        int scale;
    };
    const case_ cases[] = {
        {"12.5", 125, 1},        {"12.50", 1250, 2},    {"1e2", 100, 0},       {"1E+2", 100, 0},
        {"-0.07", -7, 2},        {"1.5e-3", 15, 4},     {"1.50e1", 150, 1},    {"0", 0, 0},
        {"-0", 0, 0},            {"0.000", 0, 3},       {"+3", 3, 0},          {"007", 7, 0},
        {"123456789012345678", 123456789012345678, 0},  {"-0.123456789012345678", -123456789012345678, 18},
        {"1.00000000000000000000000", 100000000000000000, 17},  // trailing zeros beyond 18 digits drop
        {"0e999999999999", 0, 0},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.text) {
            const auto d = decimal::parse(c.text);
            BOOST_REQUIRE(d.has_value());
            BOOST_TEST(d->units() == c.units);
            BOOST_TEST(d->scale() == c.scale);
        }
    }
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_an_exact_decimal_of_18_digits) {
    for (const char* text : {"", "-", "+", ".", "abc", "1.2.3", "1e", "1e+", "1e-x", " 1", "1 ", "0x10", "NaN", "inf",
                             "1,5", "1234567890123456789", "1e18", "0.0000000000000000001", "1e-19", "1e999999999999"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(!decimal::parse(text).has_value()); }
    }
}

BOOST_AUTO_TEST_CASE(prints_its_own_scale) {
    BOOST_TEST(dec("12.50").to_string() == "12.50");
    BOOST_TEST(dec("-0.07").to_string() == "-0.07");
    BOOST_TEST(dec("3").to_string() == "3");
    BOOST_TEST(dec("1e2").to_string() == "100");
    BOOST_TEST(decimal(5, 3).to_string() == "0.005");
    BOOST_TEST(decimal(-5, 1).to_string() == "-0.5");
    BOOST_TEST(decimal(0, 2).to_string() == "0.00");
    BOOST_TEST(decimal(std::numeric_limits<std::int64_t>::min(), 0).to_string() == "-9223372036854775808");
    BOOST_TEST(dec("-0.123456789012345678").to_string() == "-0.123456789012345678");
    BOOST_TEST(dec("12.5").to_double() == 12.5);
}

BOOST_AUTO_TEST_CASE(adds_exactly_with_aligned_scales) {
    BOOST_TEST((dec("0.1") + dec("0.2") == dec("0.3")));
    BOOST_TEST((dec("0.1") + dec("0.2")).to_string() == "0.3");
    BOOST_TEST((dec("1.5") + dec("0.25")).to_string() == "1.75");
    BOOST_TEST((dec("1.5") - dec("0.25")).to_string() == "1.25");
    BOOST_TEST((dec("0.25") - dec("1.5")).to_string() == "-1.25");
    BOOST_TEST((dec("1.10") * 3).to_string() == "3.30");
    BOOST_TEST((dec("-1.10") * -3 == dec("3.3")));
    decimal total;
    for (int i = 0; i < 10; ++i) total = total + dec("0.1");
    BOOST_TEST((total == dec("1")));
}

BOOST_AUTO_TEST_CASE(overflow_throws) {
    const decimal big(999'999'999'999'999'999, 0);
    BOOST_CHECK_THROW(big + decimal(1, 0), beezup::error);
    BOOST_CHECK_THROW(decimal(-999'999'999'999'999'999, 0) - decimal(1, 0), beezup::error);
    BOOST_CHECK_THROW(decimal(1, 0) + decimal(1, 18), beezup::error);  // 1 needs 19 digits at scale 18
    BOOST_CHECK_THROW(decimal(100'000'000'000'000'000, 0) * 10, beezup::error);
    BOOST_CHECK_THROW(decimal(2, 0) * std::numeric_limits<std::int64_t>::max(), beezup::error);
    BOOST_CHECK_THROW(big.rounded(1), beezup::error);
    BOOST_CHECK_NO_THROW(big - decimal(1, 0));
    BOOST_TEST((decimal(99'999'999'999'999'999, 0) * 10).units() == 999'999'999'999'999'990);
}

BOOST_AUTO_TEST_CASE(rounds_half_away_from_zero) {
    BOOST_TEST(dec("12.345").rounded(2) == 1235);
    BOOST_TEST(dec("-12.345").rounded(2) == -1235);
    BOOST_TEST(dec("12.344").rounded(2) == 1234);
    BOOST_TEST(dec("-12.3449").rounded(2) == -1234);
    BOOST_TEST(dec("2.5").rounded(0) == 3);
    BOOST_TEST(dec("-2.5").rounded(0) == -3);
    BOOST_TEST(dec("0.4999").rounded(0) == 0);
    BOOST_TEST(dec("12.5").rounded(2) == 1250);
    BOOST_TEST(dec("7").rounded(2) == 700);
    BOOST_TEST(dec("0.123456789012345678").rounded(17) == 12345678901234568);
}

BOOST_AUTO_TEST_CASE(compares_values_not_representations) {
    BOOST_TEST((dec("12.5") == dec("12.50")));
    BOOST_TEST((dec("12.5") != dec("12.51")));
    BOOST_TEST((dec("12.5") < dec("12.51")));
    BOOST_TEST((dec("-1") < dec("0.5")));
    BOOST_TEST((dec("0") == dec("-0.000")));
    BOOST_TEST((decimal(1, 0) > decimal(999'999'999'999'999'999, 18)));
    BOOST_TEST((decimal(999'999'999'999'999'999, 0) > decimal(1, 18)));
    std::vector<decimal> v{dec("3"), dec("-0.5"), dec("2.75"), dec("2.7")};
    std::sort(v.begin(), v.end());
    BOOST_TEST(v[0].to_string() == "-0.5");
    BOOST_TEST(v[1].to_string() == "2.7");
    BOOST_TEST(v[3].to_string() == "3");
}

BOOST_AUTO_TEST_SUITE_END()

