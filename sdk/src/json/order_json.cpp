#include "order_json.hpp"

#include "utc_time.hpp"

#include "../common/json_escape.hpp"

#include <beezup/error.hpp>

#include <boost/json/basic_parser_impl.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <vector>

// How it works. basic_parser calls the handler below for each JSON event. The handler keeps a
// stack of frames, one per open object or array, each knowing what it fills (an order, an item,
// a link...). A key of a known object resolves, through a table, to a `slot`: a typed pointer to
// the member its value goes to. Values are checked and converted where they arrive, so no DOM is
// ever built. Unknown `order_*` / `orderItem_*` members are re-serialized into `extra`; other
// unknown members are skipped. The first failure is recorded with the path built from the stack,
// the parse stops, and decode_error is thrown from outside the parser.

namespace beezup::detail::json {
namespace {

namespace bj = boost::json;
using std::string_view;

// ---------------------------------------------------------------------------------------------
// Scalars

std::optional<std::int64_t> parse_integer(string_view text) {
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) return out;
    // "12.0", "1e3": integral values written as decimals.
    const auto d = decimal::parse(text);
    if (!d || d->scale() > 18) return std::nullopt;
    const auto whole = d->rounded(0);
    if (decimal(whole, 0) != *d) return std::nullopt;
    return whole;
}

std::optional<bool> parse_boolean_text(string_view text) {
    if (text == "true" || text == "True") return true;
    if (text == "false" || text == "False") return false;
    return std::nullopt;
}


// ---------------------------------------------------------------------------------------------
// Slots: where a member's value goes. Made only by the overloads of `slot_of`, so that the kind and
// the pointer's type always agree.

enum class slot_kind : std::uint8_t {
    skip,  // any value, ignored
    // scalars
    string,
    opt_string,
    status,
    change_type,
    int32,
    int64,
    boolean,
    opt_bool,
    opt_decimal,
    time,
    opt_time,
    extra,        // raw JSON text of any value
    param_in,     // "in" of a link parameter (applies to the current frame)
    // containers
    orders,       // array of orders (the list's)
    paging,       // paginationResult
    items,        // orderItems
    order_links,  // links of an order
    link,         // one link3
    links_member, // a member of an order's links: a link3 when an object, ignored otherwise
    transitions,  // transitionLinks
    parameters,   // parameters of a transitionLink
    parameter,    // one parameter
    properties,   // properties of the body parameter
    property,     // one property
    lov_link,     // lovLink of a property
};

struct slot {
    slot_kind kind = slot_kind::skip;
    void* target = nullptr;
};

slot slot_of(std::string& v) { return {slot_kind::string, &v}; }
slot slot_of(std::optional<std::string>& v) { return {slot_kind::opt_string, &v}; }
slot slot_of(order_status& v) { return {slot_kind::status, &v}; }
slot slot_of(change_type& v) { return {slot_kind::change_type, &v}; }
slot slot_of(std::int32_t& v) { return {slot_kind::int32, &v}; }
slot slot_of(std::int64_t& v) { return {slot_kind::int64, &v}; }
slot slot_of(bool& v) { return {slot_kind::boolean, &v}; }
slot slot_of(std::optional<bool>& v) { return {slot_kind::opt_bool, &v}; }
slot slot_of(std::optional<decimal>& v) { return {slot_kind::opt_decimal, &v}; }
slot slot_of(utc_time& v) { return {slot_kind::time, &v}; }
slot slot_of(std::optional<utc_time>& v) { return {slot_kind::opt_time, &v}; }
slot slot_of(std::vector<order_item>& v) { return {slot_kind::items, &v}; }
slot slot_of(std::vector<allowed_change>& v) { return {slot_kind::transitions, &v}; }
slot slot_of(pagination& v) { return {slot_kind::paging, &v}; }

const char* expected_name(slot_kind k) {
    switch (k) {
    case slot_kind::string:
    case slot_kind::opt_string:
    case slot_kind::status:
    case slot_kind::change_type:
    case slot_kind::param_in: return "a string";
    case slot_kind::int32:
    case slot_kind::int64: return "an integer";
    case slot_kind::boolean:
    case slot_kind::opt_bool: return "a boolean";
    case slot_kind::opt_decimal: return "a decimal number";
    case slot_kind::time:
    case slot_kind::opt_time: return "a date-time string";
    case slot_kind::orders:
    case slot_kind::items:
    case slot_kind::transitions: return "an array";
    default: return "an object";
    }
}

bool expects_object(slot_kind k) {
    switch (k) {
    case slot_kind::paging:
    case slot_kind::order_links:
    case slot_kind::link:
    case slot_kind::parameters:
    case slot_kind::parameter:
    case slot_kind::properties:
    case slot_kind::property:
    case slot_kind::lov_link: return true;
    default: return false;
    }
}

bool expects_array(slot_kind k) {
    return k == slot_kind::orders || k == slot_kind::items || k == slot_kind::transitions;
}

// ---------------------------------------------------------------------------------------------
// Member tables

template <class Target>
struct field {
    string_view name;
    slot (*bind)(Target& t, order* full);
    int required = -1;  // bit in the frame's `seen` mask
};

// Member names are 6 to 45 bytes: 8-byte words compare them faster than a call to memcmp.
inline bool same_name(string_view a, string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n < 8) return std::memcmp(a.data(), b.data(), n) == 0;
    const auto word = [](const char* p) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    };
    for (std::size_t i = 0; i + 8 < n; i += 8)
        if (word(a.data() + i) != word(b.data() + i)) return false;
    return word(a.data() + n - 8) == word(b.data() + n - 8);
}

