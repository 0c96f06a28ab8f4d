// The budget planner: a budget, a deadline, a GPU and a scaling law -> the largest training
// compute they allow, the compute-optimal model for it, the cluster, the loss, the cost, and
// what other sizes at the same compute would reach. The cluster is priced by the same scenario
// machinery as `run`: the GPU's catalog figures and the economics defaults, with --set overrides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernels/budget_plan.h"
#include "sim/catalog/catalog.h"
#include "sim/scaling/law_catalog.h"
#include "sim/scenario/scenario.h"

namespace llmb {

// Below a million parameters a "language model" is a toy, and no published law reaches there.
inline constexpr double kMinPlanParams = 1e6;
// The cluster limit when none is given: the scenario loader's largest cluster.
inline constexpr double kUnlimitedGpus = 1e7;

// What the budget pays for: the final run alone, or the whole development around it (the
// experiments, evaluations and failed runs of the catalog's development multiplier). A founder
// pays for all of it, so development is the default.
inline constexpr const char* kBudgetCoversRun = "run";
inline constexpr const char* kBudgetCoversDevelopment = "development";

struct PlanRequest {
  std::optional<double> budget_usd;  // required unless a target loss is given
  double deadline_s = 0;
  std::string gpu;
  std::string law = "epoch";    // a catalog name or a YAML file
  std::optional<double> mfu;    // fraction 0..1; the catalog default when absent
  std::string basis = "cloud";  // cloud or amortized
  std::optional<double> max_gpus;
  double inference_tokens = 0;         // lifetime tokens served; 0 for none
  std::vector<std::string> overrides;  // PATH=VALUE on the cluster scenario, as `run --set`
  std::string budget_covers = kBudgetCoversDevelopment;
  std::optional<double> unique_tokens;  // unique training tokens available; no limit if absent
  // A loss to reach at the least cost instead of the best loss a budget buys: given, or the loss
  // of the compute-optimal model of `match_params` parameters (with unlimited data).
  std::optional<double> target_loss;
  std::optional<double> match_params;
};

// Another model size at the same compute.
struct PlanAlternative {
  double params_scale = 0;  // params / compute-optimal params
  double params = 0;
  double tokens = 0;
  double tokens_per_param = 0;
  double loss = 0;
};

struct Plan {
  PlanRequest request;
  double target_loss = 0;  // resolved from --target-loss or --match; 0 in budget mode
  NamedLaw law;
  Scenario cluster;  // the priced cluster: GPU, precision, MFU and prices as `run` would use
  PlanInputs inputs;
  PlanOutputs outputs;
  std::vector<PlanAlternative> alternatives;
};

// The model sizes the alternatives table shows, as multiples of the compute-optimal size.
const std::vector<double>& plan_alternative_scales();

// Throws InputError about the command line for an unknown GPU or law, for a budget or
// deadline that buys less than a kMinPlanParams model, and for a target loss the law or the
// unique data cannot reach.
Plan make_plan(const PlanRequest& request, const Catalog& catalog);

// One plan per budget, `steps` budgets spaced evenly in log from `min_usd` to `max_usd`: the
// curve "what each budget buys".
std::vector<Plan> make_plan_range(const PlanRequest& request, double min_usd, double max_usd,
                                  int steps, const Catalog& catalog);

// The budgets of a range: `steps` amounts evenly in log, the two ends exactly as given.
std::vector<double> plan_range_budgets(double min_usd, double max_usd, int steps);

// Plan inputs as axes: every GPU x law x deadline x budget, GPU slowest, budget fastest. An
// empty axis keeps the request's value; `budgets_usd` empty keeps the request's budget.
struct PlanAxes {
  std::vector<std::string> gpus;
  std::vector<std::string> laws;
  std::vector<double> deadlines_s;
  std::vector<double> budgets_usd;
};
std::vector<Plan> make_plan_grid(const PlanRequest& request, const PlanAxes& axes,
                                 const Catalog& catalog);

}  // namespace llmb
