// The public order API over orders_impl, and the lazy range over pages and 30-day windows.

#include "orders_impl.hpp"

#include <beezup/orders.hpp>

#include <algorithm>
#include <functional>
#include <unordered_set>

namespace beezup {
namespace detail {

/// The state of a walk over every order of a filter.
class order_range_state {
public:
    order_range_state(orders_impl& impl, order_filter filter) : impl_(impl), filter_(std::move(filter)) {
        // BeezUP refuses an end in the future; a little margin covers clocks that differ.
        const utc_time latest = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::seconds(2);
        end_ = filter_.end == utc_time{} ? latest : std::min(filter_.end, latest);
        window_begin_ = std::chrono::floor<std::chrono::seconds>(filter_.begin);
        done_ = window_begin_ >= end_;
        if (!done_) load();
    }

    const order& current() const { return buffer_[position_]; }
    bool done() const { return done_; }
    std::size_t calls() const { return calls_; }

    void advance() {
        ++position_;
        skip_seen();
        while (!done_ && position_ >= buffer_.size()) next_page();
    }

private:
    static constexpr auto window = std::chrono::days(30);

    utc_time window_end() const { return std::min<utc_time>(window_begin_ + window, end_); }

    void load() {
        fetch();
        skip_seen();
        while (!done_ && position_ >= buffer_.size()) next_page();
    }

    void fetch() {
        auto page = impl_.list_full(filter_, window_begin_, window_end(), page_number_, 100, {});
        ++calls_;
        if (page_number_ == 1) {
            window_total_ = page.paging.total_entry_count;
        } else if (page.paging.total_entry_count != window_total_) {
            // Orders left (or entered) the window while we paged: page boundaries moved, and an
            // order may have slid onto a page already read. Read the window again from its first
            // page; what was handed over already is skipped.
            std::sort(window_yielded_.begin(), window_yielded_.end());
            sorted_yielded_ = window_yielded_.size();
            page_number_ = 1;
            page = impl_.list_full(filter_, window_begin_, window_end(), page_number_, 100, {});
            ++calls_;
            window_total_ = page.paging.total_entry_count;
        }
        page_count_ = page.paging.page_count;
        buffer_ = std::move(page.orders);
        position_ = 0;
        previous_page_ = std::move(current_page_);
        current_page_.clear();
    }

    void next_page() {
        if (page_number_ < page_count_) {
            ++page_number_;
        } else {
            if (window_end() >= end_) {
                done_ = true;
                buffer_.clear();
                return;
            }
            // Windows share their boundary second; what was seen there is remembered.
            window_begin_ = window_end();
            page_number_ = 1;
            window_yielded_.clear();
            sorted_yielded_ = 0;
        }
        fetch();
        skip_seen();
    }

    // The same version of an order met twice comes from the second two windows share or from
    // a window read again (see fetch): remembering two pages of versions, and hashes of what the
    // window handed over, is enough.
    void skip_seen() {
        while (position_ < buffer_.size()) {
            const auto& o = buffer_[position_];
            auto version = o.key.beezup_order_id + "\n" + o.etag;
            const auto hash = std::hash<std::string>{}(version);
            const bool yielded_before_restart =
                std::binary_search(window_yielded_.begin(), window_yielded_.begin() + static_cast<std::ptrdiff_t>(sorted_yielded_), hash);
            if (!yielded_before_restart && !previous_page_.count(version) && current_page_.insert(std::move(version)).second) {
                window_yielded_.push_back(hash);
                return;
            }
            ++position_;
        }
    }