// A small open-addressing table from member name to field, built once.
template <class Target, std::size_t Size>
class field_table {
public:
    template <std::size_t N>
    explicit field_table(const std::array<field<Target>, N>& fields) : fields_(fields.begin(), fields.end()) {
        static_assert(N * 2 <= Size, "table too small");
        index_.fill(-1);
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            auto h = hash(fields_[i].name) & (Size - 1);
            while (index_[h] >= 0) h = (h + 1) & (Size - 1);
            index_[h] = static_cast<std::int16_t>(i);
            if (fields_[i].required >= 0) required_mask_ |= 1u << fields_[i].required;
        }
    }

    const std::vector<field<Target>>& fields() const noexcept { return fields_; }

    // The field, or nullptr for a member the SDK does not model.
    const field<Target>* find(string_view key) const noexcept {
        for (auto h = hash(key) & (Size - 1);; h = (h + 1) & (Size - 1)) {
            const auto i = index_[h];
            if (i < 0) return nullptr;
            const auto& f = fields_[static_cast<std::size_t>(i)];
            if (same_name(f.name, key)) return &f;
        }
    }

    std::uint32_t required_mask() const noexcept { return required_mask_; }

    // The name of the first required field missing from `seen`.
    string_view missing(std::uint32_t seen) const {
        for (const auto& f : fields_)
            if (f.required >= 0 && !(seen & (1u << f.required))) return f.name;
        return {};
    }

private:
    // Three 8-byte words (start, middle, end) tell our member names apart, in a few cycles: a
    // byte-by-byte hash was the decoder's hottest spot. Collisions only cost a probe.
    static std::size_t hash(string_view s) noexcept {
        std::uint64_t h = s.size() * 0x9e3779b97f4a7c15ull;
        if (s.size() >= 8) {
            const auto word = [&](std::size_t at) {
                std::uint64_t w = 0;
                std::memcpy(&w, s.data() + at, 8);
                return w;
            };
            h ^= word(0);
            h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ull;
            h ^= word(s.size() / 2 - 4);
            h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ull;
            h ^= word(s.size() - 8);
        } else {
            for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
        }
        h = (h ^ (h >> 29)) * 0x94d049bb133111ebull;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }

    std::vector<field<Target>> fields_;
    std::array<std::int16_t, Size> index_{};
    std::uint32_t required_mask_ = 0;
};

// Members of orderHeader apply to both list forms; those of order only when decoding a full one
// (`full` is null for list/light, and the value is skipped).
#define BEEZUP_H(name, member, ...) \
    field<order_header> { name, [](order_header& h, order*) { return slot_of(h.member); }, __VA_ARGS__ }
#define BEEZUP_F(name, member) \
    field<order_header> { name, [](order_header&, order* o) { return o ? slot_of(o->member) : slot{}; } }

const field_table<order_header, 256>& order_fields() {
    static const field_table<order_header, 256> table(std::array{
        BEEZUP_H("marketplaceTechnicalCode", key.marketplace_technical_code, 0),
        BEEZUP_H("accountId", key.account_id, 1),
        BEEZUP_H("beezUPOrderId", key.beezup_order_id, 2),
        BEEZUP_H("marketplaceBusinessCode", marketplace_business_code, 3),
        BEEZUP_H("order_MarketplaceOrderId", marketplace_order_id, 4),
        BEEZUP_H("order_Status_BeezUPOrderStatus", status, 5),
        BEEZUP_H("order_PurchaseUtcDate", purchase_date, 6),
        BEEZUP_H("order_LastModificationUtcDate", last_modification_date, 7),
        BEEZUP_H("order_MarketplaceLastModificationUtcDate", marketplace_last_modification_date, 8),
        BEEZUP_H("processing", processing, 9),
        BEEZUP_H("etag", etag, 10),
        BEEZUP_H("order_Status_MarketplaceOrderStatus", marketplace_status, -1),
        BEEZUP_H("beezUPOrderUrl", beezup_order_url, -1),
        BEEZUP_H("order_Buyer_Name", buyer_name, -1),
        BEEZUP_H("order_CurrencyCode", currency_code, -1),
        BEEZUP_H("order_TotalPrice", total_price, -1),
        BEEZUP_H("order_MerchantOrderId", merchant_order_id, -1),
        BEEZUP_H("order_MerchantECommerceSoftwareName", merchant_software_name, -1),
        BEEZUP_H("order_MerchantECommerceSoftwareVersion", merchant_software_version, -1),
        BEEZUP_H("order_Invoice_Number", invoice_number, -1),
        BEEZUP_H("order_Invoice_Uri", invoice_uri, -1),
        field<order_header>{"links", [](order_header& h, order*) { return slot{slot_kind::order_links, &h}; }},
        BEEZUP_F("order_Buyer_Civility", buyer.civility),
        BEEZUP_F("order_Buyer_FirstName", buyer.first_name),
        BEEZUP_F("order_Buyer_LastName", buyer.last_name),
        BEEZUP_F("order_Buyer_CompanyName", buyer.company_name),
        BEEZUP_F("order_Buyer_AddressLine1", buyer.line1),
        BEEZUP_F("order_Buyer_AddressLine2", buyer.line2),
        BEEZUP_F("order_Buyer_AddressLine3", buyer.line3),
        BEEZUP_F("order_Buyer_AddressPostalCode", buyer.postal_code),
        BEEZUP_F("order_Buyer_AddressCity", buyer.city),
        BEEZUP_F("order_Buyer_AddressStateOrRegion", buyer.state_or_region),
        BEEZUP_F("order_Buyer_AddressCountryIsoCodeAlpha2", buyer.country_iso2),
        BEEZUP_F("order_Buyer_AddressCountryName", buyer.country_name),
        BEEZUP_F("order_Buyer_Phone", buyer.phone),
        BEEZUP_F("order_Buyer_MobilePhone", buyer.mobile_phone),
        BEEZUP_F("order_Buyer_Email", buyer.email),
        BEEZUP_F("order_Buyer_Identifier", buyer_identifier),
        BEEZUP_F("order_Shipping_Civility", shipping.civility),
        BEEZUP_F("order_Shipping_FirstName", shipping.first_name),
        BEEZUP_F("order_Shipping_LastName", shipping.last_name),
        BEEZUP_F("order_Shipping_CompanyName", shipping.company_name),
        BEEZUP_F("order_Shipping_AddressLine1", shipping.line1),
        BEEZUP_F("order_Shipping_AddressLine2", shipping.line2),
        BEEZUP_F("order_Shipping_AddressLine3", shipping.line3),
        BEEZUP_F("order_Shipping_AddressPostalCode", shipping.postal_code),
        BEEZUP_F("order_Shipping_AddressCity", shipping.city),
        BEEZUP_F("order_Shipping_AddressStateOrRegion", shipping.state_or_region),
        BEEZUP_F("order_Shipping_AddressCountryIsoCodeAlpha2", shipping.country_iso2),
        BEEZUP_F("order_Shipping_AddressCountryName", shipping.country_name),
        BEEZUP_F("order_Shipping_Phone", shipping.phone),
        BEEZUP_F("order_Shipping_MobilePhone", shipping.mobile_phone),
        BEEZUP_F("order_Shipping_Email", shipping.email),
        BEEZUP_F("order_Shipping_AddressName", shipping_address_name),
        BEEZUP_F("order_Shipping_Method", shipping_method),
        BEEZUP_F("order_Shipping_Price", shipping_price),
        BEEZUP_F("order_Shipping_ShippingTax", shipping_tax),
        BEEZUP_F("order_TotalTax", total_tax),
        BEEZUP_F("order_TotalCommission", total_commission),
        BEEZUP_F("order_PayingUtcDate", paying_date),
        BEEZUP_F("order_Shipping_EarliestShipUtcDate", earliest_ship_date),
        BEEZUP_F("order_Shipping_LatestShipUtcDate", latest_ship_date),
        BEEZUP_F("order_PaymentMethod", payment_method),
        BEEZUP_F("order_MarketPlaceChannel", marketplace_channel),
        BEEZUP_F("order_FulfilledBy", fulfilled_by),
        BEEZUP_F("order_Comment", comment),
        BEEZUP_F("order_IsBusiness", is_business),
        BEEZUP_F("order_IsPrime", is_prime),
        BEEZUP_F("orderItems", items),
        BEEZUP_F("transitionLinks", allowed_changes),
    });
    return table;
}

