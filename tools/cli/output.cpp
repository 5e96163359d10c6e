#include "output.hpp"

#include "arguments.hpp"

#include <algorithm>
#include <iomanip>

namespace beezup::cli {
namespace {

namespace json = boost::json;

template <class T>
json::value optional_value(const std::optional<T>& v) {
    if (!v) return nullptr;
    if constexpr (std::is_same_v<T, decimal>) return json::value(v->to_string());
    else if constexpr (std::is_same_v<T, utc_time>) return json::value(format_time(*v));
    else return json::value(*v);
}

std::string text(const std::optional<std::string>& v) { return v.value_or(""); }
std::string text(const std::optional<decimal>& v) { return v ? v->to_string() : ""; }

json::object to_json(const address& a) {
    return {{"civility", optional_value(a.civility)},         {"first_name", optional_value(a.first_name)},
            {"last_name", optional_value(a.last_name)},       {"company_name", optional_value(a.company_name)},
            {"line1", optional_value(a.line1)},               {"line2", optional_value(a.line2)},
            {"line3", optional_value(a.line3)},               {"postal_code", optional_value(a.postal_code)},
            {"city", optional_value(a.city)},                 {"state_or_region", optional_value(a.state_or_region)},
            {"country_iso2", optional_value(a.country_iso2)}, {"country_name", optional_value(a.country_name)},
            {"phone", optional_value(a.phone)},               {"mobile_phone", optional_value(a.mobile_phone)},
            {"email", optional_value(a.email)}};
}

/// Fields the SDK keeps as raw JSON text, back as JSON.
json::object raw_fields(const named_values<std::string>& extra) {
    json::object out;
    for (const auto& [name, raw] : extra) {
        boost::system::error_code ec;
        auto value = json::parse(raw, ec);
        out[name] = ec ? json::value(raw) : std::move(value);
    }
    return out;
}

json::object to_json(const order_item& item) {
    return {{"beezup_order_item_id", item.beezup_order_item_id},
            {"item_type", item.item_type},
            {"store_id", optional_value(item.store_id)},
            {"title", optional_value(item.title)},
            {"gtin", optional_value(item.gtin)},
            {"condition", optional_value(item.condition)},
            {"marketplace_product_id", optional_value(item.marketplace_product_id)},
            {"merchant_product_id", optional_value(item.merchant_product_id)},
            {"image_url", optional_value(item.image_url)},
            {"quantity", optional_value(item.quantity)},
            {"item_price", optional_value(item.item_price)},
            {"item_tax", optional_value(item.item_tax)},
            {"shipping_price", optional_value(item.shipping_price)},
            {"total_price", optional_value(item.total_price)},
            {"extra", raw_fields(item.extra)}};
}

}  // namespace

void add_format_options(po::options_description& options, bool with_csv) {
    options.add_options()("json", po::bool_switch(), "one JSON object per line");
    if (with_csv)
        options.add_options()("csv", po::bool_switch(), "CSV, one row per order item (the columns of the SDK's csv_writer)")(
            "separator", po::value<char>()->default_value(','), "CSV separator: ',' or ';'");
}

output_format format_from(const po::variables_map& values) {
    const bool as_json = flag_set(values, "json");
    const bool as_csv = flag_set(values, "csv");
    if (as_json && as_csv) throw usage_error("--json and --csv exclude each other");
    return as_json ? output_format::json : as_csv ? output_format::csv : output_format::table;
}

void text_table::print(std::ostream& out) const {
    std::vector<std::size_t> widths;
    for (const auto& row : rows_) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto& row : rows_) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
        }
        out << line << "\n";
    }
}

std::string key_text(const order_key& key) {
    return key.marketplace_technical_code + "/" + std::to_string(key.account_id) + "/" + key.beezup_order_id;
}

