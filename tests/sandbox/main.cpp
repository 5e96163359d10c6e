#define BOOST_TEST_MODULE beezup_sandbox
#include <boost/test/unit_test.hpp>
