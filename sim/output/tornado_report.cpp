#include "sim/output/tornado_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"

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
  if (format == Format::kJson) {
    nlohmann::ordered_json j;
    j["company"] = t.company;
    j["by"] = t.outcome->key;
    j["move_fraction"] = t.move_fraction;
    j["base"] = t.base_outcome;
    nlohmann::ordered_json bars = nlohmann::ordered_json::array();
    for (const TornadoBar& b : t.bars)
      bars.push_back({{"path", b.path},
                      {"value", b.value},
                      {"low_value", b.low_value},
                      {"high_value", b.high_value},
                      {"at_low", b.outcome_at_low},
                      {"at_high", b.outcome_at_high},
                      {"swing", b.swing}});
    j["bars"] = bars;
    j["refused"] = t.refused;
    return json_document(j);
  }
  if (format == Format::kCsv) {
    std::string out = "path,value,low_value,high_value,at_low,at_high,swing\n";
    for (const TornadoBar& b : t.bars)
      out += fmt::format("{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}\n", csv_quoted(b.path),
                         b.value, b.low_value, b.high_value, b.outcome_at_low, b.outcome_at_high,
                         b.swing);
    return out;
  }
  std::string out = fmt::format(
      "What moves {}'s {}: each input {:.0f}% down and up alone (whole numbers rounded)\n",
      t.company, t.outcome->label, 100 * t.move_fraction);
  out += fmt::format("  at the file's values: {}\n", shown_outcome(t, t.base_outcome, currency));
  out += fmt::format("  {:<52} {:>22} {:>24} {:>10}\n", "input", "moved from .. to", "outcome",
                     "swing");
  for (const TornadoBar& b : t.bars)
    out += fmt::format("  {:<52} {:>22} {:>24} {:>10}\n", b.path,
                       fmt::format("{} .. {}", shown_input(b.low_value, b.dimension, currency),
                                   shown_input(b.high_value, b.dimension, currency)),
                       fmt::format("{} .. {}", shown_outcome(t, b.outcome_at_low, currency),
                                   shown_outcome(t, b.outcome_at_high, currency)),
                       shown_outcome(t, b.swing, currency));
  for (const std::string& why : t.refused) out += fmt::format("  not moved: {}\n", why);
  return out;
}

}  // namespace llmb
