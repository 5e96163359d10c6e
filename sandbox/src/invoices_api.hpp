#pragma once
// The order invoice endpoints ("OM Invoice - API", /v2/user/marketplaces/orders/invoices/...):
// general and design settings, previews, generation (single and batch) and the PDF version.
//
// Generated invoices are HTML documents the sandbox serves itself at
//   GET /v2/user/marketplaces/orders/invoices/documents/{beezUPOrderId}.html   (and .pdf)
// (not a path of the spec: BeezUP puts them on a blob store). Generation sets the order's
// order_Invoice_Number (= prefix + sequence number) and order_Invoice_Uri (that path).
//
// Rules where the spec is silent (a faithful guess):
// * the next sequence number is max(invoiceStartingSequenceNumber, lastInvoiceSequenceNumber + 1),
//   where lastInvoiceSequenceNumber is the highest number used so far (omitted from GET before
//   the first invoice); an explicit invoiceSequenceNumber is taken as is if prefix+number is free;
// * orders in status Aborted or Canceled cannot be invoiced (403
//   OrderInvoiceGenerationBeezUPOrderStatusForbiddenException);
// * checks run in this order: 429 rate limit, 403 settings, 404 order, 403 status, 409 invoice;
// * the rate limit counts generation requests (a batch is one request): more than
//   `invoice_limits::max_generations` within `window` gets 429 OrderInvoiceTooManyRequestsException.
//   Time is the store's clock (order_store::now), which a state-file replay holds at each recorded
//   call's time, so a replay accepts and refuses the same generations;
// * a batch is all or nothing: every item is checked first; any problem -> 400 listing them all,
//   grouped by errorType (the exception name), and nothing is generated.
// * amounts and VAT: see invoice_document.hpp.

#include "api_module.hpp"
#include "invoice_document.hpp"
#include "order_store.hpp"
#include "outcome.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>

namespace beezup::sandbox {

struct invoice_limits {
    std::size_t max_generations = 10;          // generation requests allowed per window
    std::chrono::milliseconds window{1000};
};

class invoices_api final : public api_module {
public:
    explicit invoices_api(order_store& store, invoice_limits limits = {});

    /// Answers a call under /v2/user/marketplaces/orders/invoices; nullopt for other paths.
    std::optional<api_answer> handle(const api_call& call) override;

    /// Where generated invoices are served: this prefix + document id + ".html".
    static constexpr const char* documents_prefix = "/v2/user/marketplaces/orders/invoices/documents/";

private:
    struct stored_invoice {
        invoice_data data;
        std::string html;
    };
    /// An order that may be invoiced with `sequence`, or why not.
    struct invoiceable {
        order o;
        std::int64_t sequence = 0;
    };

    api_answer get_general();
    api_answer put_general(const api_call& call);
    api_answer get_design();
    api_answer put_design(const api_call& call);
    api_answer design_preview(const api_call& call);
    api_answer order_invoice(const api_call& call, const order_key& key, bool generate);
    api_answer batch(const api_call& call);
    api_answer pdf(const api_call& call);
    api_answer document(const std::string& name);

    // The helpers below run under mutex_.
    std::optional<outcome> settings_missing() const;
    std::optional<outcome> rate_limited();
    std::int64_t next_sequence() const;
    std::variant<invoiceable, outcome> check(const order_key& key, std::optional<std::int64_t> sequence);
    /// Generates the invoice of a checked order; returns its location.
    std::optional<std::string> commit(const order_key& key, const invoiceable& what);

    order_store& store_;
    invoice_limits limits_;
    std::mutex mutex_;
    std::optional<invoice_general_settings> general_;
    std::optional<invoice_design_settings> design_;
    std::optional<std::int64_t> last_sequence_;
    std::set<std::string> used_numbers_;
    std::map<std::string, stored_invoice> documents_;  // by document id (the BeezUP order id)
    std::deque<time_point> recent_generations_;  // on the store's clock, so a journal replay decides alike
};

}  // namespace beezup::sandbox
