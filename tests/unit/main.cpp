#define BOOST_TEST_MODULE beezup_unit
#include <boost/test/unit_test.hpp>
