// The public order API over orders_impl, and the lazy range over pages and 30-day windows.

#include "orders_impl.hpp"

#include "../json/utc_time.hpp"

#include <beezup/orders.hpp>

#include <algorithm>
#include <functional>
#include <unordered_set>

namespace beezup {
namespace detail {

utc_time period_end(const order_filter& filter) {
    const utc_time latest = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::seconds(2);
    return filter.end == utc_time{} ? latest : std::min<utc_time>(std::chrono::ceil<std::chrono::seconds>(filter.end), latest);
}

std::vector<period_window> split_period(utc_time begin, utc_time end) {
    using std::chrono::seconds;
    std::vector<period_window> windows;
    // Whole seconds from both ends: BeezUP reads bounds to the second, and two bounds printed as
    // the same second make an invalid period.
    utc_time from = std::chrono::floor<seconds>(begin);
    const utc_time to = std::chrono::ceil<seconds>(end);
    while (from < to) {
        const auto until = std::min<utc_time>(from + max_list_period, to);
        windows.push_back({from, until});
        from = until;
    }
    return windows;
}

/// The state of a walk over every order of a filter.
class order_range_state {
public:
    order_range_state(std::shared_ptr<orders_impl> impl, order_filter filter, call_context context)
        : impl_(std::move(impl)), filter_(std::move(filter)), context_(std::move(context)) {}

    order& current() { return buffer_[position_]; }
    bool done() const { return done_; }
    std::size_t calls() const { return calls_; }
    utc_time completed_until() const {
        if (!started_ || windows_.empty()) return std::chrono::floor<std::chrono::seconds>(filter_.begin);
        return done_ ? windows_.back().end : windows_[window_].begin;
    }

    /// Sends the first request, once.
    void start() {
        if (started_) return;
        started_ = true;
        windows_ = split_period(filter_.begin, period_end(filter_));
        done_ = windows_.empty();
        if (done_) return;
        fetch();
        skip_seen();
        while (!done_ && position_ >= buffer_.size()) next_page();
    }

    void advance() {
        ++position_;
        skip_seen();
        while (!done_ && position_ >= buffer_.size()) next_page();
    }

private:
    order_page<order> list_page() {
        // The caller's deadline bounds the whole walk; without one, each page has its own
        // operation_timeout (the time spent between pages is the caller's, not ours).
        const auto c = impl_->http().bound(context_);
        ++calls_;
        return impl_->list_full(filter_, windows_[window_].begin, windows_[window_].end, page_number_, 100, c);
    }

