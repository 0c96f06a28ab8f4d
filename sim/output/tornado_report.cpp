#include "sim/output/tornado_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

std::string shown_outcome(const Tornado& t, double v, const DisplayCurrency& currency) {
  if (t.outcome->dimension == Dimension::kUsd) return format_money(v, currency);
  return fmt::format("{:.0f}", v);
}

std::string shown_input(double v, Dimension dimension, const DisplayCurrency& currency) {
  return dimension == Dimension::kUsd ? format_money(v, currency)
                                      : format_input_value(v, dimension);
}

}  // namespace

std::string render_tornado(const Tornado& t, Format format, const DisplayCurrency& currency) {
  // JSON and CSV carry amounts in `currency` too, with the unit of each value beside it.
  const bool money_outcome = t.outcome->dimension == Dimension::kUsd;
  const std::string outcome_unit =
      money_outcome ? currency.code : std::string(base_unit_symbol(t.outcome->dimension));
  auto outcome_in = [&](double v) { return money_outcome ? v * currency.per_usd : v; };
  auto input_in = [&](const TornadoBar& b, double v) {
    return b.dimension == Dimension::kUsd ? v * currency.per_usd : v;
  };
  auto input_unit = [&](const TornadoBar& b) {
    return b.dimension == Dimension::kUsd ? currency.code
                                          : std::string(base_unit_symbol(b.dimension));
  };
  if (format == Format::kJson) {
    nlohmann::ordered_json j;
    j["company"] = t.company;
    j["by"] = t.outcome->key;
    j["outcome_unit"] = outcome_unit;
    j["move_fraction"] = t.move_fraction;
    j["base"] = outcome_in(t.base_outcome);
    nlohmann::ordered_json bars = nlohmann::ordered_json::array();
    for (const TornadoBar& b : t.bars)
      bars.push_back({{"path", b.path},
                      {"unit", input_unit(b)},
                      {"value", input_in(b, b.value)},
                      {"low_value", input_in(b, b.low_value)},
                      {"high_value", input_in(b, b.high_value)},
                      {"at_low", outcome_in(b.outcome_at_low)},
                      {"at_high", outcome_in(b.outcome_at_high)},
                      {"swing", outcome_in(b.swing)}});
    j["bars"] = bars;
    j["refused"] = t.refused;
    if (currency.code != "USD")
      j["currency"] = {
          {"code", currency.code}, {"per_usd", currency.per_usd}, {"rate", currency.rate_note}};
    return json_document(j);
  }
  if (format == Format::kCsv) {
    std::string out = "path,unit,value,low_value,high_value,outcome_unit,at_low,at_high,swing\n";
    for (const TornadoBar& b : t.bars)
      out += fmt::format("{},{},{:.17g},{:.17g},{:.17g},{},{:.17g},{:.17g},{:.17g}\n",
                         csv_quoted(b.path), csv_quoted(input_unit(b)), input_in(b, b.value),
                         input_in(b, b.low_value), input_in(b, b.high_value),
                         csv_quoted(outcome_unit), outcome_in(b.outcome_at_low),
                         outcome_in(b.outcome_at_high), outcome_in(b.swing));
    return out;
  }
  std::string out = fmt::format(
      "What moves {}'s {}: each input {:.0f}% down and up alone (whole numbers rounded)\n",
      t.company, t.outcome->label, 100 * t.move_fraction);
  out += fmt::format("  at the file's values: {}\n", shown_outcome(t, t.base_outcome, currency));
  TextTable bars({{"input", Align::kLeft}, {"moved from .. to"}, {"outcome"}, {"swing"}});
  for (const TornadoBar& b : t.bars)
    bars.row({b.path,
              fmt::format("{} .. {}", shown_input(b.low_value, b.dimension, currency),
                          shown_input(b.high_value, b.dimension, currency)),
              fmt::format("{} .. {}", shown_outcome(t, b.outcome_at_low, currency),
                          shown_outcome(t, b.outcome_at_high, currency)),
              shown_outcome(t, b.swing, currency)});
  out += bars.text();
  for (const std::string& why : t.refused) out += fmt::format("  not moved: {}\n", why);
  return out;
}

}  // namespace llmb
