#include "invoices_api.hpp"

#include "invoice_pdf.hpp"
#include "json_writer.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace beezup::sandbox {
namespace {

namespace json = boost::json;

constexpr const char* general_validation = "OrderInvoiceGeneralSettingsValidationFailedException";
constexpr const char* design_validation = "OrderInvoiceDesignSettingsValidationFailedException";
constexpr const char* order_not_found = "OrderNotFoundException";
constexpr const char* already_has_invoice = "OrderAlreadyHasInvoiceException";
constexpr const char* number_used = "OrderInvoiceNumberAlreadyUsedException";
constexpr std::size_t max_html_length = 1000;
constexpr std::size_t max_batch = 100;

api_answer answer(outcome o) { return {std::move(o), {}, false}; }

api_answer not_found() { return answer(outcome::error(404, "ResourceNotFound", "No resource at this path.")); }

// ---------------------------------------------------------------------------------- raw JSON text

std::size_t skip_ws(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    return i;
}

std::size_t skip_string(std::string_view s, std::size_t i) {  // s[i] == '"'
    for (++i; i < s.size(); ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '"') return i + 1;
    }
    return s.size();
}

std::size_t skip_value(std::string_view s, std::size_t i) {
    if (i < s.size() && s[i] == '"') return skip_string(s, i);
    if (i < s.size() && (s[i] == '{' || s[i] == '[')) {
        int depth = 0;
        while (i < s.size()) {
            if (s[i] == '"') {
                i = skip_string(s, i);
                continue;
            }
            if (s[i] == '{' || s[i] == '[') ++depth;
            if (s[i] == '}' || s[i] == ']') {
                if (--depth == 0) return i + 1;
            }
            ++i;
        }
        return i;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
           s[i] != '\r')
        ++i;
    return i;
}

/// The text of the last top-level member `name` of a JSON object that Boost.JSON already parsed,
/// so that numbers are read exactly as sent (5.5 stays 5.5, never a double).
std::string raw_member(std::string_view s, std::string_view name) {
    std::string found;
    std::size_t i = skip_ws(s, 0);
    if (i >= s.size() || s[i] != '{') return found;
    i = skip_ws(s, i + 1);
    while (i < s.size() && s[i] == '"') {
        const auto key_end = skip_string(s, i);
        json::error_code ec;
        const auto key = json::parse(s.substr(i, key_end - i), ec);
        i = skip_ws(s, key_end);
        if (i >= s.size() || s[i] != ':') break;
        const auto start = skip_ws(s, i + 1);
        i = skip_value(s, start);
        if (!ec && key.is_string() && key.get_string() == name) found = std::string(s.substr(start, i - start));
        i = skip_ws(s, i);
        if (i < s.size() && s[i] == ',') i = skip_ws(s, i + 1);
    }
    return found;
}

std::size_t code_points(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool valid_prefix(std::string_view p) {
    return !p.empty() && p.size() <= 50 && std::all_of(p.begin(), p.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '#' || c == '_' ||
               c == '-';
    });
}