    void fetch() {
        auto page = list_page();
        if (page_number_ == 1) {
            window_total_ = page.paging.total_entry_count;
        } else if (page.paging.total_entry_count != window_total_) {
            // Orders left (or entered) the window while we paged: page boundaries moved, and an
            // order may have slid onto a page already read. Read the window again from its first
            // page; what was handed over already is skipped.
            std::sort(window_yielded_.begin(), window_yielded_.end());
            sorted_yielded_ = window_yielded_.size();
            page_number_ = 1;
            page = list_page();
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
            if (window_ + 1 >= windows_.size()) {
                done_ = true;
                buffer_.clear();
                return;
            }
            // Windows share their boundary second; what was seen there is remembered.
            ++window_;
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

    std::shared_ptr<orders_impl> impl_;
    order_filter filter_;
    call_context context_;
    std::vector<period_window> windows_;
    std::size_t window_ = 0;
    bool started_ = false;
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

order& order_range::iterator::operator*() const { return state_->current(); }
order_range::iterator& order_range::iterator::operator++() {
    state_->advance();
    return *this;
}
bool order_range::iterator::done() const { return state_->done(); }

order_range::order_range(std::unique_ptr<detail::order_range_state> state) : state_(std::move(state)) {}
order_range::order_range(order_range&&) noexcept = default;
order_range& order_range::operator=(order_range&&) noexcept = default;
order_range::~order_range() = default;
order_range::iterator order_range::begin() {
    state_->start();
    return iterator(state_.get());
}
std::size_t order_range::calls() const { return state_->calls(); }
utc_time order_range::completed_until() const { return state_->completed_until(); }

order change_handle::wait(const call_context& context) { return impl_->wait(key_, execution_id_, context); }

namespace {

void check_window(const order_filter& f) {
    if (f.begin == utc_time{}) throw invalid_request("order_filter::begin is required: the period's start");
    if (detail::period_end(f) - f.begin > detail::max_list_period)
        throw invalid_request("a page covers at most 30 days; use orders_api::all() for longer periods");
}

}  // namespace

order_page<order> orders_api::list_page(const order_filter& filter, int page_number, int page_size, const call_context& c) {
    check_window(filter);
    return impl_->list_full(filter, filter.begin, detail::period_end(filter), page_number, page_size, c);
}

order_page<order_header> orders_api::list_headers_page(const order_filter& filter, int page_number, int page_size,
                                                       const call_context& c) {
    check_window(filter);
    return impl_->list_light(filter, filter.begin, detail::period_end(filter), page_number, page_size, c);
}

namespace {

void check_period(const order_filter& filter) {
    if (filter.begin == utc_time{}) throw invalid_request("order_filter::begin is required: the period's start");
    if (filter.end != utc_time{} && filter.end < filter.begin)
        throw invalid_request("order_filter::end is before order_filter::begin");
}

}  // namespace

order_range orders_api::all(const order_filter& filter, const call_context& context) {
    check_period(filter);
    return order_range(std::make_unique<detail::order_range_state>(impl_, filter, context));
}

std::int64_t orders_api::count(const order_filter& filter, const call_context& context) {
    check_period(filter);
    const auto c = impl_->http().bound(context);
    std::int64_t total = 0;
    for (const auto& window : detail::split_period(filter.begin, detail::period_end(filter)))
        total += impl_->list_light(filter, window.begin, window.end, 1, 25, c).paging.total_entry_count;
    return total;
}

order orders_api::get(const order_key& key, const call_context& c) { return impl_->get(key, c); }
std::string orders_api::etag(const order_key& key, const call_context& c) { return impl_->etag(key, c); }

change_handle orders_api::change(const order_key& key, const change_request& request, const call_context& c) {
    return impl_->change(key, request, c);
}

change_handle orders_api::accept(const order_key& key, const call_context& c) {
    return change(key, {change_types::accept, {}}, c);
}

change_handle orders_api::ship(const order_key& key, const shipment& s, const call_context& c) {
    change_request r{change_types::ship, {}};
    r.fields["order_Shipping_CarrierName"] = s.carrier;
    r.fields["order_Shipping_Method"] = s.shipping_method;
    r.fields["order_Shipping_ShipperTrackingNumber"] = s.tracking_number;
    r.fields["order_Shipping_FulfillmentDate"] = detail::json::format_utc_time(s.fulfillment_date.value_or(std::chrono::system_clock::now()));
    if (s.tracking_url) r.fields["order_Shipping_ShippingUrl"] = *s.tracking_url;
    if (s.estimated_delivery_date) r.fields["order_Shipping_EstimatedDeliveryDate"] = detail::json::format_utc_time(*s.estimated_delivery_date);
    // Empty values are dropped, so that validation names what is missing.
    std::erase_if(r.fields, [](const auto& f) { return f.second.empty(); });
    return change(key, r, c);
}

change_handle orders_api::cancel(const order_key& key, const std::string& reason, const call_context& c) {
    return change(key, {change_types::cancel, {{"order_Cancel_Reason", reason}}}, c);
}

change_handle orders_api::refund(const order_key& key, const std::string& reason, const call_context& c) {
    return change(key, {change_types::refund, {{"order_Refund_Reason", reason}}}, c);
}

change_report orders_api::change_status(const order_key& key, const std::string& id, const call_context& c) {
    return impl_->change_status(key, id, c);
}

list_of_values orders_api::values(const change_parameter& p, const std::string& language, const call_context& c) {
    return impl_->values(p, language, c);
}

std::vector<change_report> orders_api::history(const order_key& key, const call_context& c) { return impl_->history(key, c); }

}  // namespace beezup