#undef BEEZUP_H
#undef BEEZUP_F

#define BEEZUP_I(name, member, ...) \
    field<order_item> { name, [](order_item& i, order*) { return slot_of(i.member); }, __VA_ARGS__ }

const field_table<order_item, 64>& item_fields() {
    static const field_table<order_item, 64> table(std::array{
        BEEZUP_I("beezUPOrderItemId", beezup_order_item_id, 0),
        BEEZUP_I("orderItem_OrderItemType", item_type, 1),
        BEEZUP_I("orderItem_BeezUPStoreId", store_id, -1),
        BEEZUP_I("orderItem_Title", title, -1),
        BEEZUP_I("orderItem_gtin", gtin, -1),
        BEEZUP_I("orderItem_Condition", condition, -1),
        BEEZUP_I("orderItem_MarketPlaceProductId", marketplace_product_id, -1),
        BEEZUP_I("orderItem_MerchantProductId", merchant_product_id, -1),
        BEEZUP_I("orderItem_ImageUrl", image_url, -1),
        BEEZUP_I("orderItem_Quantity", quantity, -1),
        BEEZUP_I("orderItem_ItemPrice", item_price, -1),
        BEEZUP_I("orderItem_ItemTax", item_tax, -1),
        BEEZUP_I("orderItem_Shipping_Price", shipping_price, -1),
        BEEZUP_I("orderItem_TotalPrice", total_price, -1),
    });
    return table;
}

#undef BEEZUP_I

// ---------------------------------------------------------------------------------------------
// The handler

enum class frame_kind : std::uint8_t {
    list,
    paging,
    orders,
    order,
    order_links,
    link,
    items,
    item,
    transitions,
    transition,
    parameters,
    parameter,
    properties,
    property,
    lov_link,
    skip_object,
    skip_array,
    capture_object,
    capture_array,
};

bool is_array(frame_kind k) {
    return k == frame_kind::orders || k == frame_kind::items || k == frame_kind::transitions ||
           k == frame_kind::skip_array || k == frame_kind::capture_array;
}

struct frame {
    frame_kind kind = frame_kind::skip_object;
    string_view key;          // the current member (objects): in the body, or in key_copy
    std::string key_copy;     // a key the parser unescaped or split
    std::size_t index = 0;    // the current element (arrays)
    slot pending;             // where the current member's value goes (objects)
    int pending_bit = -1;     // its bit in `seen`, when required
    std::uint32_t seen = 0;   // required members met
    void* target = nullptr;   // what the frame fills
    order* full = nullptr;    // order frames: the full order, or null for a header
    std::string* out = nullptr;  // capture frames: the text being written
    bool first = true;        // capture frames: no element written yet
    bool open = false;        // the current member/element has begun and not ended
    bool in_body = false;     // parameter frames: "in" is "body"
    std::size_t mark = 0;     // parameter frames: size of the change's parameters when it began
};

enum class json_type { string, number, boolean, null, object, array };

const char* found_name(json_type t) {
    switch (t) {
    case json_type::string: return "a string";
    case json_type::number: return "a number";
    case json_type::boolean: return "a boolean";
    case json_type::null: return "null";
    case json_type::object: return "an object";
    case json_type::array: return "an array";
    }
    return "a value";
}

