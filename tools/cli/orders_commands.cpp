// beezup orders ... and beezup sync.

#include "arguments.hpp"
#include "commands.hpp"
#include "interruption.hpp"
#include "output.hpp"
#include "progress_bar.hpp"
#include "settings.hpp"

#include <beezup/beezup.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace beezup::cli {
namespace {

client client_for(const po::variables_map& values) { return client(client_options_from(values)); }

int list(const po::variables_map& values) {
    auto c = client_for(values);
    const auto filter = filter_from(values);
    order_printer printer(std::cout, format_from(values), values["separator"].as<char>());
    const auto limit = values["limit"].as<std::size_t>();
    std::size_t printed = 0;
    for (const auto& o : c.orders().all(filter, interruptible())) {
        if (limit && printed == limit) break;
        printer.print(o);
        ++printed;
    }
    printer.finish();
    return exit_status::ok;
}

int show(const po::variables_map& values) {
    auto c = client_for(values);
    const auto o = c.orders().get(parse_order_key(string_of(values, "key")), interruptible());
    if (format_from(values) == output_format::json) std::cout << boost::json::serialize(to_json(o)) << "\n";
    else describe(std::cout, o);
    return exit_status::ok;
}

/// Writes through a file next to `path`, renamed over it once complete: an interrupted export
/// leaves no half file behind.
template <class Write>
void write_atomically(const std::string& path, Write write) {
    const auto partial = path + ".part";
    try {
        write(partial);
        std::filesystem::rename(partial, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw;
    }
}

int export_orders(const po::variables_map& values) {
    auto c = client_for(values);
    const auto filter = filter_from(values);
    const auto path = string_of(values, "csv");
    if (values.count("exportation")) {
        // BeezUP builds the file (its exportation) and the SDK downloads it.
        write_atomically(path, [&](const std::string& partial) {
            c.orders().export_csv(string_of(values, "exportation"), filter, partial, interruptible());
        });
        std::cerr << "exported (BeezUP's exportation) to " << path << "\n";
        return exit_status::ok;
    }
    std::size_t rows = 0, orders = 0;
    write_atomically(path, [&](const std::string& partial) {
        std::ofstream out(partial, std::ios::binary);
        if (!out) throw std::runtime_error("cannot write " + partial);
        csv_options options;
        options.separator = values["separator"].as<char>();
        csv_writer writer(out, options);
        progress_bar progress(std::cerr, STDERR_FILENO, c.orders().count(filter, interruptible()), "orders");
        for (const auto& o : c.orders().all(filter, interruptible())) {
            writer.write(o);
            ++orders;
            progress.advance();
        }
        progress.finish();
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + partial);
        rows = writer.rows();
    });
    std::cerr << "exported " << orders << " orders (" << rows << " rows) to " << path << "\n";
    return exit_status::ok;
}

void change_options(po::options_description& options) {
    options.add_options()("test-mode", po::bool_switch(), "BeezUP checks the change but sends nothing to the marketplace")(
        "no-wait", po::bool_switch(), "return once BeezUP has accepted the change, without waiting for the marketplace");
    add_format_options(options, false);
}

/// Follows a change the way every change command reports it.
int follow(change_handle handle, const po::variables_map& values, const std::string& what) {
    const auto key = key_text(handle.key());
    const bool as_json = format_from(values) == output_format::json;
    if (flag_set(values, "test-mode")) {
        std::cerr << what << " " << key << ": accepted in test mode; nothing was sent to the marketplace\n";
        return exit_status::ok;
    }
    std::cerr << what << " " << key << ": execution " << handle.execution_id()
              << (handle.recovered() ? " (made by this call before its answer was lost; not sent twice)" : "") << "\n";
    if (flag_set(values, "no-wait")) {
        if (as_json) std::cout << boost::json::serialize(boost::json::object{{"key", key}, {"execution_id", handle.execution_id()}}) << "\n";
        return exit_status::ok;
    }
    std::cerr << "waiting for the marketplace...\n";
    const auto o = handle.wait(interruptible());
    if (as_json) std::cout << boost::json::serialize(to_json(o)) << "\n";
    else std::cout << key << " " << o.status.str() << " (marketplace: " << o.marketplace_status.value_or("?") << ")\n";
    return exit_status::ok;
}

int ship(const po::variables_map& values) {
    auto c = client_for(values);
    shipment parcel;
    parcel.carrier = string_of(values, "carrier");
    parcel.shipping_method = string_of(values, "method");
    parcel.tracking_number = string_of(values, "tracking");
    if (values.count("tracking-url")) parcel.tracking_url = string_of(values, "tracking-url");
    if (values.count("shipped-at")) parcel.fulfillment_date = parse_time(string_of(values, "shipped-at"), "shipped-at");
    const auto key = parse_order_key(string_of(values, "key"));
    return follow(c.orders().ship(key, parcel, interruptible(flag_set(values, "test-mode"))), values, "ship");
}

int accept(const po::variables_map& values) {
    auto c = client_for(values);
    const auto key = parse_order_key(string_of(values, "key"));
    return follow(c.orders().accept(key, interruptible(flag_set(values, "test-mode"))), values, "accept");
}

int cancel(const po::variables_map& values) {
    auto c = client_for(values);
    const auto key = parse_order_key(string_of(values, "key"));
    return follow(c.orders().cancel(key, string_of(values, "reason"), interruptible(flag_set(values, "test-mode"))), values,
                  "cancel");
}

int refund(const po::variables_map& values) {
    auto c = client_for(values);
    const auto key = parse_order_key(string_of(values, "key"));
    return follow(c.orders().refund(key, string_of(values, "reason"), interruptible(flag_set(values, "test-mode"))), values,
                  "refund");
}

int harvest(const po::variables_map& values) {
    auto c = client_for(values);
    const bool all = flag_set(values, "all");
    const int targets = (values.count("order") ? 1 : 0) + (values.count("account") ? 1 : 0) + (all ? 1 : 0);
    if (targets != 1) throw usage_error("name what to harvest: --order KEY, --account MARKETPLACE/ACCOUNT or --all");
    if (values.count("order")) {
        c.orders().harvest(parse_order_key(string_of(values, "order")), interruptible());
    } else if (values.count("account")) {
        // An order key without its order id: MARKETPLACE/ACCOUNT.
        const auto account = parse_order_key(string_of(values, "account") + "/-");
        c.orders().harvest_account(account.marketplace_technical_code, account.account_id, interruptible());
    } else {
        c.orders().harvest_all(interruptible());
    }
    std::cerr << "harvest requested; 'beezup orders accounts' shows when each account was last harvested\n";
    return exit_status::ok;
}

int accounts(const po::variables_map& values) {
    auto c = client_for(values);
    const auto statuses = c.orders().synchronization_status(interruptible());
    if (format_from(values) == output_format::json) {
        for (const auto& s : statuses)
            std::cout << boost::json::serialize(boost::json::object{
                             {"marketplace_technical_code", s.marketplace_technical_code},
                             {"marketplace_business_code", s.marketplace_business_code},
                             {"account_id", s.account_id},
                             {"completed_harvest_date", s.completed_harvest_date ? boost::json::value(format_time(*s.completed_harvest_date))
                                                                                 : boost::json::value(nullptr)}})
                      << "\n";
        return exit_status::ok;
    }
    text_table table({"MARKETPLACE", "BUSINESS CODE", "ACCOUNT", "LAST HARVEST"});
    for (const auto& s : statuses)
        table.add({s.marketplace_technical_code, s.marketplace_business_code, std::to_string(s.account_id),
                   s.completed_harvest_date ? format_time(*s.completed_harvest_date) : "never"});
    table.print(std::cout);
    return exit_status::ok;
}

int history(const po::variables_map& values) {
    auto c = client_for(values);
    const auto reports = c.orders().history(parse_order_key(string_of(values, "key")), interruptible());
    if (format_from(values) == output_format::json) {
        for (const auto& r : reports) std::cout << boost::json::serialize(to_json(r)) << "\n";
        return exit_status::ok;
    }
    text_table table({"CREATED", "CHANGE", "STATUS", "USER", "TEST", "EXECUTION", "ERROR"});
    for (const auto& r : reports)
        table.add({format_time(r.creation_date), r.type.str(), r.processing_status, r.user_name.value_or(""),
                   r.test_mode ? "yes" : "", r.execution_id, r.error_message.value_or("")});
    table.print(std::cout);
    return exit_status::ok;
}

int sync(const po::variables_map& values) {
    if (values.count("until")) throw usage_error("a sync reads up to now: --until does not apply");
    auto c = client_for(values);
    const auto store = make_checkpoint_store(store_location(values, "checkpoint"));  // a SQLite path or a postgresql:// URL
    order_sync_options options;
    options.name = string_of(values, "name");
    options.filter = filter_from(values);
    options.initial_since = options.filter.begin;
    order_sync sync(c, *store, options);
    // Each order is printed before the checkpoint moves past it: an interrupted sync hands the
    // unprinted ones over again next time, never skips them.
    const auto handed =
        sync.run([](const order& o) { std::cout << boost::json::serialize(to_json(o)) << "\n" << std::flush; }, interruptible());
    std::cerr << handed << " orders new or changed since the last sync\n";
    return exit_status::ok;
}

}  // namespace

