#include "rfc3339.hpp"

namespace beezup::common {

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
    const auto days = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{days};
    const std::chrono::hh_mm_ss hms{std::chrono::floor<std::chrono::seconds>(t - days)};
    // Written by hand: snprintf dominated the cost of writing orders.
    std::string out = "0000-00-00T00:00:00Z";
    auto put = [&](std::size_t pos, unsigned value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10) out[pos + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    put(5, static_cast<unsigned>(ymd.month()), 2);
    put(8, static_cast<unsigned>(ymd.day()), 2);
    put(11, static_cast<unsigned>(hms.hours().count()), 2);
    put(14, static_cast<unsigned>(hms.minutes().count()), 2);
    put(17, static_cast<unsigned>(hms.seconds().count()), 2);
    return out;
}

}  // namespace beezup::common