struct scalar {
    json_type type;
    string_view text;  // strings: the value; numbers: their text
    bool boolean = false;
};

enum class root_kind { order, list_full, list_light };

class order_handler {
public:
    static constexpr std::size_t max_object_size = std::size_t(-1);
    static constexpr std::size_t max_array_size = std::size_t(-1);
    static constexpr std::size_t max_key_size = std::size_t(-1);
    static constexpr std::size_t max_string_size = std::size_t(-1);

    static constexpr std::size_t max_depth = 64;

    order_handler(string_view body, root_kind root, order* single, order_page<order>* full,
                  order_page<order_header>* light)
        : body_(body), root_(root), single_(single), full_page_(full), light_page_(light) {
        // Never resized: frames hold views of their own key_copy.
        frames_.resize(max_depth + 1);
    }

    bool failed() const noexcept { return failed_; }
    [[noreturn]] void rethrow() const { throw decode_error(error_path_, error_message_); }

    // The path of the position reached: where a syntax error was found (the last member or
    // element only while its value is still open).
    std::string current_path() const { return path(depth_, depth_ > 0 && frames_[depth_ - 1].open); }

    bool on_document_begin(bj::error_code&) { return true; }
    bool on_document_end(bj::error_code&) { return true; }

    bool on_object_begin(bj::error_code& ec) { return begin(json_type::object, ec); }
    bool on_array_begin(bj::error_code& ec) { return begin(json_type::array, ec); }
    bool on_object_end(std::size_t, bj::error_code& ec) { return end(ec); }
    bool on_array_end(std::size_t, bj::error_code& ec) { return end(ec); }

    bool on_key_part(string_view s, std::size_t, bj::error_code&) {
        buffer_.append(s.data(), s.size());
        return true;
    }
    bool on_key(string_view s, std::size_t, bj::error_code& ec) {
        if (!buffer_.empty()) {
            buffer_.append(s.data(), s.size());
            s = buffer_;
        }
        const bool ok = key(s, ec);
        buffer_.clear();
        return ok;
    }

    bool on_string_part(string_view s, std::size_t, bj::error_code&) {
        buffer_.append(s.data(), s.size());
        return true;
    }
    bool on_string(string_view s, std::size_t, bj::error_code& ec) {
        if (!buffer_.empty()) {
            buffer_.append(s.data(), s.size());
            s = buffer_;
        }
        const bool ok = value(scalar{json_type::string, s}, ec);
        buffer_.clear();
        return ok;
    }

    bool on_number_part(string_view s, bj::error_code&) {
        buffer_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t, string_view s, bj::error_code& ec) { return number(s, ec); }
    bool on_uint64(std::uint64_t, string_view s, bj::error_code& ec) { return number(s, ec); }
    bool on_double(double, string_view s, bj::error_code& ec) { return number(s, ec); }

    bool on_bool(bool b, bj::error_code& ec) { return value(scalar{json_type::boolean, b ? "true" : "false", b}, ec); }
    bool on_null(bj::error_code& ec) { return value(scalar{json_type::null, "null"}, ec); }

    bool on_comment_part(string_view, bj::error_code&) { return true; }
    bool on_comment(string_view, bj::error_code&) { return true; }

private:
    // --- errors and paths

    bool fail(std::string path, std::string message, bj::error_code& ec) {
        failed_ = true;
        error_path_ = std::move(path);
        error_message_ = std::move(message);
        ec = bj::error::exception;
        return false;
    }

    // "$" + the members/elements of frames [0, n); with `current`, frame n-1's current one too.
    std::string path(std::size_t n, bool current) const {
        std::string p = "$";
        const std::size_t upto = current ? n : (n == 0 ? 0 : n - 1);
        for (std::size_t i = 0; i < upto; ++i) {
            const auto& f = frames_[i];
            if (is_array(f.kind)) {
                p += '[';
                p += std::to_string(f.index);
                p += ']';
            } else {
                p += '.';
                p += f.key;
            }
        }
        return p;
    }

    bool type_error(slot_kind expected, json_type found, bj::error_code& ec) {
        return fail(path(depth_, true), std::string("expected ") + expected_name(expected) + ", found " + found_name(found),
                    ec);
    }

    // --- frames

    frame& top() noexcept { return frames_[depth_ - 1]; }

    template <class T>
    static void reserve(std::vector<T>& v, std::int64_t entries) {
        if (entries > 0) v.reserve(static_cast<std::size_t>(std::min<std::int64_t>(entries, 1000)));  // BeezUP pages hold 100
    }

    frame& push(frame_kind kind, void* target) {
        frame& f = frames_.at(depth_++);  // the parser's max_depth keeps within bounds
        f.kind = kind;
        f.key = {};
        f.index = std::size_t(-1);
        f.pending = slot{};
        f.pending_bit = -1;
        f.seen = 0;
        f.target = target;
        f.full = nullptr;
        f.out = nullptr;
        f.first = true;
        f.open = false;
        return f;
    }

    // --- capture of unknown order_* / orderItem_* members as JSON text

    void capture_separator(frame& f) {
        if (f.kind == frame_kind::capture_array) {
            if (!f.first) f.out->push_back(',');
            f.first = false;
            ++f.index;
        }
    }

    // --- events

