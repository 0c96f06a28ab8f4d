#include "sim/report/xlsx_json_sheets.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "sim/money.h"

namespace llmb {
namespace {

std::string_view last_part(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

bool ends_with_any(std::string_view text, std::initializer_list<std::string_view> endings) {
  return std::any_of(endings.begin(), endings.end(),
                     [&](std::string_view e) { return text.ends_with(e); });
}

bool has_part(std::string_view key, std::string_view part) {
  // "_usd" as a word of the key: "cash_usd", "cash_usd.p10", "funding_needed_at_p10_usd".
  for (std::size_t at = key.find(part); at != std::string_view::npos; at = key.find(part, at + 1)) {
    const std::size_t after = at + part.size();
    if (after == key.size() || key[after] == '_' || key[after] == '.') return true;
  }
  return false;
}

}  // namespace

CellStyle style_for_key(std::string_view key, std::string_view money_code) {
  const std::string_view last = last_part(key);
  if (has_part(key, "_" + std::string(money_code))) return CellStyle::kMoney;
  // Fractions 0..1 in the results: MFU, margins, utilisations, ownership shares, growth, odds.
  if (last == "mfu" || last == "hfu" || last == "ettr" || last.starts_with("gross_margin") ||
      last.ends_with("utilization") || last.starts_with("probability_") ||
      last.starts_with("arr_growth") || last == "founders" || last == "option_pool" ||
      last.starts_with("founders_") || key.find("investors.") != std::string_view::npos ||
      last.starts_with("default_alive"))
    return CellStyle::kPercent;
  if (ends_with_any(
          last, {"month", "months", "gpus", "users", "customers", "headcount", "count", "samples",
                 "index", "quarter", "grid_points", "interruptions", "gpus_busy", "gpus_used"}) ||
      last.starts_with("customers") || last == "seed")
    return CellStyle::kCount;
  return CellStyle::kNumber;
}

XlsxCell json_cell(const XlsxJson& value, std::string_view key, std::string_view money_code) {
  if (value.is_number())
    return XlsxCell::of_number(value.get<double>(), style_for_key(key, money_code));
  if (value.is_boolean()) return XlsxCell::of_bool(value.get<bool>());
  if (value.is_string()) return XlsxCell::of_text(value.get<std::string>());
  return XlsxCell::empty();  // null: a figure that is not finite (never, n/a)
}

void flatten_scalars(const XlsxJson& j, const std::string& prefix,
                     std::vector<std::pair<std::string, const XlsxJson*>>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      flatten_scalars(value, prefix.empty() ? key : prefix + "." + key, out);
    return;
  }
  if (j.is_array()) return;
  out.emplace_back(prefix, &j);
}

XlsxSheet key_value_sheet(const std::string& name, const XlsxJson& j, const std::string& prefix,
                          std::string_view money_code) {
  XlsxSheet sheet;
  sheet.name = name;
  sheet.column_widths = {48, 20};
  sheet.rows.push_back({XlsxCell::of_text("key", CellStyle::kHeader),
                        XlsxCell::of_text("value", CellStyle::kHeader)});
  std::vector<std::pair<std::string, const XlsxJson*>> scalars;
  flatten_scalars(j, prefix, scalars);
  for (const auto& [key, value] : scalars)
    sheet.rows.push_back({XlsxCell::of_text(key), json_cell(*value, key, money_code)});
  return sheet;
}

void append_table_rows(XlsxSheet& sheet, const XlsxJson& list, std::string_view money_code,
                       const std::vector<LeadColumn>& lead) {
  if (!list.is_array()) return;
  // The header: the lead keys, then every key any element has, in first-seen order.
  std::vector<std::string> keys;
  for (const auto& l : lead) keys.push_back(l.key);
  for (const auto& element : list) {
    std::vector<std::pair<std::string, const XlsxJson*>> scalars;
    flatten_scalars(element, "", scalars);
    for (const auto& [key, value] : scalars)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  if (sheet.rows.empty()) {
    std::vector<XlsxCell> header;
    for (const auto& key : keys) header.push_back(XlsxCell::of_text(key, CellStyle::kHeader));
    sheet.rows.push_back(header);
    sheet.column_widths.assign(keys.size(), 14);
    for (std::size_t i = 0; i < keys.size(); ++i)
      sheet.column_widths[i] = std::clamp(static_cast<double>(keys[i].size()) + 2, 10.0, 40.0);
  }
  // Columns follow the first header written (a comparison's companies share their keys).
  std::vector<std::string> columns;
  for (const auto& cell : sheet.rows.front()) columns.push_back(cell.text);
  for (const auto& element : list) {
    std::vector<std::pair<std::string, const XlsxJson*>> scalars;
    flatten_scalars(element, "", scalars);
    std::vector<XlsxCell> row(columns.size());
    for (const auto& l : lead) {
      const auto at = std::find(columns.begin(), columns.end(), l.key);
      if (at != columns.end())
        row[static_cast<std::size_t>(at - columns.begin())] = XlsxCell::of_text(l.value);
    }
    for (const auto& [key, value] : scalars) {
      const auto at = std::find(columns.begin(), columns.end(), key);
      if (at != columns.end())
        row[static_cast<std::size_t>(at - columns.begin())] = json_cell(*value, key, money_code);
    }
    sheet.rows.push_back(std::move(row));
  }
}

std::string money_code_of(const XlsxJson& result) {
  std::string code = "usd";
  if (result.is_object() && result.contains("currency") && result["currency"].contains("code"))
    code = result["currency"]["code"].get<std::string>();
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return code;
}

std::string money_format_of(const XlsxJson& result) {
  std::string code = money_code_of(result);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "\"" + std::string(currency_symbol(code)) + "\"#,##0.00";
}

}  // namespace llmb
