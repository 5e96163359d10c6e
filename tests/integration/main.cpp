#define BOOST_TEST_MODULE beezup_integration
#include <boost/test/unit_test.hpp>
