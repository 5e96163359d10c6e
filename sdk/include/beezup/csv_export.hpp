#pragma once
/// @file
/// Orders to CSV, streaming: one row per order item with the order's, buyer's and shipping
/// columns. RFC 4180 quoting, UTF-8, memory bounded by one order.

#include <beezup/order.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace beezup {

struct csv_options {
    char separator = ',';               ///< ',' or ';' (spreadsheets in French locales)
    std::vector<std::string> columns;   ///< empty: every column of csv_columns(), in that order
    bool header = true;
};

/// The names of the columns csv_writer knows (spec field names: order_*, orderItem_*, ...).
const std::vector<std::string>& csv_columns();

/// Writes orders as CSV rows to a stream. Borrows the stream, which must outlive the writer.
/// Throws invalid_request for an unknown column or separator. Not thread-safe.
class csv_writer {
public:
    csv_writer(std::ostream& out, csv_options options = {});
    /// Writes one row per item of `o` (one row with empty item columns when it has none).
    void write(const order& o);
    std::size_t rows() const noexcept { return rows_; }

private:
    void write_row(const std::vector<std::string>& fields);
    std::ostream& out_;
    csv_options options_;
    std::vector<std::size_t> selected_;  // indexes into csv_columns()
    std::size_t rows_ = 0;
    bool header_written_ = false;
};

}  // namespace beezup
