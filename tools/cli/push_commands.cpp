// beezup receive and beezup subscriptions ...

#include "arguments.hpp"
#include "commands.hpp"
#include "interruption.hpp"
#include "output.hpp"
#include "settings.hpp"

#include <beezup/beezup.hpp>

#include <condition_variable>
#include <iostream>
#include <mutex>

namespace beezup::cli {
namespace {

namespace json = boost::json;

json::value time_or_null(const std::optional<utc_time>& t) { return t ? json::value(format_time(*t)) : json::value(nullptr); }

int receive(const po::variables_map& values) {
    const auto secrets = push_secrets_from(values);
    const auto& location = store_location(values, "inbox");  // a SQLite path or a postgresql:// URL
    const auto inbox = make_push_inbox(location);
    push_receiver_options receiving;
    receiving.authenticators = {hmac_signature(secrets)};
    push_server_options serving;
    serving.address = string_of(values, "address");
    serving.port = values["port"].as<int>();
    serving.path = string_of(values, "path");
    if (values.count("tls-certificate")) serving.tls_certificate_file = string_of(values, "tls-certificate");
    if (values.count("tls-key")) serving.tls_private_key_file = string_of(values, "tls-key");
    push_server server(std::make_shared<push_receiver>(inbox, receiving), serving);
    // A URL may hold a password: only a file's path is repeated.
    const bool is_url = location.find("://") != std::string::npos;
    std::cerr << "receiving pushes at " << server.url() << " (inbox " << (is_url ? "on PostgreSQL" : location)
              << "); Ctrl-C stops\n";
    if (flag_set(values, "store-only")) {
        std::mutex mutex;
        std::condition_variable_any wake;
        std::unique_lock lock(mutex);
        wake.wait(lock, interruption_token(), [] { return false; });
    } else {
        // Each order version once, in order per order; printed before it is marked done, so a
        // crash hands it over again rather than losing it.
        push_dispatcher dispatcher(inbox, [](const push_delivery& d) {
            auto line = to_json(d.pushed);
            line["idempotency_key"] = d.idempotency_key;
            line["event_id"] = d.event_id;
            std::cout << json::serialize(line) << "\n" << std::flush;
        });
        dispatcher.run(interruption_token());
    }
    server.stop();
    std::cerr << "stopped; " << inbox->count(inbox_state::pending) << " pushes wait in the inbox\n";
    return exit_status::ok;
}

json::object to_json(const subscription& s) {
    return {{"id", s.id},
            {"target_url", s.target_url},
            {"status", s.status.str()},
            {"name", s.name},
            {"application_name", s.application_name},
            {"application_version", s.application_version},
            {"alert_email", s.alert_email ? json::value(*s.alert_email) : json::value(nullptr)},
            {"health", s.health ? json::value(s.health->str()) : json::value(nullptr)},
            {"unavailable_since", time_or_null(s.unavailable_since)},
            {"last_successful_push", time_or_null(s.last_successful_push)},
            {"next_retry", time_or_null(s.next_retry)}};
}

int list(const po::variables_map& values) {
    client c(client_options_from(values));
    const auto subscriptions = c.subscriptions().list(interruptible());
    if (format_from(values) == output_format::json) {
        for (const auto& s : subscriptions) std::cout << json::serialize(to_json(s)) << "\n";
        return exit_status::ok;
    }
    text_table table({"ID", "STATUS", "HEALTH", "NAME", "TARGET"});
    for (const auto& s : subscriptions)
        table.add({s.id, s.status.str(), s.health ? s.health->str() : "", s.name, s.target_url});
    table.print(std::cout);
    return exit_status::ok;
}

int show(const po::variables_map& values) {
    client c(client_options_from(values));
    std::cout << json::serialize(to_json(c.subscriptions().get(string_of(values, "id"), interruptible()))) << "\n";
    return exit_status::ok;
}

int create(const po::variables_map& values) {
    client c(client_options_from(values));
    subscription_request request;
    request.id = values.count("id") ? string_of(values, "id") : new_subscription_id();
    request.target_url = string_of(values, "url");
    request.name = string_of(values, "name");
    request.application_name = string_of(values, "application");
    request.application_version = version_string;
    if (values.count("alert-email")) request.alert_email = string_of(values, "alert-email");
    c.subscriptions().create(request, interruptible());
    std::cout << request.id << "\n";
    std::cerr << "created, inactive: 'beezup subscriptions activate " << request.id << "' starts the pushes\n";
    return exit_status::ok;
}

int activate(const po::variables_map& values) {
    client c(client_options_from(values));
    auto window = activation_window::real_time();
    if (values.count("replay-since")) {
        const auto since = parse_time(string_of(values, "replay-since"), "replay-since");
        window = values.count("replay-until")
                     ? activation_window::between(since, parse_time(string_of(values, "replay-until"), "replay-until"))
                     : activation_window::since(since);
    } else if (values.count("replay-until")) {
        throw usage_error("--replay-until needs --replay-since");
    }
    c.subscriptions().activate(string_of(values, "id"), window, interruptible());
    std::cerr << "active\n";
    return exit_status::ok;
}

/// deactivate, delete and retry: one call on one subscription.
template <void (subscriptions_api::*call)(const std::string&, const call_context&) const>
int on_subscription(const po::variables_map& values) {
    client c(client_options_from(values));
    (c.subscriptions().*call)(string_of(values, "id"), interruptible());
    return exit_status::ok;
}

int reporting(const po::variables_map& values) {
    client c(client_options_from(values));
    const auto page = c.subscriptions().reporting(string_of(values, "id"), values["page"].as<int>(), 100, interruptible());
    text_table table({"EVENT", "OK", "HTTP", "ORDERS", "RETRY", "NEXT RETRY", "ERROR"});
    for (const auto& row : page.rows)
        table.add({row.event_id, row.succeeded ? "yes" : "no", row.http_status ? std::to_string(*row.http_status) : "-",
                   std::to_string(row.order_count), row.retry_count ? std::to_string(*row.retry_count) : "",
                   row.next_retry ? format_time(*row.next_retry) : "", row.errors.empty() ? "" : row.errors.front().message});
    table.print(std::cout);
    if (page.next_page) std::cerr << "more: --page " << *page.next_page << "\n";
    return exit_status::ok;
}

}  // namespace

command receive_command() {
    return {"receive",
            "Receive BeezUP's pushes: each signed push is stored in the inbox before it is acknowledged, then printed "
            "(JSON lines) once per order version. Secrets: BEEZUP_PUSH_SECRETS or the profile's push_secrets.",
            [](po::options_description& o) {
                o.add_options()("inbox", po::value<std::string>()->required(), "the inbox: a SQLite file or a postgresql:// URL (durable before 200)")(
                    "address", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on (0.0.0.0: every interface)")(
                    "port", po::value<int>()->default_value(8080), "port (0: a free one)")(
                    "path", po::value<std::string>()->default_value("/beezup/push"), "path of the subscription's URL")(
                    "tls-certificate", po::value<std::string>(), "PEM certificate chain: serve HTTPS")(
                    "tls-key", po::value<std::string>(), "PEM private key of the certificate")(
                    "store-only", po::bool_switch(), "store pushes, print nothing (another process dispatches)");
            },
            {}, true, receive, {}, {}};
}

command subscriptions_command() {
    const std::vector<std::string> id{"ID"};
    const auto with_json = [](po::options_description& o) { add_format_options(o, false); };
    return {"subscriptions", "Manage push subscriptions: where BeezUP pushes order changes.", {}, {}, true, {},
            {
                {"list", "List the subscriptions and their health.", with_json, {}, true, list, {}, {}},
                {"show", "Show one subscription (JSON).", {}, id, true, show, {}, {}},
                {"create", "Create a subscription (inactive); prints its id.",
                 [](po::options_description& o) {
                     o.add_options()("url", po::value<std::string>()->required(), "where BeezUP pushes (http or https)")(
                         "name", po::value<std::string>()->required(), "a name for people")(
                         "id", po::value<std::string>(), "its id (default: a new UUID)")(
                         "application", po::value<std::string>()->default_value("beezup-cli"), "your application's name")(
                         "alert-email", po::value<std::string>(), "who BeezUP tells when pushes fail");
                 },
                 {}, true, create, {}, {}},
                {"activate", "Start the pushes; BeezUP first checks that the URL answers.",
                 [](po::options_description& o) {
                     o.add_options()("replay-since", po::value<std::string>(), "also push the orders changed since then")(
                         "replay-until", po::value<std::string>(), "... and until then");
                 },
                 id, true, activate, {}, {}},
                {"deactivate", "Stop the pushes.", {}, id, true, on_subscription<&subscriptions_api::deactivate>, {}, {}},
                {"delete", "Delete a subscription.", {}, id, true, on_subscription<&subscriptions_api::remove>, {}, {}},
                {"retry", "Retry the failed pushes now.", {}, id, true, on_subscription<&subscriptions_api::retry>, {}, {}},
                {"reporting", "The pushes of a subscription and how each went.",
                 [](po::options_description& o) { o.add_options()("page", po::value<int>()->default_value(1), "page number"); }, id,
                 true, reporting, {}, {}},
            },
            {}};
}

}  // namespace beezup::cli