json::object to_json(const order& o) {
    json::array items, changes;
    for (const auto& item : o.items) items.push_back(to_json(item));
    for (const auto& change : o.allowed_changes) {
        json::array parameters;
        for (const auto& p : change.parameters)
            parameters.push_back({{"name", p.name}, {"type", p.type}, {"required", p.required}, {"lov", optional_value(p.lov_href)}});
        changes.push_back({{"type", change.type.str()}, {"parameters", std::move(parameters)}});
    }
    return {{"key", key_text(o.key)},
            {"marketplace_technical_code", o.key.marketplace_technical_code},
            {"account_id", o.key.account_id},
            {"beezup_order_id", o.key.beezup_order_id},
            {"marketplace_business_code", o.marketplace_business_code},
            {"marketplace_order_id", o.marketplace_order_id},
            {"status", o.status.str()},
            {"marketplace_status", optional_value(o.marketplace_status)},
            {"processing", o.processing},
            {"etag", o.etag},
            {"purchase_date", format_time(o.purchase_date)},
            {"last_modification_date", format_time(o.last_modification_date)},
            {"marketplace_last_modification_date", format_time(o.marketplace_last_modification_date)},
            {"buyer_name", optional_value(o.buyer_name)},
            {"currency_code", optional_value(o.currency_code)},
            {"total_price", optional_value(o.total_price)},
            {"total_tax", optional_value(o.total_tax)},
            {"total_commission", optional_value(o.total_commission)},
            {"shipping_price", optional_value(o.shipping_price)},
            {"shipping_tax", optional_value(o.shipping_tax)},
            {"shipping_method", optional_value(o.shipping_method)},
            {"payment_method", optional_value(o.payment_method)},
            {"paying_date", optional_value(o.paying_date)},
            {"earliest_ship_date", optional_value(o.earliest_ship_date)},
            {"latest_ship_date", optional_value(o.latest_ship_date)},
            {"merchant_order_id", optional_value(o.merchant_order_id)},
            {"invoice_number", optional_value(o.invoice_number)},
            {"comment", optional_value(o.comment)},
            {"buyer", to_json(o.buyer)},
            {"shipping", to_json(o.shipping)},
            {"items", std::move(items)},
            {"allowed_changes", std::move(changes)},
            {"extra", raw_fields(o.extra)}};
}

json::object to_json(const change_report& r) {
    return {{"execution_id", r.execution_id},
            {"type", r.type.str()},
            {"processing_status", r.processing_status},
            {"error_message", optional_value(r.error_message)},
            {"test_mode", r.test_mode},
            {"creation_date", format_time(r.creation_date)},
            {"last_update_date", format_time(r.last_update_date)},
            {"user_name", optional_value(r.user_name)}};
}

order_printer::order_printer(std::ostream& out, output_format format, char csv_separator)
    : out_(out), format_(format), table_({"KEY", "MARKETPLACE ORDER", "STATUS", "PURCHASED", "TOTAL", "BUYER"}) {
    if (format == output_format::csv) {
        csv_options options;
        options.separator = csv_separator;
        csv_ = std::make_unique<csv_writer>(out, options);
    }
}

void order_printer::print(const order& o) {
    switch (format_) {
    case output_format::json: out_ << json::serialize(to_json(o)) << "\n"; break;
    case output_format::csv: csv_->write(o); break;
    case output_format::table:
        table_.add({key_text(o.key), o.marketplace_order_id, o.status.str(), format_time(o.purchase_date),
                    o.total_price ? o.total_price->to_string() + " " + o.currency_code.value_or("") : "", text(o.buyer_name)});
        break;
    }
}

void order_printer::finish() {
    if (format_ == output_format::table) table_.print(out_);
    out_.flush();
}

void describe(std::ostream& out, const order& o) {
    const auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) out << std::left << std::setw(22) << label << value << "\n";
    };
    line("order", key_text(o.key));
    line("marketplace", o.marketplace_business_code + " order " + o.marketplace_order_id);
    line("status", o.status.str() + (o.marketplace_status ? " (marketplace: " + *o.marketplace_status + ")" : "") +
                       (o.processing ? ", a change is in progress" : ""));
    line("purchased", format_time(o.purchase_date));
    line("last modified", format_time(o.last_modification_date));
    line("total", text(o.total_price) + " " + text(o.currency_code));
    line("buyer", text(o.buyer_name));
    const auto& s = o.shipping;
    line("ship to", text(s.first_name) + " " + text(s.last_name) + ", " + text(s.line1) + ", " + text(s.postal_code) + " " +
                        text(s.city) + " " + text(s.country_iso2));
    line("shipping method", text(o.shipping_method));
    line("merchant order id", text(o.merchant_order_id));
    line("invoice", text(o.invoice_number));
    out << "items\n";
    text_table items({"  QTY", "TITLE", "SKU", "PRICE"});
    for (const auto& item : o.items)
        items.add({"  " + text(item.quantity), text(item.title), text(item.merchant_product_id), text(item.total_price)});
    items.print(out);
    out << "allowed changes\n";
    for (const auto& change : o.allowed_changes) {
        out << "  " << change.type.str();
        std::string separator = ": ";
        for (const auto& p : change.parameters) {
            out << separator << p.name << (p.required ? "" : "?");
            separator = ", ";
        }
        out << "\n";
    }
    if (o.allowed_changes.empty()) out << "  none\n";
}

}  // namespace beezup::cli
