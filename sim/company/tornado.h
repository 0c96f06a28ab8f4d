// Which inputs move a company's outcome the most: every numeric input of the file moved alone
// down and up by a stated fraction (every other input where the file has it), the company
// simulated each time, and the inputs ranked by the swing of one outcome. Inputs written as
// distributions are moved from their central value like the others; the Monte Carlo's own
// ranking (compare --samples) moves them to their P10 and P90 instead.
#pragma once

#include <string>
#include <vector>

#include "kernels/company.h"
#include "sim/catalog/catalog.h"
#include "sim/input_error.h"
#include "sim/units.h"
#include "sim/yaml/document.h"

namespace llmb {

// An outcome a tornado can rank by.
struct TornadoOutcome {
  const char* key;  // --by funding_needed
  const char* label;
  Dimension dimension;
  // The outcome of a company of `horizon` months; "never" (break-even) counts as the horizon.
  double (*value)(const CompanyOutcome& outcome, double horizon);
};
const std::vector<TornadoOutcome>& tornado_outcomes();
// The outcome named `key`, or an InputError about `option` naming the choices.
const TornadoOutcome& find_tornado_outcome(const std::string& key, const std::string& option);

struct TornadoBar {
  std::string path;
  Dimension dimension = Dimension::kDimensionless;
  double value = 0, low_value = 0, high_value = 0;  // base units
  double outcome_at_low = 0, outcome_at_high = 0;
  double swing = 0;  // |high - low|
};

struct Tornado {
  std::string company;
  const TornadoOutcome* outcome = nullptr;
  double move_fraction = 0;
  double horizon_months = 0;
  int exchange_rate_year = 0;  // the company's, for printing amounts in another currency
  double base_outcome = 0;
  std::vector<TornadoBar> bars;      // largest swing first; ties in path order
  std::vector<std::string> refused;  // "path: why", inputs the model refuses once moved
};

// `doc` with its overrides applied. Inputs the loader takes only as whole numbers (months,
// headcounts) are rounded once moved, and left out when rounding undoes the move.
Tornado company_tornado(const Document& doc, const Catalog& catalog, double move_fraction,
                        const TornadoOutcome& outcome);

}  // namespace llmb
