// One output of a result (a training run, a serving plan, a data programme): its key, which is
// its JSON path (dots are nesting), its dimension in base units, its value, its label for
// tables, whether it reads as a percentage, and the scale to the unit its key names. A result's
// fields are one table, and every writer and the claims go through it: the CSV record and the JSON
// keys below, the claim outputs.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/schema/claim_spec.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/units.h"

namespace llmb {

template <typename Result>
struct ResultField {
  std::string_view key;
  Dimension dimension;                  // of the base value, for parsing published figures
  double (*base_value)(const Result&);  // in base units
  std::string_view label;
  bool percent = false;
  double key_unit_per_base = 1.0;  // to the unit the key names: wall_days = wall_s / 86400

  double key_value(const Result& result) const { return base_value(result) * key_unit_per_base; }
};

// A field that is a member of the result, as a function of it.
template <typename Result, double Result::*Member>
double member_value(const Result& result) {
  return result.*Member;
}

// The outputs claims about this kind of result may name (keys in base units).
template <typename Result>
std::vector<ClaimOutput> claim_outputs_of(std::span<const ResultField<Result>> fields) {
  std::vector<ClaimOutput> outputs;
  for (const auto& field : fields)
    outputs.push_back(
        {std::string(field.key), field.dimension, field.key_unit_per_base, field.percent});
  return outputs;
}

// A header line of the keys and one line of the values in their keys' units at full precision (RFC
// 4180; keys are letters, digits, dots and underscores, which need no quotes).
template <typename Result>
std::string csv_record(std::span<const ResultField<Result>> fields, const Result& result) {
  std::string header, row;
  for (const auto& field : fields) {
    if (!header.empty()) {
      header += ',';
      row += ',';
    }
    header += field.key;
    row += fmt::format("{:.17g}", field.key_value(result));
  }
  return header + "\n" + row + "\n";
}

// One line per field for a terminal table: "  label  value  key", the labels padded to the longest,
// the values as format_output_value shows them. `shown(field)` leaves fields out.
template <typename Result, typename Shown>
std::string field_lines(std::span<const ResultField<Result>> fields, const Result& result,
                        Shown shown) {
  std::size_t width = 0;
  for (const auto& field : fields)
    if (shown(field)) width = std::max(width, field.label.size());
  std::string text;
  for (const auto& field : fields) {
    if (!shown(field)) continue;
    text += fmt::format(
        "  {:<{}}  {:>14}   {}\n", field.label, width,
        format_output_value(field.base_value(result), field.dimension, field.percent), field.key);
  }
  return text;
}
template <typename Result>
std::string field_lines(std::span<const ResultField<Result>> fields, const Result& result) {
  return field_lines(fields, result, [](const ResultField<Result>&) { return true; });
}

// Each field's value at its dotted key of `root`.
template <typename Result>
void set_json_fields(nlohmann::ordered_json& root, std::span<const ResultField<Result>> fields,
                     const Result& result) {
  for (const auto& field : fields) set_dotted_key(root, field.key, field.key_value(result));
}

}  // namespace llmb
