// A company scenario after loading: its monthly model's inputs in base units, the names a
// report shows, and the inputs given as distributions for the Monte Carlo.
#pragma once

#include <string>
#include <vector>

#include "kernels/company.h"
#include "kernels/sweep_point.h"
#include "sim/input_error.h"
#include "sim/units.h"

namespace llmb {

static_assert(std::is_standard_layout_v<CompanyInputs>);
inline constexpr int kCompanyInputFields = sizeof(CompanyInputs) / sizeof(double);
static_assert(sizeof(CompanyInputs) == kCompanyInputFields * sizeof(double));

// An input written as a distribution ({dist: triangular, min: .., mode: .., max: ..}): the
// deterministic model uses its central value (mean, median or mode), the Monte Carlo draws it.
struct UncertainInput {
  std::string path;       // "revenue.enterprise.churn_per_month"
  std::string kind_name;  // "triangular"
  Dimension dimension = Dimension::kDimensionless;
  Distribution distribution;  // base units
  double central = 0;         // base units
  RandomInput random;         // the CompanyInputs fields it sets, and their scales
  SourceLoc where;
};

struct Company {
  std::string file;
  std::string name;
  std::string description;
  std::string source;
  int exchange_rate_year = 0;  // amounts in other currencies were read at this year's rates
  CompanyInputs inputs;        // every uncertain input at its central value
  std::vector<std::string> round_names;
  int priced_rounds = 0;  // rounds with a pre-money valuation: all of them, or none
  std::vector<std::string> role_names;
  std::vector<std::string> run_names;  // a programme's runs named "NAME 1", "NAME 2", ...
  std::vector<std::string> commitment_names;
  std::vector<std::string> data_names;
  std::vector<UncertainInput> uncertain;
};

}  // namespace llmb
