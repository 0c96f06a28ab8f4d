#include "sim/company/tornado.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "sim/company/load_company.h"
#include "sim/company/uncertain_inputs.h"
#include "sim/yaml/did_you_mean.h"

namespace llmb {
namespace {

double simulated(const Document& doc, const Catalog& catalog, const TornadoOutcome& outcome) {
  const Company company = load_company_document(doc, catalog);
  return outcome.value(simulate_company(company.inputs, nullptr), company.inputs.horizon_months);
}

// The input moved by `factor`, or the reason the model refuses it.
struct Moved {
  double value = 0;
  double outcome = 0;
  std::string refused;
};

// Where an input stands in the file, for messages about its moved value (clones of a document
// keep no positions).
struct Input {
  const std::string& path;
  Dimension dimension;
  SourceLoc where;
};

Moved try_value(const Document& doc, const Catalog& catalog, const TornadoOutcome& outcome,
                const Input& input, double value) {
  Moved moved;
  // Twelve significant digits: 1.08, not 1.0800000000000001, in the file and in messages.
  moved.value = std::strtod(fmt::format("{:.12g}", value).c_str(), nullptr);
  Document at = doc.clone();
  at.set(input.path, YAML::Node(format_base_quantity(moved.value, input.dimension)), input.where);
  try {
    moved.outcome = simulated(at, catalog, outcome);
  } catch (const InputError& e) {
    moved.refused = e.what();
  }
  return moved;
}

// A count the loader wants whole (a month, a headcount) is rounded once moved; counts that may
// be fractional (customers a month) move exactly.
Moved move_input(const Document& doc, const Catalog& catalog, const TornadoOutcome& outcome,
                 const Input& input, double value, double factor) {
  const Moved exact = try_value(doc, catalog, outcome, input, value * factor);
  if (exact.refused.empty() || input.dimension != Dimension::kCount) return exact;
  const Moved whole = try_value(doc, catalog, outcome, input, std::round(value * factor));
  return whole.refused.empty() ? whole : exact;
}

}  // namespace

const std::vector<TornadoOutcome>& tornado_outcomes() {
  static const std::vector<TornadoOutcome> outcomes{
      {"funding_needed", "funding needed", Dimension::kUsd,
       [](const CompanyOutcome& o, double) { return o.funding_needed_usd; }},
      {"break_even_month", "break-even month (never = the horizon)", Dimension::kCount,
       [](const CompanyOutcome& o, double horizon) {
         return o.break_even_month < 0 ? horizon : o.break_even_month;
       }},
      {"cash_at_end", "cash at the end", Dimension::kUsd,
       [](const CompanyOutcome& o, double) { return o.cash_at_end_usd; }},
      {"runway_months", "runway with the planned rounds, months", Dimension::kCount,
       [](const CompanyOutcome& o, double) { return o.runway_months; }},
      {"revenue_at_end", "revenue per month at the end", Dimension::kUsd,
       [](const CompanyOutcome& o, double) { return o.revenue_at_end_usd_per_month; }},
  };
  return outcomes;
}

const TornadoOutcome& find_tornado_outcome(const std::string& key, const std::string& option) {
  std::vector<std::string> keys;
  for (const TornadoOutcome& o : tornado_outcomes()) {
    if (key == o.key) return o;
    keys.push_back(o.key);
  }
  throw InputError(
      {"command line", 1, 1}, option,
      fmt::format("must be one of {}{}", fmt::join(keys, ", "), did_you_mean(key, keys)), key);
}

Tornado company_tornado(const Document& doc, const Catalog& catalog, double move_fraction,
                        const TornadoOutcome& outcome) {
  Tornado tornado;
  tornado.outcome = &outcome;
  tornado.move_fraction = move_fraction;
  // The company as the deterministic model sees it: each distribution at its central value.
  const Company uncertain = load_uncertain_company(doc, catalog);
  Document central = doc.clone();
  for (const UncertainInput& u : uncertain.uncertain)
    central.set(u.path, YAML::Node(format_base_quantity(u.central, u.dimension)), u.where);
  // Loading notes every quantity path the loaders look up, present in the file or not.
  const Company base = load_company_document(central, catalog);
  tornado.company = base.name;
  tornado.horizon_months = base.inputs.horizon_months;
  tornado.exchange_rate_year = base.exchange_rate_year;
  tornado.base_outcome =
      outcome.value(simulate_company(base.inputs, nullptr), base.inputs.horizon_months);

  for (const auto& [path, dimension] : central.quantity_paths()) {
    const YAML::Node node = central.find(path);
    if (!node || !node.IsScalar()) continue;  // absent from the file
    const double value = parse_document_quantity(central, node.Scalar(), dimension);
    if (value == 0) continue;  // a fraction of nothing moves nothing
    TornadoBar bar;
    bar.path = path;
    bar.dimension = dimension;
    bar.value = value;
    const Input input{path, dimension, doc.locate(doc.find(path), path)};
    const Moved low = move_input(central, catalog, outcome, input, value, 1 - move_fraction);
    const Moved high = move_input(central, catalog, outcome, input, value, 1 + move_fraction);
    if (!low.refused.empty() || !high.refused.empty()) {
      tornado.refused.push_back(low.refused.empty() ? high.refused : low.refused);
      continue;
    }
    if (low.value == value && high.value == value) continue;  // rounding undid the move
    bar.low_value = low.value;
    bar.high_value = high.value;
    bar.outcome_at_low = low.outcome;
    bar.outcome_at_high = high.outcome;
    bar.swing = std::fabs(high.outcome - low.outcome);
    tornado.bars.push_back(bar);
  }
  std::stable_sort(tornado.bars.begin(), tornado.bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });
  return tornado;
}

}  // namespace llmb
