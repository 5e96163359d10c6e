#include "pipeline/retry_after.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono;
using beezup::detail::parse_http_date;
using beezup::detail::parse_retry_after;

BOOST_AUTO_TEST_SUITE(retry_after)

const system_clock::time_point now = sys_days{year{2026} / 11 / 26} + hours{12};

BOOST_AUTO_TEST_CASE(delay_seconds) {
    BOOST_TEST(parse_retry_after("120", now).value().count() == 120);
    BOOST_TEST(parse_retry_after(" 0 ", now).value().count() == 0);
}

BOOST_AUTO_TEST_CASE(http_date_in_the_future_and_past) {
    BOOST_TEST(parse_retry_after("Thu, 26 Nov 2026 12:00:30 GMT", now).value().count() == 30);
    BOOST_TEST(parse_retry_after("Thu, 26 Nov 2026 11:00:00 GMT", now).value().count() == 0);
    const auto date = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
    BOOST_REQUIRE(date.has_value());
    BOOST_TEST(duration_cast<seconds>(date->time_since_epoch()).count() == 784111777);
}

BOOST_AUTO_TEST_CASE(huge_values_are_clamped) {
    BOOST_TEST(parse_retry_after("9000000000000", now).value().count() == beezup::detail::max_retry_after_seconds);
    BOOST_TEST(!parse_retry_after("Fri, 01 Jan 9999 00:00:00 GMT", now).has_value());
}

BOOST_AUTO_TEST_CASE(garbage_is_ignored) {
    for (const char* bad : {"", "soon", "-5", "1.5", "12abc", "99999999999999999999999",
                            "Thu, 32 Nov 2026 12:00:30 GMT", "Thu, 26 Foo 2026 12:00:30 GMT",
                            "Thu, 26 Nov 2026 12:00:30 UTC", "Thursday, 26-Nov-26 12:00:30 GMT"}) {
        BOOST_TEST(!parse_retry_after(bad, now).has_value(), "accepted '" << bad << "'");
    }
}

BOOST_AUTO_TEST_SUITE_END()