    bool begin(json_type type, bj::error_code& ec) {
        const bool object = type == json_type::object;
        if (depth_ == 0) {
            if (!object) return fail("$", std::string("expected an object, found ") + found_name(type), ec);
            if (root_ == root_kind::order) {
                push(frame_kind::order, static_cast<order_header*>(single_)).full = single_;
            } else {
                push(frame_kind::list, nullptr);
            }
            return true;
        }

        frame& parent = top();
        parent.open = true;
        if (parent.kind == frame_kind::capture_object || parent.kind == frame_kind::capture_array) {
            capture_separator(parent);
            std::string* out = parent.out;
            out->push_back(object ? '{' : '[');
            push(object ? frame_kind::capture_object : frame_kind::capture_array, nullptr).out = out;
            return true;
        }
        if (parent.kind == frame_kind::skip_object || parent.kind == frame_kind::skip_array) {
            if (parent.kind == frame_kind::skip_array) ++parent.index;
            push(object ? frame_kind::skip_object : frame_kind::skip_array, nullptr);
            return true;
        }

        if (is_array(parent.kind)) {
            // Elements of our arrays are objects.
            ++parent.index;
            if (!object) return fail(path(depth_, true), std::string("expected an object, found an array"), ec);
            switch (parent.kind) {
            case frame_kind::orders: {
                if (root_ == root_kind::list_full) {
                    order& o = full_page_->orders.emplace_back();
                    push(frame_kind::order, static_cast<order_header*>(&o)).full = &o;
                } else {
                    push(frame_kind::order, &light_page_->orders.emplace_back());
                }
                return true;
            }
            case frame_kind::items:
                push(frame_kind::item, &static_cast<std::vector<order_item>*>(parent.target)->emplace_back());
                return true;
            case frame_kind::transitions:
                push(frame_kind::transition, &static_cast<std::vector<allowed_change>*>(parent.target)->emplace_back());
                return true;
            default: return true;
            }
        }

        const slot s = parent.pending;
        const int bit = parent.pending_bit;

        if (s.kind == slot_kind::skip || (s.kind == slot_kind::links_member && !object)) {
            push(object ? frame_kind::skip_object : frame_kind::skip_array, nullptr);
            return true;
        }
        if (s.kind == slot_kind::links_member) {
            api_link* link;
            if (parent.full && parent.key != "self") {
                auto& links = parent.full->links;
                if (links.empty()) links.reserve(6);  // BeezUP sends 5
                link = &links[parent.key];
            } else {
                link = &static_cast<order_header*>(parent.target)->self;
            }
            *link = api_link{};
            push(frame_kind::link, link);
            return true;
        }
        if (s.kind == slot_kind::extra) {
            auto* out = static_cast<std::string*>(s.target);
            out->push_back(object ? '{' : '[');
            push(object ? frame_kind::capture_object : frame_kind::capture_array, nullptr).out = out;
            return true;
        }
        if (object ? !expects_object(s.kind) : !expects_array(s.kind)) return type_error(s.kind, type, ec);
        if (bit >= 0) parent.seen |= 1u << bit;

        switch (s.kind) {
        case slot_kind::paging: push(frame_kind::paging, s.target); break;
        case slot_kind::orders:
            // When paginationResult came first, its entryCount sizes the page: no order is moved
            // by the vector growing.
            if (root_ == root_kind::list_full) reserve(full_page_->orders, full_page_->paging.entry_count);
            else reserve(light_page_->orders, light_page_->paging.entry_count);
            push(frame_kind::orders, nullptr);
            break;
        case slot_kind::items: push(frame_kind::items, s.target); break;
        case slot_kind::transitions: push(frame_kind::transitions, s.target); break;
        case slot_kind::order_links: {
            order* full = parent.full;
            push(frame_kind::order_links, s.target).full = full;
            break;
        }
        case slot_kind::link: push(frame_kind::link, s.target); break;
        case slot_kind::parameters: push(frame_kind::parameters, s.target); break;
        case slot_kind::parameter: {
            auto* change = static_cast<allowed_change*>(s.target);
            const bool named_request = parent.key == "request";
            frame& f = push(frame_kind::parameter, change);
            f.mark = change->parameters.size();
            // Without "in", the parameter named "request" is taken as the body.
            f.in_body = named_request;
            break;
        }
        case slot_kind::properties: push(frame_kind::properties, s.target); break;
        case slot_kind::property: {
            auto* change = static_cast<allowed_change*>(s.target);
            auto& p = change->parameters.emplace_back();
            p.name.assign(parent.key.data(), parent.key.size());
            push(frame_kind::property, &p);
            break;
        }
        case slot_kind::lov_link: push(frame_kind::lov_link, s.target); break;
        default: break;
        }
        return true;
    }

    bool end(bj::error_code& ec) {
        frame& f = top();
        switch (f.kind) {
        case frame_kind::capture_object: f.out->push_back('}'); break;
        case frame_kind::capture_array: f.out->push_back(']'); break;
        case frame_kind::list:
            if (!(f.seen & 1u)) return fail("$", "missing required member 'orders'", ec);
            break;
        case frame_kind::order: {
            const auto& table = order_fields();
            if ((f.seen & table.required_mask()) != table.required_mask())
                return fail(path(depth_, false),
                            "missing required member '" + std::string(table.missing(f.seen)) + "'", ec);
            break;
        }
        case frame_kind::item: {
            const auto& table = item_fields();
            if ((f.seen & table.required_mask()) != table.required_mask())
                return fail(path(depth_, false),
                            "missing required member '" + std::string(table.missing(f.seen)) + "'", ec);
            break;
        }
        case frame_kind::transition:
            // The spec requires neither: a transition without its name or link cannot be used,
            // and is left out of the allowed changes.
            if ((f.seen & 3u) != 3u) static_cast<std::vector<allowed_change>*>(frames_[depth_ - 2].target)->pop_back();
            break;
        case frame_kind::parameter:
            // Only the body parameter's properties are the change's parameters.
            if (!f.in_body) {
                auto& params = static_cast<allowed_change*>(f.target)->parameters;
                params.erase(params.begin() + static_cast<std::ptrdiff_t>(f.mark), params.end());
            }
            break;
        default: break;
        }
        if (--depth_ > 0) top().open = false;
        return true;
    }