command orders_command() {
    const auto key_argument = std::vector<std::string>{"KEY"};
    return {
        "orders", "Read and change orders.", {}, {}, true, {},
        {
            {"list", "List the orders of a period (the last 7 days by default), with filters.",
             [](po::options_description& o) {
                 add_filter_options(o, "7d");
                 add_format_options(o, true);
                 o.add_options()("limit", po::value<std::size_t>()->default_value(0), "at most this many orders (0: all)");
             },
             {}, true, list, {}, {}},
            {"show", "Show one order: addresses, items and the changes it allows now.",
             [](po::options_description& o) { add_format_options(o, false); }, key_argument, true, show, {}, {}},
            {"export", "Write the orders of a period to a CSV file (one row per item), with a progress bar.",
             [](po::options_description& o) {
                 o.add_options()("csv", po::value<std::string>()->required(), "the file to write")(
                     "separator", po::value<char>()->default_value(','), "CSV separator: ',' or ';'")(
                     "exportation", po::value<std::string>(), "let BeezUP build the file for this store id (its exportation)");
                 add_filter_options(o, "30d");
             },
             {}, true, export_orders, {}, {}},
            {"ship", "Ship an order with its tracking number, then wait for the marketplace.",
             [](po::options_description& o) {
                 o.add_options()("carrier", po::value<std::string>()->required(), "a code of the marketplace's carrier list ('beezup lov')")(
                     "method", po::value<std::string>()->default_value("Standard"), "shipping method")(
                     "tracking", po::value<std::string>()->required(), "tracking number")(
                     "tracking-url", po::value<std::string>(), "tracking page")(
                     "shipped-at", po::value<std::string>(), "when it left (default: now)");
                 change_options(o);
             },
             key_argument, true, ship, {}, {}},
            {"accept", "Accept an order (marketplaces with an acceptance step), then wait for the marketplace.", change_options,
             key_argument, true, accept, {}, {}},
            {"cancel", "Cancel an order, then wait for the marketplace.",
             [](po::options_description& o) {
                 o.add_options()("reason", po::value<std::string>()->required(), "why: a code of the marketplace's reason list when it has one (see 'orders show', 'beezup lov')");
                 change_options(o);
             },
             key_argument, true, cancel, {}, {}},
            {"refund", "Refund an order, then wait for the marketplace.",
             [](po::options_description& o) {
                 o.add_options()("reason", po::value<std::string>()->required(), "why: a code of the marketplace's reason list when it has one (see 'orders show', 'beezup lov')");
                 change_options(o);
             },
             key_argument, true, refund, {}, {}},
            {"harvest", "Ask BeezUP to fetch an order, an account or every account from the marketplaces again.",
             [](po::options_description& o) {
                 o.add_options()("order", po::value<std::string>(), "one order: MARKETPLACE/ACCOUNT/ID")(
                     "account", po::value<std::string>(), "one account: MARKETPLACE/ACCOUNT")("all", po::bool_switch(), "every account");
             },
             {}, true, harvest, {}, {}},
            {"accounts", "List the marketplace accounts and when BeezUP last harvested each.",
             [](po::options_description& o) { add_format_options(o, false); }, {}, true, accounts, {}, {}},
            {"history", "List the changes made to an order, by whom, and how they ended.",
             [](po::options_description& o) { add_format_options(o, false); }, key_argument, true, history, {}, {}},
        },
        {}};
}

command sync_command() {
    return {"sync",
            "Print every order new or changed since the last run (JSON lines), each once; the checkpoint file remembers where it stopped.",
            [](po::options_description& o) {
                o.add_options()("checkpoint", po::value<std::string>()->required(), "where the sync's position is kept: a SQLite file or a postgresql:// URL")(
                    "name", po::value<std::string>()->default_value("orders"), "the sync's name in the file (one file can hold several)");
                add_filter_options(o, "30d");
            },
            {}, true, sync, {}, {}};
}

}  // namespace beezup::cli
