#include "arguments.hpp"

#include "json/utc_time.hpp"

#include <beezup/vocabulary.hpp>

#include <charconv>

namespace beezup::cli {

order_key parse_order_key(const std::string& text) {
    const auto first = text.find('/');
    const auto second = first == std::string::npos ? std::string::npos : text.find('/', first + 1);
    order_key key;
    if (second != std::string::npos) {
        key.marketplace_technical_code = text.substr(0, first);
        key.beezup_order_id = text.substr(second + 1);
        const auto account = std::string_view(text).substr(first + 1, second - first - 1);
        const auto [end, error] = std::from_chars(account.data(), account.data() + account.size(), key.account_id);
        if (error == std::errc{} && end == account.data() + account.size() && !key.marketplace_technical_code.empty() &&
            !key.beezup_order_id.empty() && key.beezup_order_id.find('/') == std::string::npos)
            return key;
    }
    throw usage_error("'" + text + "' is not an order key: MARKETPLACE/ACCOUNT/BEEZUP_ORDER_ID, e.g. Amazon/1234/0b3c... "
                      "(the first column of 'beezup orders list')");
}

utc_time parse_time(const std::string& text, const std::string& option) {
    std::int64_t amount = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (error == std::errc{} && amount >= 0 && end + 1 == text.data() + text.size()) {
        const auto now = std::chrono::system_clock::now();
        switch (*end) {
        case 'd': return now - std::chrono::days(amount);
        case 'h': return now - std::chrono::hours(amount);
        case 'm': return now - std::chrono::minutes(amount);
        case 's': return now - std::chrono::seconds(amount);
        default: break;
        }
    }
    detail::json::time_status status{};
    const auto full = text.size() == 10 ? text + "T00:00:00Z" : text;
    if (const auto t = detail::json::read_utc_time(full, status)) return *t;
    throw usage_error("--" + option + " '" + text + "': expected an age (7d, 12h, 30m, 90s), a date (2026-11-01) or a time (2026-11-01T10:00:00Z)");
}

std::string format_time(utc_time t) { return detail::json::format_utc_time(t); }

void add_filter_options(po::options_description& options, const std::string& default_since) {
    using strings = std::vector<std::string>;
    options.add_options()
        ("since", po::value<std::string>()->default_value(default_since), "period start: an age (7d, 12h) or a date/time")
        ("until", po::value<std::string>(), "period end (default: now)")
        ("date-type", po::value<std::string>()->default_value("modification"), "what the period applies to: modification, purchase or marketplace-modification")
        ("marketplace", po::value<strings>()->composing(), "marketplace technical code, e.g. Amazon (repeatable)")
        ("business-code", po::value<strings>()->composing(), "marketplace business code, e.g. AMAZON_FR (repeatable)")
        ("account", po::value<std::vector<std::int32_t>>()->composing(), "marketplace account id (repeatable)")
        ("store", po::value<strings>()->composing(), "BeezUP store id (repeatable)")
        ("status", po::value<strings>()->composing(), "BeezUP status, e.g. InProgress, Shipped (repeatable)")
        ("marketplace-order-id", po::value<strings>()->composing(), "the marketplace's order id (repeatable)")
        ("merchant-order-id", po::value<strings>()->composing(), "your order id, as set by merchant info (repeatable)")
        ("buyer", po::value<std::string>(), "buyer name")
        ("merchant-info", po::value<std::string>(), "All, Synchronized or NotSynchronized")
        ("invoice", po::value<std::string>(), "All, Generated or NotGenerated");
}

order_filter filter_from(const po::variables_map& values) {
    order_filter filter;
    filter.begin = parse_time(values["since"].as<std::string>(), "since");
    if (values.count("until")) filter.end = parse_time(values["until"].as<std::string>(), "until");
    const auto date_type = values["date-type"].as<std::string>();
    if (date_type == "modification") filter.date_type = date_search_type::modification;
    else if (date_type == "purchase") filter.date_type = date_search_type::purchase;
    else if (date_type == "marketplace-modification") filter.date_type = date_search_type::marketplace_modification;
    else throw usage_error("--date-type '" + date_type + "': modification, purchase or marketplace-modification");
    const auto strings = [&](const char* name) {
        return values.count(name) ? values[name].as<std::vector<std::string>>() : std::vector<std::string>{};
    };
    filter.marketplace_technical_codes = strings("marketplace");
    filter.marketplace_business_codes = strings("business-code");
    filter.store_ids = strings("store");
    if (values.count("account")) filter.account_ids = values["account"].as<std::vector<std::int32_t>>();
    for (const auto& status : strings("status")) filter.statuses.emplace_back(status);
    filter.marketplace_order_ids = strings("marketplace-order-id");
    filter.merchant_order_ids = strings("merchant-order-id");
    if (values.count("buyer")) filter.buyer_name = values["buyer"].as<std::string>();
    if (values.count("merchant-info")) filter.merchant_info_sync = values["merchant-info"].as<std::string>();
    if (values.count("invoice")) filter.invoice_availability = values["invoice"].as<std::string>();
    return filter;
}

}  // namespace beezup::cli