    bool key(string_view k, bj::error_code&) {
        frame& f = top();
        f.open = true;
        // Keys are mostly views of the body, which outlives the parse; the rest are copied.
        if (k.data() >= body_.data() && k.data() + k.size() <= body_.data() + body_.size()) {
            f.key = k;
        } else {
            f.key_copy.assign(k.data(), k.size());
            f.key = f.key_copy;
        }
        f.pending = slot{};
        f.pending_bit = -1;
        switch (f.kind) {
        case frame_kind::list:
            if (k == "orders") {
                f.pending = {slot_kind::orders, nullptr};
                f.pending_bit = 0;
            } else if (k == "paginationResult") {
                f.pending = slot_of(root_ == root_kind::list_full ? full_page_->paging : light_page_->paging);
            }
            break;
        case frame_kind::paging: {
            auto& p = *static_cast<pagination*>(f.target);
            if (k == "entryCount") f.pending = slot_of(p.entry_count);
            else if (k == "pageCount") f.pending = slot_of(p.page_count);
            else if (k == "totalEntryCount") f.pending = slot_of(p.total_entry_count);
            break;
        }
        case frame_kind::order: {
            auto& h = *static_cast<order_header*>(f.target);
            if (const auto* field = order_fields().find(k)) {
                f.pending = field->bind(h, f.full);
                f.pending_bit = field->required;
            } else if (f.full && k.starts_with("order_")) {
                auto& extra = f.full->extra;
                if (extra.empty()) extra.reserve(8);
                auto& text = extra[k];
                text.clear();
                f.pending = {slot_kind::extra, &text};
            }
            break;
        }
        case frame_kind::item: {
            auto& item = *static_cast<order_item*>(f.target);
            if (const auto* field = item_fields().find(k)) {
                f.pending = field->bind(item, nullptr);
                f.pending_bit = field->required;
            } else if (k.starts_with("orderItem_")) {
                if (item.extra.empty()) item.extra.reserve(4);
                auto& text = item.extra[k];
                text.clear();
                f.pending = {slot_kind::extra, &text};
            }
            break;
        }
        case frame_kind::order_links:
            // The spec lets links carry other members of any type: only objects are links.
            if (f.full || k == "self") f.pending = {slot_kind::links_member, nullptr};
            break;
        case frame_kind::link: {
            auto& link = *static_cast<api_link*>(f.target);
            if (k == "href") f.pending = slot_of(link.href);
            else if (k == "method") f.pending = slot_of(link.method);
            break;
        }
        case frame_kind::transition: {
            auto& change = *static_cast<allowed_change*>(f.target);
            if (k == "rel") {
                f.pending = slot_of(change.type);
                f.pending_bit = 0;
            } else if (k == "href") {
                f.pending = slot_of(change.link.href);
                f.pending_bit = 1;
            } else if (k == "method") {
                f.pending = slot_of(change.link.method);
            } else if (k == "parameters") {
                f.pending = {slot_kind::parameters, &change};
            }
            break;
        }
        case frame_kind::parameters: f.pending = {slot_kind::parameter, f.target}; break;
        case frame_kind::parameter:
            if (k == "in") f.pending = {slot_kind::param_in, nullptr};
            else if (k == "properties") f.pending = {slot_kind::properties, f.target};
            break;
        case frame_kind::properties: f.pending = {slot_kind::property, f.target}; break;
        case frame_kind::property: {
            auto& p = *static_cast<change_parameter*>(f.target);
            if (k == "type") f.pending = slot_of(p.type);
            else if (k == "required") f.pending = slot_of(p.required);
            else if (k == "lovRequired") f.pending = slot_of(p.lov_required);
            else if (k == "lovLink") f.pending = {slot_kind::lov_link, &p};
            break;
        }
        case frame_kind::lov_link:
            if (k == "href") f.pending = slot_of(static_cast<change_parameter*>(f.target)->lov_href);
            break;
        case frame_kind::capture_object:
            if (!f.first) f.out->push_back(',');
            f.first = false;
            common::append_json_string(*f.out, k);
            f.out->push_back(':');
            break;
        default: break;
        }
        return true;
    }

    bool number(string_view s, bj::error_code& ec) {
        if (!buffer_.empty()) {
            buffer_.append(s.data(), s.size());
            s = buffer_;
        }
        const bool ok = value(scalar{json_type::number, s}, ec);
        buffer_.clear();
        return ok;
    }

    bool value(const scalar& v, bj::error_code& ec) {
        if (depth_ == 0) return fail("$", std::string("expected an object, found ") + found_name(v.type), ec);
        frame& f = top();
        slot s;
        int bit = -1;
        switch (f.kind) {
        case frame_kind::skip_array: ++f.index; f.open = false; return true;
        case frame_kind::skip_object: f.open = false; return true;
        case frame_kind::capture_object:
        case frame_kind::capture_array:
            capture_separator(f);
            s = {slot_kind::extra, f.out};
            break;
        case frame_kind::orders:
        case frame_kind::items:
        case frame_kind::transitions:
            ++f.index;
            return fail(path(depth_, true), std::string("expected an object, found ") + found_name(v.type), ec);
        default:
            s = f.pending;
            bit = f.pending_bit;
        }
        if (!assign(f, s, v, ec)) return false;
        if (bit >= 0 && v.type != json_type::null) f.seen |= 1u << bit;
        f.open = false;
        return true;
    }