bool parse_int32(const std::string& s, std::int32_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

/// A JSON integer >= 0 (a "invoiceSequenceNumber").
std::optional<std::int64_t> sequence_number(const json::value& v) {
    if (v.is_int64() && v.get_int64() >= 0) return v.get_int64();
    return std::nullopt;
}

std::optional<std::string> user_name(const api_call& call) {
    auto it = call.query.find("userName");
    if (it == call.query.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

/// The design settings of a request body, or the validation message.
std::variant<invoice_design_settings, std::string> parse_design(const std::string& body) {
    json::error_code ec;
    auto value = json::parse(body, ec);
    if (ec || !value.is_object()) return std::string("The body must be a JSON object (orderInvoiceDesignSettings).");
    invoice_design_settings design;
    std::string problems;
    for (const auto* name : {"headerContentHtml", "footerContentHtml"}) {
        const auto* v = value.get_object().if_contains(name);
        if (!v) continue;
        if (!v->is_string()) {  // null included: the spec types them as strings
            problems += std::string(problems.empty() ? "" : " ") + name + " must be a string.";
            continue;
        }
        const std::string text(v->get_string());
        if (code_points(text) > max_html_length) {
            problems += std::string(problems.empty() ? "" : " ") + name + " must not exceed " +
                        std::to_string(max_html_length) + " characters.";
            continue;
        }
        (std::string(name) == "headerContentHtml" ? design.header_html : design.footer_html) = text;
    }
    if (!problems.empty()) return problems;
    return design;
}

invoice_general_settings default_general() {
    return {"en", vat_rate{20, 0}, vat_rate{20, 0}, "INV", 1};
}

}  // namespace

invoices_api::invoices_api(order_store& store, invoice_limits limits) : store_(store), limits_(limits) {}

std::optional<api_answer> invoices_api::handle(const api_call& call) {
    const auto& s = call.segments;
    if (s.size() < 5 || s[0] != "v2" || s[1] != "user" || s[2] != "marketplaces" || s[3] != "orders" ||
        s[4] != "invoices")
        return std::nullopt;
    const auto& m = call.method;
    auto not_allowed = [&] {
        return answer(outcome::error(405, "MethodNotAllowed", "The method " + m + " is not allowed here."));
    };
    const auto n = s.size() - 5;
    if (n >= 2 && s[5] == "settings") {
        if (n == 2 && s[6] == "general") return m == "GET" ? get_general() : m == "PUT" ? put_general(call) : not_allowed();
        if (n == 2 && s[6] == "design") return m == "GET" ? get_design() : m == "PUT" ? put_design(call) : not_allowed();
        if (n == 3 && s[6] == "design" && s[7] == "preview") return m == "POST" ? design_preview(call) : not_allowed();
        return not_found();
    }
    if (n == 1 && s[5] == "generate") return m == "POST" ? batch(call) : not_allowed();
    if (n == 1 && s[5] == "getPdfInvoice") return m == "POST" ? pdf(call) : not_allowed();
    if (n == 2 && s[5] == "documents") return m == "GET" ? document(s[6]) : not_allowed();
    if (n == 4 && (s[8] == "generate" || s[8] == "preview")) {
        if (m != "POST") return not_allowed();
        std::int32_t account_id = 0;
        if (!parse_int32(s[6], account_id))
            return answer(outcome::error(404, order_not_found, "No order " + s[7] + " on account " + s[6] + "."));
        return order_invoice(call, order_key{s[5], account_id, s[7]}, s[8] == "generate");
    }
    return not_found();
}

// ------------------------------------------------------------------------------------- settings

api_answer invoices_api::get_general() {
    std::lock_guard lock(mutex_);
    if (!general_)
        return answer(outcome::error(404, "OrderInvoiceGeneralSettingsNotFoundException",
                                     "The order invoice general settings have not been set."));
    json_writer w;
    w.begin_object()
        .member("cultureName", general_->culture_name)
        .key("productVATPercent").raw(general_->product_vat.text())
        .key("shippingVATPercent").raw(general_->shipping_vat.text())
        .member("invoicePrefix", general_->invoice_prefix)
        .member("invoiceStartingSequenceNumber", general_->starting_sequence_number);
    if (last_sequence_) w.member("lastInvoiceSequenceNumber", *last_sequence_);
    w.end_object();
    return answer(outcome::json(w.take()));
}

api_answer invoices_api::put_general(const api_call& call) {
    json::error_code ec;
    auto value = json::parse(call.body, ec);
    if (ec || !value.is_object())
        return answer(outcome::error(400, general_validation, "The body must be a JSON object (orderInvoiceGeneralSettings)."));
    const auto& o = value.get_object();
    std::vector<std::string> problems;
    invoice_general_settings settings;
    auto member = [&](const char* name) -> const json::value* {
        const auto* v = o.if_contains(name);
        if (!v || v->is_null()) {
            problems.push_back(std::string(name) + " is required.");
            return nullptr;
        }
        return v;
    };
    if (const auto* v = member("cultureName")) {
        if (!v->is_string() || (v->get_string() != "en" && v->get_string() != "fr"))
            problems.push_back("cultureName must be \"en\" or \"fr\".");
        else
            settings.culture_name = std::string(v->get_string());
    }
    for (const auto* name : {"productVATPercent", "shippingVATPercent"}) {
        const auto* v = member(name);
        if (!v) continue;
        std::optional<vat_rate> rate;
        if (v->is_number()) rate = vat_rate::parse(raw_member(call.body, name));
        if (!rate) {
            problems.push_back(std::string(name) + " must be a number from 0 to 100 (at most " +
                               std::to_string(vat_rate::max_scale) + " decimals).");
            continue;
        }
        (std::string(name) == "productVATPercent" ? settings.product_vat : settings.shipping_vat) = *rate;
    }
    if (const auto* v = member("invoicePrefix")) {
        if (!v->is_string() || !valid_prefix(v->get_string()))
            problems.push_back("invoicePrefix must match ^[a-zA-Z0-9#_-]{1,50}$.");
        else
            settings.invoice_prefix = std::string(v->get_string());
    }
    if (const auto* v = member("invoiceStartingSequenceNumber")) {
        if (auto number = sequence_number(*v))
            settings.starting_sequence_number = *number;
        else
            problems.push_back("invoiceStartingSequenceNumber must be an integer >= 0.");
    }
    if (!problems.empty()) {
        std::string message = "The general settings are not valid:";
        for (const auto& p : problems) message += " " + p;
        return answer(outcome::error(400, general_validation, message));
    }
    std::lock_guard lock(mutex_);
    general_ = std::move(settings);
    outcome done;
    done.status = 204;
    return answer(done);
}

api_answer invoices_api::get_design() {
    std::lock_guard lock(mutex_);
    if (!design_)
        return answer(outcome::error(404, "OrderInvoiceDesignSettingsNotFoundException",
                                     "The order invoice design settings have not been set."));
    json_writer w;
    w.begin_object();
    if (design_->header_html) w.member("headerContentHtml", *design_->header_html);
    if (design_->footer_html) w.member("footerContentHtml", *design_->footer_html);
    w.end_object();
    return answer(outcome::json(w.take()));
}

api_answer invoices_api::put_design(const api_call& call) {
    auto parsed = parse_design(call.body);
    if (auto* problem = std::get_if<std::string>(&parsed)) return answer(outcome::error(400, design_validation, *problem));
    std::lock_guard lock(mutex_);
    design_ = std::get<invoice_design_settings>(std::move(parsed));
    outcome done;
    done.status = 204;
    return answer(done);
}

api_answer invoices_api::design_preview(const api_call& call) {
    auto parsed = parse_design(call.body);
    if (auto* problem = std::get_if<std::string>(&parsed)) return answer(outcome::error(400, design_validation, *problem));
    invoice_data sample;
    {
        std::lock_guard lock(mutex_);
        sample = sample_invoice(general_.value_or(default_general()), std::get<invoice_design_settings>(parsed),
                                next_sequence(), store_.now());
    }
    json_writer w;
    w.begin_object().member("invoiceHtmlContent", invoice_html(sample)).end_object();
    return answer(outcome::json(w.take()));
}

// ------------------------------------------------------------------------------------- generation

std::optional<outcome> invoices_api::settings_missing() const {
    if (!general_)
        return outcome::error(403, "OrderInvoiceGeneralSettingsNotFoundException",
                              "The required order invoice settings have not been set: save the general settings first.");
    if (!design_)
        return outcome::error(403, "OrderInvoiceDesignSettingsNotFoundException",
                              "The required order invoice settings have not been set: save the design settings first.");
    return std::nullopt;
}

std::optional<outcome> invoices_api::rate_limited() {
    const auto now = store_.now();
    while (!recent_generations_.empty() && now - recent_generations_.front() >= limits_.window)
        recent_generations_.pop_front();
    if (recent_generations_.size() >= limits_.max_generations) {
        auto limited = outcome::error(429, "OrderInvoiceTooManyRequestsException",
                                      "Too many invoice generation requests. Please retry in a few seconds.");
        limited.retry_after_seconds = static_cast<int>(std::max<long long>(
            1, std::chrono::ceil<std::chrono::seconds>(limits_.window - (now - recent_generations_.front())).count()));
        return limited;
    }
    recent_generations_.push_back(now);
    return std::nullopt;
}

std::int64_t invoices_api::next_sequence() const {
    const auto start = general_ ? general_->starting_sequence_number : default_general().starting_sequence_number;
    return last_sequence_ ? std::max(start, *last_sequence_ + 1) : start;
}

std::variant<invoices_api::invoiceable, outcome> invoices_api::check(const order_key& key,
                                                                    std::optional<std::int64_t> sequence) {
    auto copy = store_.with_order(key, [](const order& o) { return o; });
    if (!copy)
        return outcome::error(404, order_not_found,
                              "No order " + key.beezup_order_id + " on " + key.marketplace_technical_code + " account " +
                                  std::to_string(key.account_id) + ".");
    if (copy->beezup_status == "Aborted" || copy->beezup_status == "Canceled")
        return outcome::error(403, "OrderInvoiceGenerationBeezUPOrderStatusForbiddenException",
                              "An order in status " + copy->beezup_status + " cannot be invoiced.");
    if (copy->invoice_number)
        return outcome::error(409, already_has_invoice,
                              "There is already an invoice for this order: " + *copy->invoice_number + ".");
    const auto& prefix = general_->invoice_prefix;
    if (sequence) {
        if (used_numbers_.count(invoice_number(prefix, *sequence)))
            return outcome::error(409, number_used,
                                  "The invoice number " + invoice_number(prefix, *sequence) + " is already used.");
        return invoiceable{std::move(*copy), *sequence};
    }
    auto next = next_sequence();
    while (used_numbers_.count(invoice_number(prefix, next))) ++next;  // e.g. after a prefix change
    return invoiceable{std::move(*copy), next};
}

std::optional<std::string> invoices_api::commit(const order_key& key, const invoiceable& what) {
    stored_invoice stored;
    stored.data = make_invoice(what.o, *general_, *design_, what.sequence, store_.now());
    stored.html = invoice_html(stored.data);
    const auto id = what.o.beezup_order_id;  // one invoice per order
    const auto location = std::string(documents_prefix) + id + ".html";
    const auto number = stored.data.number;
    if (!store_.update_order(key, [&](order& o) {
            o.invoice_number = number;
            o.invoice_uri = location;
        }))
        return std::nullopt;
    used_numbers_.insert(number);
    last_sequence_ = std::max(last_sequence_.value_or(what.sequence), what.sequence);
    documents_[id] = std::move(stored);
    return location;
}

api_answer invoices_api::order_invoice(const api_call& call, const order_key& key, bool generate) {
    if (generate && !user_name(call))
        return answer(outcome::error(400, "UserNameRequired", "The query parameter userName is required."));
    json::error_code ec;
    auto body = json::parse(call.body, ec);
    if (ec || !body.is_object())
        return answer(outcome::error(400, "InvalidRequestBody",
                                     std::string("The body must be a JSON object (") +
                                         (generate ? "generateOrderInvoiceRequest" : "previewOrderInvoiceRequest") + ")."));
    std::optional<std::int64_t> sequence;
    if (const auto* v = body.get_object().if_contains("invoiceSequenceNumber"); v && !v->is_null()) {
        sequence = sequence_number(*v);
        if (!sequence)
            return answer(outcome::error(400, "InvalidRequestBody", "invoiceSequenceNumber must be an integer >= 0."));
    }

    std::lock_guard lock(mutex_);
    if (generate) {
        if (auto limited = rate_limited()) return answer(*limited);
    }
    if (auto missing = settings_missing()) return answer(*missing);
    auto checked = check(key, sequence);
    if (auto* problem = std::get_if<outcome>(&checked)) return answer(*problem);
    const auto& what = std::get<invoiceable>(checked);
    if (!generate) {
        const auto data = make_invoice(what.o, *general_, *design_, what.sequence, store_.now());
        json_writer w;
        w.begin_object().member("invoiceHtmlContent", invoice_html(data)).end_object();
        return answer(outcome::json(w.take()));
    }
    const auto location = commit(key, what);
    if (!location) return answer(outcome::error(404, order_not_found, "No order " + key.beezup_order_id + "."));
    outcome accepted;
    accepted.status = 202;
    accepted.location = *location;
    return answer(accepted);
}

// ------------------------------------------------------------------------------------- batch

namespace {

struct batch_item {
    order_key key;
    std::int64_t sequence = 0;
};

/// The item's fields when they are all present with the right types.
std::optional<batch_item> parse_batch_item(const json::value& v) {
    if (!v.is_object()) return std::nullopt;
    const auto& o = v.get_object();
    const auto* mtc = o.if_contains("marketplaceTechnicalCode");
    const auto* account = o.if_contains("accountId");
    const auto* id = o.if_contains("beezUPOrderUUID");
    const auto* sequence = o.if_contains("invoiceSequenceNumber");
    if (!mtc || !mtc->is_string() || !account || !account->is_int64() || account->get_int64() < INT32_MIN ||
        account->get_int64() > INT32_MAX || !id || !id->is_string() || !sequence || !sequence_number(*sequence))
        return std::nullopt;
    return batch_item{{std::string(mtc->get_string()), static_cast<std::int32_t>(account->get_int64()),
                       std::string(id->get_string())},
                      *sequence_number(*sequence)};
}

void write_request(json_writer& w, const batch_item& item) {
    w.key("request").begin_object()
        .member("marketplaceTechnicalCode", item.key.marketplace_technical_code)
        .member("accountId", static_cast<std::int64_t>(item.key.account_id))
        .member("beezUPOrderUUID", item.key.beezup_order_id)
        .member("invoiceSequenceNumber", item.sequence)
        .end_object();
}

/// Errors of a batch, grouped by type in order of first appearance (generateBatchOrderInvoiceErrorResponse).
class batch_errors {
public:
    void add(const std::string& type, const std::string& message, const std::optional<batch_item>& request) {
        auto it = std::find_if(groups_.begin(), groups_.end(), [&](const group& g) { return g.type == type; });
        if (it == groups_.end()) it = groups_.insert(groups_.end(), group{type, {}});
        it->errors.push_back({message, request});
    }
    bool empty() const { return groups_.empty(); }

    outcome result() const {
        json_writer w;
        w.begin_array();
        std::size_t total = 0;
        for (const auto& g : groups_) {
            total += g.errors.size();
            w.begin_object().member("errorType", g.type)
                .member("count", static_cast<std::int64_t>(g.errors.size()))
                .key("errors").begin_array();
            for (const auto& e : g.errors) {
                w.begin_object().key("errorMessage").begin_object()
                    .member("code", g.type).member("message", e.message).end_object();
                if (e.request) write_request(w, *e.request);
                w.end_object();
            }
            w.end_array().end_object();
        }
        w.end_array();
        // The body is the spec's array; code and message summarise it for the generic error body.
        auto o = outcome::error(400, groups_.front().type,
                                std::to_string(total) + " invoice request(s) of the batch were rejected: " +
                                    groups_.front().errors.front().message);
        o.body = w.take();
        return o;
    }

private:
    struct entry {
        std::string message;
        std::optional<batch_item> request;
    };
    struct group {
        std::string type;
        std::vector<entry> errors;
    };
    std::vector<group> groups_;
};

}  // namespace

api_answer invoices_api::batch(const api_call& call) {
    batch_errors errors;
    if (!user_name(call)) {
        errors.add("UserNameRequired", "The query parameter userName is required.", std::nullopt);
        return answer(errors.result());
    }
    json::error_code ec;
    auto body = json::parse(call.body, ec);
    if (ec || !body.is_array()) {
        errors.add("InvalidRequestBody", "The body must be a JSON array (generateBatchOrderInvoiceRequest).", std::nullopt);
        return answer(errors.result());
    }
    const auto& items = body.get_array();
    if (items.empty() || items.size() > max_batch) {
        errors.add("InvalidRequestBody",
                   "A batch holds from 1 to " + std::to_string(max_batch) + " invoice requests; got " +
                       std::to_string(items.size()) + ".",
                   std::nullopt);
        return answer(errors.result());
    }

    std::lock_guard lock(mutex_);
    if (auto limited = rate_limited()) return answer(*limited);
    if (auto missing = settings_missing()) return answer(*missing);

    std::vector<std::pair<batch_item, invoiceable>> accepted;
    std::set<std::string> orders_in_batch, numbers_in_batch;
    std::size_t position = 0;
    for (const auto& v : items) {
        ++position;
        const auto item = parse_batch_item(v);
        if (!item) {
            errors.add("InvalidRequestBody",
                       "Item " + std::to_string(position) +
                           ": marketplaceTechnicalCode (string), accountId (integer), beezUPOrderUUID (string) and "
                           "invoiceSequenceNumber (integer >= 0) are required.",
                       std::nullopt);
            continue;
        }
        auto checked = check(item->key, item->sequence);
        if (auto* problem = std::get_if<outcome>(&checked)) {
            errors.add(problem->error_code, problem->error_message, item);
            continue;
        }
        const auto number = invoice_number(general_->invoice_prefix, item->sequence);
        if (!orders_in_batch.insert(item->key.beezup_order_id).second) {
            errors.add(already_has_invoice, "The order " + item->key.beezup_order_id + " appears twice in the batch.", item);
            continue;
        }
        if (!numbers_in_batch.insert(number).second) {
            errors.add(number_used, "The invoice number " + number + " appears twice in the batch.", item);
            continue;
        }
        accepted.emplace_back(*item, std::move(std::get<invoiceable>(checked)));
    }
    if (!errors.empty()) return answer(errors.result());

    json_writer w;
    w.begin_array();
    for (const auto& [item, what] : accepted) {
        const auto location = commit(item.key, what);
        w.begin_object()
            .member("marketplaceTechnicalCode", item.key.marketplace_technical_code)
            .member("accountId", static_cast<std::int64_t>(item.key.account_id))
            .member("beezUPOrderUUID", item.key.beezup_order_id)
            .member("invoiceSequenceNumber", item.sequence);
        if (location) w.member("invoiceLocation", *location);
        w.end_object();
    }
    w.end_array();
    return answer(outcome::json(w.take(), 202));
}

// ------------------------------------------------------------------------------------- documents

namespace {

/// The document id of an invoice URI: ".../invoices/documents/{id}.html", relative or absolute.
std::optional<std::string> document_id(std::string uri) {
    if (auto scheme = uri.find("://"); scheme != std::string::npos) {
        const auto path = uri.find('/', scheme + 3);
        uri = path == std::string::npos ? std::string("/") : uri.substr(path);
    }
    uri = uri.substr(0, uri.find_first_of("?#"));
    const std::string prefix = invoices_api::documents_prefix;
    if (uri.rfind(prefix, 0) != 0) return std::nullopt;
    auto name = uri.substr(prefix.size());
    if (name.size() <= 5 || name.compare(name.size() - 5, 5, ".html") != 0) return std::nullopt;
    return name.substr(0, name.size() - 5);
}

}  // namespace

api_answer invoices_api::pdf(const api_call& call) {
    json::error_code ec;
    auto body = json::parse(call.body, ec);
    const json::value* uri = !ec && body.is_object() ? body.get_object().if_contains("orderInvoiceUri") : nullptr;
    if (!uri || !uri->is_string())
        return answer(outcome::error(400, "InvalidRequestBody",
                                     "The body must be {\"orderInvoiceUri\": \"<the invoice location>\"}."));
    const auto id = document_id(std::string(uri->get_string()));
    invoice_data data;
    {
        std::lock_guard lock(mutex_);
        const auto it = id ? documents_.find(*id) : documents_.end();
        if (it == documents_.end())
            return answer(outcome::error(404, "OrderInvoiceNotFoundException",
                                         "No order invoice at " + std::string(uri->get_string()) + "."));
        data = it->second.data;
    }
    outcome o;
    o.body = invoice_pdf(data);  // a libharu failure becomes the server's 500
    o.content_type = "application/pdf";
    return answer(std::move(o));
}

api_answer invoices_api::document(const std::string& name) {
    const bool as_pdf = name.size() > 4 && name.compare(name.size() - 4, 4, ".pdf") == 0;
    const bool as_html = name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0;
    const auto id = as_pdf ? name.substr(0, name.size() - 4) : as_html ? name.substr(0, name.size() - 5) : std::string();
    std::lock_guard lock(mutex_);
    const auto it = as_pdf || as_html ? documents_.find(id) : documents_.end();
    if (it == documents_.end())
        return answer(outcome::error(404, "OrderInvoiceNotFoundException", "No order invoice " + name + "."));
    outcome o;
    if (as_pdf) {
        o.body = invoice_pdf(it->second.data);
        o.content_type = "application/pdf";
    } else {
        o.body = it->second.html;
        o.content_type = "text/html; charset=utf-8";
    }
    return answer(std::move(o));
}

}  // namespace beezup::sandbox
