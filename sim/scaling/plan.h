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

struct PlanRequest {
  double budget_usd = 0;
  double deadline_s = 0;
  std::string gpu;
  std::string law = "chinchilla";  // a catalog name or a YAML file
  std::optional<double> mfu;       // fraction 0..1; the catalog default when absent
  std::string basis = "cloud";     // cloud or amortized
  std::optional<double> max_gpus;
  double inference_tokens = 0;         // lifetime tokens served; 0 for none
  std::vector<std::string> overrides;  // PATH=VALUE on the cluster scenario, as `run --set`
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
  NamedLaw law;
  Scenario cluster;  // the priced cluster: GPU, precision, MFU and prices as `run` would use
  PlanInputs inputs;
  PlanOutputs outputs;
  std::vector<PlanAlternative> alternatives;
};

// The model sizes the alternatives table shows, as multiples of the compute-optimal size.
const std::vector<double>& plan_alternative_scales();

// Throws InputError about the command line for an unknown GPU or law, and for a budget or
// deadline that buys less than a kMinPlanParams model.
Plan make_plan(const PlanRequest& request, const Catalog& catalog);

}  // namespace llmb
