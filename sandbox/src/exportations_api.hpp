#pragma once
// Order exportations (/v2/user/marketplaces/orders/exportations): a CSV of a selection, one row
// per order item, downloadable from the exportation's blobNameUri.

#include "api_module.hpp"
#include "order_store.hpp"

#include <mutex>
#include <random>
#include <vector>

namespace beezup::sandbox {

/// The CSV header and one row per item of `o` (RFC 4180, every field quoted, CRLF).
std::string csv_header();
void append_csv_rows(std::string& out, const order& o);

class exportations_api final : public api_module {
public:
    explicit exportations_api(order_store& store, std::uint64_t seed = 1) : store_(store), rng_(seed) {}
    std::optional<api_answer> handle(const api_call& call) override;

private:
    struct exportation {
        std::string execution_uuid, store_id, criteria, csv;
        time_point enqueued{}, begin{}, end{};
        std::int64_t order_count = 0;
    };
    api_answer request(const api_call& call);
    api_answer list(const api_call& call);
    api_answer download(const std::string& file);

    order_store& store_;
    std::mutex mutex_;
    std::mt19937_64 rng_;
    std::vector<exportation> exportations_;
};

}  // namespace beezup::sandbox
