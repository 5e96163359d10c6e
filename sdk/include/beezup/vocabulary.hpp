#pragma once
/// @file
/// Server-owned vocabularies (order statuses, change types): open sets of strings with
/// well-known constants. A value the SDK does not know round-trips unchanged.

#include <string>
#include <string_view>

namespace beezup {

/// A string-backed value of a vocabulary owned by BeezUP. `Tag` only makes types distinct.
template <class Tag>
class vocabulary_value {
public:
    vocabulary_value() = default;
    explicit vocabulary_value(std::string value) : value_(std::move(value)) {}
    const std::string& str() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }
    friend bool operator==(const vocabulary_value&, const vocabulary_value&) = default;
    friend auto operator<=>(const vocabulary_value&, const vocabulary_value&) = default;
    friend bool operator==(const vocabulary_value& a, std::string_view b) { return a.value_ == b; }

private:
    std::string value_;
};

struct order_status_tag {};
/// BeezUP's order status (LOV BeezUPOrderState).
using order_status = vocabulary_value<order_status_tag>;

namespace order_statuses {
inline const order_status new_{"New"};
inline const order_status in_progress{"InProgress"};
inline const order_status shipped{"Shipped"};
inline const order_status canceled{"Canceled"};
inline const order_status closed{"Closed"};
inline const order_status aborted{"Aborted"};
/// True for the six statuses above.
bool is_known(const order_status& s);
}  // namespace order_statuses

struct change_type_tag {};
/// A change an order may allow (LOV OrderChangeBusinessOperationType).
using change_type = vocabulary_value<change_type_tag>;

namespace change_types {
inline const change_type accept{"AcceptOrder"};
inline const change_type refuse{"RefuseOrder"};
inline const change_type ship{"ShipOrder"};
inline const change_type cancel{"CancelOrder"};
inline const change_type refund{"RefundOrder"};
}  // namespace change_types

}  // namespace beezup
