#pragma once
// How the CLI prints what it reads: aligned tables for people, JSON lines and CSV for programs.

#include "command_tree.hpp"

#include <beezup/csv_export.hpp>
#include <beezup/order.hpp>
#include <beezup/orders.hpp>

#include <boost/json.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace beezup::cli {

enum class output_format { table, json, csv };

/// --json (and --csv with `with_csv`, plus --separator).
void add_format_options(po::options_description& options, bool with_csv);
output_format format_from(const po::variables_map& values);

/// Rows padded to their columns' widths; the first row is the header.
class text_table {
public:
    explicit text_table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::vector<std::string>> rows_;
};

/// "Amazon/1234/0b3c...": the order key as `orders show` and the other commands take it.
std::string key_text(const order_key& key);

/// An order as JSON: the SDK's field names, times in RFC 3339, amounts as exact strings.
boost::json::object to_json(const order& o);
boost::json::object to_json(const change_report& report);

/// Prints orders one by one in the chosen format (a table is printed by finish()).
class order_printer {
public:
    order_printer(std::ostream& out, output_format format, char csv_separator = ',');
    void print(const order& o);
    void finish();

private:
    std::ostream& out_;
    output_format format_;
    text_table table_;
    std::unique_ptr<csv_writer> csv_;
};

/// `orders show`: the order for a person to read.
void describe(std::ostream& out, const order& o);

}  // namespace beezup::cli
