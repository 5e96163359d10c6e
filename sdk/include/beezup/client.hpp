#pragma once
/// @file
/// The entry point of the SDK.

#include <beezup/automatic_transitions.hpp>
#include <beezup/call_context.hpp>
#include <beezup/client_options.hpp>
#include <beezup/error.hpp>
#include <beezup/http_transport.hpp>
#include <beezup/invoices.hpp>
#include <beezup/list_of_values.hpp>
#include <beezup/orders.hpp>
#include <beezup/subscriptions.hpp>

#include <memory>
#include <string>

namespace beezup {

namespace detail { class pipeline; class lov_cache; class orders_impl; struct client_factory; }

/// A BeezUP API client: a cheap handle on shared state (connections, rate governor, caches).
/// Create one per API key; copy and move it freely: copies share that state, and so do the
/// orders_api, subscriptions_api, ranges and change handles it hands out, which keep it alive
/// after the client is gone. Every method is thread-safe. Calls block until they finish, fail,
/// hit their deadline or are cancelled. A moved-from client may only be assigned to or destroyed.
class client {
public:
    /// A client over the SDK's HTTPS transport. Throws beezup::error when the options are invalid.
    explicit client(client_options options);
    /// A client over the given transport (tests, custom HTTP stacks).
    client(client_options options, std::shared_ptr<http_transport> transport);

    const client_options& options() const noexcept;

    /// Fetches a list of values (`GET /v2/{user|public}/lov/{name}`) in `language` ("" = the
    /// server's default). Lists are cached per scope, name and language, and revalidated with
    /// If-None-Match: a 304 returns the cached list without decoding anything.
    /// Throws api_error (404 for an unknown list), transport_error, decode_error.
    list_of_values get_list_of_values(const std::string& name, const std::string& language = "",
                                      lov_scope scope = lov_scope::user,
                                      const call_context& context = {});

    /// Orders: pull, read, change and follow them. The reference lives as long as this client
    /// object; copy the orders_api to keep it longer.
    orders_api& orders() noexcept { return orders_; }

    /// Push subscriptions: create, activate and follow them. A handle sharing this client's
    /// connection and rate governor; keep it as long as needed.
    subscriptions_api subscriptions() const { return subscriptions_api(pipeline_); }

    /// Automatic transitions, auto-acceptance among them. A handle like subscriptions().
    automatic_transitions_api automatic_transitions() const { return automatic_transitions_api(pipeline_); }

    /// Invoice settings, previews and generation. A handle like subscriptions().
    invoices_api invoices() const { return invoices_api(pipeline_); }

private:
    friend struct detail::client_factory;
    explicit client(std::shared_ptr<detail::pipeline> pipeline);

    std::shared_ptr<detail::pipeline> pipeline_;
    std::shared_ptr<detail::lov_cache> lov_cache_;
    orders_api orders_;
};

}  // namespace beezup
