#pragma once
/// @file
/// What to list (filters of orderListRequest) and one page of the answer.

#include <beezup/order.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace beezup {

/// Which date the period applies to.
enum class date_search_type { modification, purchase, marketplace_modification };

/// The filters of an order list. Any period is accepted: the SDK slices it into the API's
/// 30-day windows. Empty vectors mean "no filter".
struct order_filter {
    utc_time begin{}, end{};  ///< the period; `end` defaults to now when left at its epoch value
    date_search_type date_type = date_search_type::modification;
    std::vector<std::string> marketplace_technical_codes, marketplace_business_codes, store_ids;
    std::vector<std::int32_t> account_ids;
    std::vector<order_status> statuses;
    std::vector<std::string> marketplace_order_ids, merchant_order_ids;
    std::optional<std::string> buyer_name;
    std::optional<std::string> merchant_info_sync;    ///< "All", "Synchronized", "NotSynchronized"
    std::optional<std::string> invoice_availability;  ///< "All", "Generated", "NotGenerated"
};

struct pagination {
    std::int64_t entry_count = 0, page_count = 0, total_entry_count = 0;
};

/// One page of list/full (T = order) or list/light (T = order_header).
template <class T>
struct order_page {
    pagination paging;
    std::vector<T> orders;
};

}  // namespace beezup