    orders_impl& impl_;
    order_filter filter_;
    utc_time end_{}, window_begin_{};
    int page_number_ = 1;
    std::int64_t page_count_ = 0;
    std::vector<order> buffer_;
    std::size_t position_ = 0;
    std::unordered_set<std::string> previous_page_, current_page_;  // versions: id + "\n" + etag
    // Hashes of the versions handed over in this window (8 bytes each), for a window read again.
    std::vector<std::size_t> window_yielded_;
    std::size_t sorted_yielded_ = 0;
    std::int64_t window_total_ = 0;
    std::size_t calls_ = 0;
    bool done_ = false;
};

}  // namespace detail

const order& order_range::iterator::operator*() const { return state_->current(); }
order_range::iterator& order_range::iterator::operator++() {
    state_->advance();
    return *this;
}
bool order_range::iterator::done() const { return state_->done(); }

order_range::order_range(std::unique_ptr<detail::order_range_state> state) : state_(std::move(state)) {}
order_range::order_range(order_range&&) noexcept = default;
order_range& order_range::operator=(order_range&&) noexcept = default;
order_range::~order_range() = default;
order_range::iterator order_range::begin() { return iterator(state_.get()); }
std::size_t order_range::calls() const { return state_->calls(); }

order change_handle::wait(const call_context& context) { return impl_->wait(key_, execution_id_, context); }

namespace {

utc_time end_of(const order_filter& f) {
    return f.end == utc_time{} ? std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::seconds(2)
                               : f.end;
}

void check_window(const order_filter& f) {
    if (end_of(f) - f.begin > std::chrono::days(30))
        throw invalid_request("a page covers at most 30 days; use orders_api::all() for longer periods");
}

}  // namespace

order_page<order> orders_api::list_page(const order_filter& filter, int page_number, int page_size, const call_context& c) {
    check_window(filter);
    return impl_.list_full(filter, filter.begin, end_of(filter), page_number, page_size, c);
}

order_page<order_header> orders_api::list_headers_page(const order_filter& filter, int page_number, int page_size,
                                                       const call_context& c) {
    check_window(filter);
    return impl_.list_light(filter, filter.begin, end_of(filter), page_number, page_size, c);
}

order_range orders_api::all(const order_filter& filter) {
    return order_range(std::make_unique<detail::order_range_state>(impl_, filter));
}

order orders_api::get(const order_key& key, const call_context& c) { return impl_.get(key, c); }
std::string orders_api::etag(const order_key& key, const call_context& c) { return impl_.etag(key, c); }

change_handle orders_api::change(const order_key& key, const change_request& request, const call_context& c) {
    return impl_.change(key, request, c);
}

change_handle orders_api::accept(const order_key& key, const call_context& c) {
    return change(key, {change_types::accept, {}, false}, c);
}

change_handle orders_api::ship(const order_key& key, const shipment& s, const call_context& c) {
    change_request r{change_types::ship, {}, s.test_mode};
    r.fields["order_Shipping_CarrierName"] = s.carrier;
    r.fields["order_Shipping_Method"] = s.shipping_method;
    r.fields["order_Shipping_ShipperTrackingNumber"] = s.tracking_number;
    r.fields["order_Shipping_FulfillmentDate"] = detail::format_utc(s.fulfillment_date.value_or(std::chrono::system_clock::now()));
    if (s.tracking_url) r.fields["order_Shipping_ShippingUrl"] = *s.tracking_url;
    if (s.estimated_delivery_date) r.fields["order_Shipping_EstimatedDeliveryDate"] = detail::format_utc(*s.estimated_delivery_date);
    // Empty values are dropped, so that validation names what is missing.
    std::erase_if(r.fields, [](const auto& f) { return f.second.empty(); });
    return change(key, r, c);
}

change_handle orders_api::cancel(const order_key& key, const std::string& reason, const call_context& c) {
    return change(key, {change_types::cancel, {{"order_Cancel_Reason", reason}}, false}, c);
}

change_handle orders_api::refund(const order_key& key, const std::string& reason, const call_context& c) {
    return change(key, {change_types::refund, {{"order_Refund_Reason", reason}}, false}, c);
}

change_report orders_api::change_status(const order_key& key, const std::string& id, const call_context& c) {
    return impl_.change_status(key, id, c);
}

list_of_values orders_api::values(const change_parameter& p, const std::string& language, const call_context& c) {
    return impl_.values(p, language, c);
}

std::vector<change_report> orders_api::history(const order_key& key, const call_context& c) { return impl_.history(key, c); }

}  // namespace beezup
