// beezup lov, beezup invoices ..., beezup auto-accept ...

#include "arguments.hpp"
#include "commands.hpp"
#include "interruption.hpp"
#include "output.hpp"
#include "settings.hpp"

#include <beezup/beezup.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace beezup::cli {
namespace {

namespace json = boost::json;

int lov(const po::variables_map& values) {
    client c(client_options_from(values));
    const auto list = c.get_list_of_values(string_of(values, "name"), string_of(values, "language"), lov_scope::user, interruptible());
    if (format_from(values) == output_format::json) {
        for (const auto& item : list.items)
            std::cout << json::serialize(json::object{{"code", item.code_identifier},
                                                      {"label", item.translation_text ? json::value(*item.translation_text) : json::value(nullptr)}})
                      << "\n";
        return exit_status::ok;
    }
    text_table table({"CODE", "LABEL"});
    for (const auto& item : list.items) table.add({item.code_identifier, item.translation_text.value_or("")});
    table.print(std::cout);
    return exit_status::ok;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw usage_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

decimal percent(const po::variables_map& values, const char* name) {
    const auto parsed = decimal::parse(string_of(values, name));
    if (!parsed) throw usage_error("--" + std::string(name) + " '" + string_of(values, name) + "' is not a number");
    return *parsed;
}

int invoice_settings(const po::variables_map& values) {
    client c(client_options_from(values));
    auto invoices = c.invoices();
    const bool design = values.count("header-html") || values.count("footer-html");
    if (design) {
        invoice_design_settings settings;
        if (values.count("header-html")) settings.header_html = read_file(string_of(values, "header-html"));
        if (values.count("footer-html")) settings.footer_html = read_file(string_of(values, "footer-html"));
        invoices.save_design_settings(settings, interruptible());
        std::cerr << "design saved\n";
    }
    const bool general = values.count("language") || values.count("product-vat") || values.count("shipping-vat") ||
                         values.count("prefix") || values.count("starting-number");
    std::optional<invoice_general_settings> current;
    try {
        current = invoices.general_settings(interruptible());
    } catch (const not_found_error&) {
        // A new account has none: the flags then describe them from scratch.
        if (general) current.emplace();
        else if (design) return exit_status::ok;
        else
            throw not_found_error("no invoice settings yet: set them with --language, --product-vat, --shipping-vat, "
                                  "--prefix and --starting-number (and the design with --header-html, --footer-html)",
                                  {});
    }
    auto& settings = *current;
    if (values.count("language")) settings.culture_name = string_of(values, "language");
    if (values.count("product-vat")) settings.product_vat_percent = percent(values, "product-vat");
    if (values.count("shipping-vat")) settings.shipping_vat_percent = percent(values, "shipping-vat");
    if (values.count("prefix")) settings.invoice_prefix = string_of(values, "prefix");
    if (values.count("starting-number")) settings.starting_sequence_number = values["starting-number"].as<std::int64_t>();
    if (general) {
        invoices.save_general_settings(settings, interruptible());  // checked against the API's rules first
        std::cerr << "saved\n";
    }
    const json::object shown{{"language", settings.culture_name},
                             {"product_vat_percent", settings.product_vat_percent.to_string()},
                             {"shipping_vat_percent", settings.shipping_vat_percent.to_string()},
                             {"prefix", settings.invoice_prefix},
                             {"starting_number", settings.starting_sequence_number},
                             {"last_number", settings.last_sequence_number ? json::value(*settings.last_sequence_number) : json::value(nullptr)}};
    if (format_from(values) == output_format::json) {
        std::cout << json::serialize(shown) << "\n";
        return exit_status::ok;
    }
    text_table table({"SETTING", "VALUE"});
    for (const auto& [name, value] : shown) table.add({std::string(name), value.is_string() ? std::string(value.as_string()) : json::serialize(value)});
    table.print(std::cout);
    return exit_status::ok;
}

int generate(const po::variables_map& values) {
    client c(client_options_from(values));
    auto invoices = c.invoices();
    std::vector<order_key> keys;
    for (const auto& text : values["key"].as<std::vector<std::string>>()) keys.push_back(parse_order_key(text));
    const std::optional<std::string> pdf_folder = values.count("pdf") ? std::optional(string_of(values, "pdf")) : std::nullopt;
    if (pdf_folder) std::filesystem::create_directories(*pdf_folder);
    const auto download = [&](const order_key& key, const std::string& location) {
        if (!pdf_folder) return;
        const auto path = (std::filesystem::path(*pdf_folder) / (key.beezup_order_id + ".pdf")).string();
        invoices.download_pdf(location, path, interruptible());
        std::cerr << "  saved " << path << "\n";
    };
    std::optional<std::int64_t> number;
    if (values.count("number")) number = values["number"].as<std::int64_t>();
    if (keys.size() == 1) {
        const auto invoice = invoices.generate(keys.front(), number, interruptible());
        std::cout << key_text(invoice.key) << "\t" << (invoice.sequence_number ? std::to_string(*invoice.sequence_number) : "")
                  << "\t" << invoice.location << "\n";
        download(invoice.key, invoice.location);
        return exit_status::ok;
    }
    if (!number) throw usage_error("several orders need --number: the first invoice's number (the next ones follow)");
    int failures = 0;
    for (const auto& result : invoices.generate_batch(keys, *number, interruptible())) {
        std::cout << key_text(result.key) << "\t" << result.sequence_number << "\t"
                  << (result.success ? result.location.value_or("") : "failed: " + (result.errors.empty() ? "" : result.errors.front().message))
                  << "\n";
        if (result.success && result.location) download(result.key, *result.location);
        failures += result.success ? 0 : 1;
    }
    return failures ? exit_status::failed : exit_status::ok;
}

int auto_accept_list(const po::variables_map& values) {
    client c(client_options_from(values));
    const auto accounts = c.automatic_transitions().auto_acceptance(interruptible());
    if (format_from(values) == output_format::json) {
        for (const auto& a : accounts)
            std::cout << json::serialize(json::object{{"marketplace_technical_code", a.marketplace_technical_code},
                                                      {"marketplace_business_code", a.marketplace_business_code},
                                                      {"account_id", a.account_id},
                                                      {"enabled", a.enabled}})
                      << "\n";
        return exit_status::ok;
    }
    text_table table({"ACCOUNT", "BUSINESS CODE", "AUTO-ACCEPT"});
    for (const auto& a : accounts)
        table.add({a.marketplace_technical_code + "/" + std::to_string(a.account_id), a.marketplace_business_code, a.enabled ? "on" : "off"});
    table.print(std::cout);
    return exit_status::ok;
}

template <bool enabled>
int auto_accept_switch(const po::variables_map& values) {
    client c(client_options_from(values));
    const auto account = parse_order_key(string_of(values, "account") + "/-");  // MARKETPLACE/ACCOUNT
    c.automatic_transitions().set_auto_acceptance(account.marketplace_technical_code, account.account_id, enabled, interruptible());
    if (enabled)
        std::cerr << "auto-acceptance on: every new order of " << string_of(values, "account")
                  << " is accepted as it arrives. An accepted order is a promise to the buyer; cancelling it later counts "
                     "against your rating.\n";
    else
        std::cerr << "auto-acceptance off for " << string_of(values, "account") << "\n";
    return exit_status::ok;
}

}  // namespace

command lov_command() {
    return {"lov", "Show a list of values (carriers, statuses, reasons...): the codes a change accepts.",
            [](po::options_description& o) {
                o.add_options()("language", po::value<std::string>()->default_value(""), "labels' language, e.g. fr");
                add_format_options(o, false);
            },
            {"NAME"}, true, lov, {}, {}};
}

command invoices_command() {
    return {"invoices", "Invoice settings and invoice generation.", {}, {}, true, {},
            {
                {"settings", "Show the invoice settings; with flags, change them (checked before anything is sent).",
                 [](po::options_description& o) {
                     o.add_options()("language", po::value<std::string>(), "fr or en")("product-vat", po::value<std::string>(), "percent, e.g. 20")(
                         "shipping-vat", po::value<std::string>(), "percent")("prefix", po::value<std::string>(), "e.g. FA-2026-")(
                         "starting-number", po::value<std::int64_t>(), "the first invoice's number")(
                         "header-html", po::value<std::string>(), "file: the invoices' header (HTML)")(
                         "footer-html", po::value<std::string>(), "file: the invoices' footer (HTML)");
                     add_format_options(o, false);
                 },
                 {}, true, invoice_settings, {}, {}},
                {"generate", "Generate the invoice of one order, or of several with consecutive numbers.",
                 [](po::options_description& o) {
                     o.add_options()("number", po::value<std::int64_t>(), "the (first) invoice's number")(
                         "pdf", po::value<std::string>(), "download each invoice's PDF into this folder");
                 },
                 {"KEY..."}, true, generate, {}, {}},
            },
            {}};
}

command auto_accept_command() {
    const std::vector<std::string> account{"ACCOUNT"};
    return {"auto-accept", "Automatic acceptance of new orders, per marketplace account (MARKETPLACE/ACCOUNT).", {}, {}, true, {},
            {
                {"list", "The accounts where auto-acceptance is available, and whether it is on.",
                 [](po::options_description& o) { add_format_options(o, false); }, {}, true, auto_accept_list, {}, {}},
                {"enable", "Accept every new order of the account as it arrives.", {}, account, true, auto_accept_switch<true>, {}, {}},
                {"disable", "Stop accepting the account's new orders automatically.", {}, account, true, auto_accept_switch<false>, {}, {}},
            },
            {}};
}

}  // namespace beezup::cli
