// Sheets laid out from a result's JSON document, so that a cell carries the same number under
// the same name as the JSON: a key column holds the dotted JSON path, a table's header row holds
// the keys of the objects in a JSON list. The number format follows the key: amounts ("_usd",
// or the display currency's code), fractions (margins, utilisations, shares, probabilities) as
// percentages, and whole counts (months, GPUs, people, customers).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/report/xlsx_workbook.h"

namespace llmb {

using XlsxJson = nlohmann::ordered_json;

// `money_code`: the lower-case currency code the keys of amounts carry ("usd", "cny").
CellStyle style_for_key(std::string_view dotted_key, std::string_view money_code);

// A JSON value as a cell: numbers styled by `key`, null as an empty cell.
XlsxCell json_cell(const XlsxJson& value, std::string_view key, std::string_view money_code);

// Every scalar under `j` with its dotted path from `prefix`; lists are left out (they become
// tables).
void flatten_scalars(const XlsxJson& j, const std::string& prefix,
                     std::vector<std::pair<std::string, const XlsxJson*>>& out);

// A sheet of key | value rows: every scalar of `j` (lists left out).
XlsxSheet key_value_sheet(const std::string& name, const XlsxJson& j, const std::string& prefix,
                          std::string_view money_code);

// A sheet with a header of keys and a row per element of `list` (objects, flattened); `lead`
// columns come first on every row (the company a row belongs to, in a comparison).
struct LeadColumn {
  std::string key;
  std::string value;
};
void append_table_rows(XlsxSheet& sheet, const XlsxJson& list, std::string_view money_code,
                       const std::vector<LeadColumn>& lead = {});

// The lower-case currency code of a result's amounts: its "currency" block's, or "usd".
std::string money_code_of(const XlsxJson& result);
// Excel's number format for amounts in that currency: "$"#,##0.00, "¥"#,##0.00, ...
std::string money_format_of(const XlsxJson& result);

}  // namespace llmb
