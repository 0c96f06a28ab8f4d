// How results are written: the formats a command can write, and numbers for people ("$4.69M",
// "33.9 days", "3.15e+23 FLOP").
#pragma once

#include <string>

#include "sim/units.h"

namespace llmb {

enum class Format { kTable, kJson, kCsv, kXlsx, kHtml };
Format parse_format(const std::string& name);  // "table", "json", "csv", "xlsx", "html"

// A base-unit value of `dimension` in the unit a reader expects, with three significant digits.
std::string format_quantity(double base_value, Dimension dimension);

// "$4.69M", "$200M", "$1.23B", "$950".
std::string format_usd(double usd);

// The currency results are printed in: its code, its sign, units per US dollar and where that
// rate comes from. The model's figures are dollars; writers multiply by per_usd.
struct DisplayCurrency {
  std::string code = "USD";
  std::string symbol = "$";
  double per_usd = 1;
  std::string rate_note;  // "7.08 CNY per USD, 2023 average (source)"; empty for USD
};

// A dollar amount in `currency`: "¥2.96B", "€4.6M"; format_usd for dollars.
std::string format_money(double usd, const DisplayCurrency& currency);

// 12,345 with thousands separators, for counts of GPUs.
std::string format_grouped(double whole_number);

// An output's value as a reader reads it: a share as a percentage ("41.2%"), another ratio to
// four digits, a whole count below ten million with separators ("8,192"), anything else with
// its unit (format_quantity). Every table of result fields goes through this.
std::string format_output_value(double base_value, Dimension dimension, bool percent);

// An input's value as a reader writes it: fractions (growth, churn, shares) as percentages,
// anything else as format_quantity does.
std::string format_input_value(double base_value, Dimension dimension);

// A CSV field in quotes, quotes inside doubled (RFC 4180, section 2.7).
std::string csv_quoted(const std::string& text);

}  // namespace llmb