    bool assign(frame& f, const slot& s, const scalar& v, bj::error_code& ec) {
        const bool null = v.type == json_type::null;
        switch (s.kind) {
        case slot_kind::skip:
        case slot_kind::links_member: return true;
        case slot_kind::extra: {
            auto& out = *static_cast<std::string*>(s.target);
            if (v.type == json_type::string) common::append_json_string(out, v.text);
            else out.append(v.text.data(), v.text.size());
            return true;
        }
        case slot_kind::string:
            if (null) return true;  // a required member: reported missing at the object's end
            if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            static_cast<std::string*>(s.target)->assign(v.text.data(), v.text.size());
            return true;
        case slot_kind::opt_string: {
            auto& out = *static_cast<std::optional<std::string>*>(s.target);
            if (null) out.reset();
            else if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            else out.emplace(v.text);
            return true;
        }
        case slot_kind::status:
            if (null) return true;
            if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            *static_cast<order_status*>(s.target) = order_status(std::string(v.text));
            return true;
        case slot_kind::change_type:
            if (null) return true;
            if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            *static_cast<change_type*>(s.target) = change_type(std::string(v.text));
            return true;
        case slot_kind::param_in:
            if (null) return true;
            if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            f.in_body = v.text == "body";
            return true;
        case slot_kind::int32:
        case slot_kind::int64: {
            if (null) return true;
            if (v.type != json_type::number && v.type != json_type::string) return type_error(s.kind, v.type, ec);
            const auto n = parse_integer(v.text);
            if (!n) return fail(path(depth_, true), "expected an integer, found " + describe(v), ec);
            if (s.kind == slot_kind::int64) {
                *static_cast<std::int64_t*>(s.target) = *n;
            } else {
                if (*n < std::numeric_limits<std::int32_t>::min() || *n > std::numeric_limits<std::int32_t>::max())
                    return fail(path(depth_, true), "integer " + std::to_string(*n) + " does not fit in 32 bits", ec);
                *static_cast<std::int32_t*>(s.target) = static_cast<std::int32_t>(*n);
            }
            return true;
        }
        case slot_kind::boolean:
        case slot_kind::opt_bool: {
            if (null) {
                if (s.kind == slot_kind::opt_bool) static_cast<std::optional<bool>*>(s.target)->reset();
                return true;
            }
            std::optional<bool> b;
            if (v.type == json_type::boolean) b = v.boolean;
            else if (v.type == json_type::string) b = parse_boolean_text(v.text);
            if (!b) {
                if (v.type == json_type::string)
                    return fail(path(depth_, true), "expected a boolean, found " + describe(v), ec);
                return type_error(s.kind, v.type, ec);
            }
            if (s.kind == slot_kind::boolean) *static_cast<bool*>(s.target) = *b;
            else *static_cast<std::optional<bool>*>(s.target) = *b;
            return true;
        }
        case slot_kind::opt_decimal: {
            auto& out = *static_cast<std::optional<decimal>*>(s.target);
            if (null) {
                out.reset();
                return true;
            }
            if (v.type != json_type::number && v.type != json_type::string) return type_error(s.kind, v.type, ec);
            out = decimal::parse(v.text);
            if (!out) {
                if (v.type == json_type::number)
                    return fail(path(depth_, true),
                                "number " + std::string(v.text) + " does not fit an exact decimal of 18 digits", ec);
                return fail(path(depth_, true), "expected a decimal number, found " + describe(v), ec);
            }
            return true;
        }
        case slot_kind::time:
        case slot_kind::opt_time: {
            if (null) {
                if (s.kind == slot_kind::opt_time) static_cast<std::optional<utc_time>*>(s.target)->reset();
                return true;
            }
            if (v.type != json_type::string) return type_error(s.kind, v.type, ec);
            time_status status{};
            const auto t = read_utc_time(v.text, status);
            if (!t) {
                if (status == time_status::out_of_range)
                    return fail(path(depth_, true), "date-time out of the clock's range: " + describe(v), ec);
                return fail(path(depth_, true), "malformed date-time " + describe(v), ec);
            }
            if (s.kind == slot_kind::time) *static_cast<utc_time*>(s.target) = *t;
            else *static_cast<std::optional<utc_time>*>(s.target) = *t;
            return true;
        }
        case slot_kind::orders:
            // "orders": null, like a null paginationResult, is an empty list.
            if (null) {
                f.seen |= 1u;
                return true;
            }
            return type_error(s.kind, v.type, ec);
        default:
            // A container was expected: null stands for absent.
            if (null) return true;
            return type_error(s.kind, v.type, ec);
        }
    }

    static std::string describe(const scalar& v) {
        constexpr std::size_t max = 64;
        std::string text(v.text.substr(0, max));
        if (v.text.size() > max) text += "...";
        return v.type == json_type::string ? "the string \"" + text + "\"" : text;
    }

    string_view body_;
    root_kind root_;
    order* single_;
    order_page<order>* full_page_;
    order_page<order_header>* light_page_;
    std::vector<frame> frames_;
    std::size_t depth_ = 0;
    std::string buffer_;  // parts of a key, string or number split by the parser
    bool failed_ = false;
    std::string error_path_, error_message_;
};

// ---------------------------------------------------------------------------------------------
// Encoding, through the same member tables: every member the decoder reads is written back.

class order_writer {
public:
    std::string take() { return std::move(out_); }

    void order_object(const order& o) {
        out_ += '{';
        first_ = true;
        // The tables bind mutable members (they serve the decoder); nothing is written through them here.
        auto& writable = const_cast<order&>(o);
        for (const auto& f : order_fields().fields()) member(f, static_cast<order_header&>(writable), &writable);
        links(o);
        for (const auto& [name, raw] : o.extra) raw_member(name, raw);
        out_ += '}';
    }

private:
    template <class Target>
    void member(const field<Target>& f, Target& target, order* full) {
        const slot s = f.bind(target, full);
        switch (s.kind) {
        case slot_kind::string: return text(f.name, *static_cast<const std::string*>(s.target));
        case slot_kind::opt_string:
            if (const auto& v = *static_cast<const std::optional<std::string>*>(s.target)) text(f.name, *v);
            return;
        case slot_kind::status: return text(f.name, static_cast<const order_status*>(s.target)->str());
        case slot_kind::int32: return number(f.name, std::to_string(*static_cast<const std::int32_t*>(s.target)));
        case slot_kind::boolean: return number(f.name, *static_cast<const bool*>(s.target) ? "true" : "false");
        case slot_kind::opt_bool:
            if (const auto& v = *static_cast<const std::optional<bool>*>(s.target)) number(f.name, *v ? "true" : "false");
            return;
        case slot_kind::opt_decimal:
            if (const auto& v = *static_cast<const std::optional<decimal>*>(s.target)) number(f.name, v->to_string());
            return;
        case slot_kind::time: return text(f.name, format_utc_time(*static_cast<const utc_time*>(s.target)));
        case slot_kind::opt_time:
            if (const auto& v = *static_cast<const std::optional<utc_time>*>(s.target)) text(f.name, format_utc_time(*v));
            return;
        case slot_kind::items: return items(f.name, *static_cast<const std::vector<order_item>*>(s.target));
        case slot_kind::transitions: return transitions(f.name, *static_cast<const std::vector<allowed_change>*>(s.target));
        default: return;  // links: written by links(); skip: a light order's full members
        }
    }

    void key(string_view name) {
        if (!first_) out_ += ',';
        first_ = false;
        common::append_json_string(out_, name);
        out_ += ':';
    }
    void text(string_view name, string_view value) {
        key(name);
        common::append_json_string(out_, value);
    }
    void number(string_view name, string_view value) {
        key(name);
        out_.append(value.data(), value.size());
    }
    void raw_member(string_view name, string_view raw) { number(name, raw); }

    void link_object(const api_link& link) {
        out_ += '{';
        first_ = true;
        text("href", link.href);
        if (!link.method.empty()) text("method", link.method);
        out_ += '}';
        first_ = false;
    }

    void links(const order& o) {
        key("links");
        out_ += "{\"self\":";
        link_object(o.self);
        for (const auto& [name, link] : o.links) {
            out_ += ',';
            common::append_json_string(out_, name);
            out_ += ':';
            link_object(link);
        }
        out_ += '}';
    }

    void items(string_view name, const std::vector<order_item>& list) {
        key(name);
        out_ += '[';
        for (std::size_t n = 0; n < list.size(); ++n) {
            if (n) out_ += ',';
            out_ += '{';
            first_ = true;
            auto& item = const_cast<order_item&>(list[n]);
            for (const auto& f : item_fields().fields()) member(f, item, nullptr);
            for (const auto& [extra_name, raw] : item.extra) raw_member(extra_name, raw);
            out_ += '}';
        }
        out_ += ']';
        first_ = false;
    }

    // transitionLinks, with the change's parameters as the body parameter's properties.
    void transitions(string_view name, const std::vector<allowed_change>& list) {
        key(name);
        out_ += '[';
        for (std::size_t n = 0; n < list.size(); ++n) {
            const auto& c = list[n];
            if (n) out_ += ',';
            out_ += '{';
            first_ = true;
            text("rel", c.type.str());
            text("href", c.link.href);
            if (!c.link.method.empty()) text("method", c.link.method);
            key("parameters");
            out_ += R"({"request":{"in":"body","properties":{)";
            for (std::size_t p = 0; p < c.parameters.size(); ++p) {
                const auto& parameter = c.parameters[p];
                if (p) out_ += ',';
                common::append_json_string(out_, parameter.name);
                out_ += ":{";
                first_ = true;
                text("type", parameter.type);
                number("required", parameter.required ? "true" : "false");
                if (parameter.lov_href) {
                    key("lovLink");
                    out_ += '{';
                    first_ = true;
                    text("href", *parameter.lov_href);
                    out_ += '}';
                    first_ = false;
                }
                number("lovRequired", parameter.lov_required ? "true" : "false");
                out_ += '}';
            }
            out_ += "}}}}";
        }
        out_ += ']';
        first_ = false;
    }

    std::string out_;
    bool first_ = true;
};

void run(order_handler& handler, bj::basic_parser<order_handler>& parser, string_view body) {
    bj::error_code ec;
    const auto n = parser.write_some(false, body.data(), body.size(), ec);
    if (handler.failed()) handler.rethrow();
    if (ec) throw decode_error(handler.current_path(), "malformed JSON (" + ec.message() + ") at offset " + std::to_string(n));
    if (n != body.size()) throw decode_error("$", "malformed JSON (extra data after the document at offset " + std::to_string(n) + ")");
}

bj::parse_options options() {
    bj::parse_options o;
    o.max_depth = order_handler::max_depth;
    return o;
}

}  // namespace

order decode_order(std::string_view body) {
    order result;
    bj::basic_parser<order_handler> parser(options(), body, root_kind::order, &result, nullptr, nullptr);
    run(parser.handler(), parser, body);
    return result;
}

order_page<order> decode_order_list_full(std::string_view body) {
    order_page<order> page;
    bj::basic_parser<order_handler> parser(options(), body, root_kind::list_full, nullptr, &page, nullptr);
    run(parser.handler(), parser, body);
    return page;
}

std::string encode_order(const order& o) {
    order_writer w;
    w.order_object(o);
    return w.take();
}

order_page<order_header> decode_order_list_light(std::string_view body) {
    order_page<order_header> page;
    bj::basic_parser<order_handler> parser(options(), body, root_kind::list_light, nullptr, nullptr, &page);
    run(parser.handler(), parser, body);
    return page;
}

}  // namespace beezup::detail::json
