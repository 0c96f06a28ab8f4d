#include "sim/scaling/plan.h"

#include <fmt/format.h>

#include "sim/input_error.h"
#include "sim/output/format.h"
#include "sim/scenario/load_scenario.h"
#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/document.h"

namespace llmb {
namespace {

const SourceLoc kCommandLine{"command line", 1, 1};

// What the planner decides itself; a --set on these would be silently replaced.
const std::vector<std::string> kPlannedPaths{"model",
                                             "data",
                                             "hardware.gpu",
                                             "hardware.count",
                                             "training.mfu",
                                             "training.duration",
                                             "training.throughput_per_gpu",
                                             "claims"};

bool covers(const std::string& prefix, const std::string& path) {
  return path == prefix ||
         (path.size() > prefix.size() && path.compare(0, prefix.size(), prefix) == 0 &&
          path[prefix.size()] == '.');
}

void check_override(const std::string& assignment, int ordinal) {
  const std::string path = assignment.substr(0, assignment.find('='));
  for (const std::string& planned : kPlannedPaths)
    if (covers(planned, path) || covers(path, planned))
      throw InputError({"--set", ordinal, 1}, path,
                       "chosen by the planner (use --gpu, --mfu, --budget, --deadline); --set "
                       "may change the cluster's prices, power and precision");
}

// The cluster as a scenario, so that every default and override resolves exactly as in `run`.
// The model and data are placeholders: the plan replaces them.
Scenario cluster_scenario(const PlanRequest& request, const Catalog& catalog) {
  std::string text = fmt::format(
      "name: plan\nmodel:\n  params: 1e9\ndata:\n  tokens: 1e9\nhardware:\n  gpu: \"{}\"\n  "
      "count: 1\n",
      request.gpu);
  if (request.mfu) text += fmt::format("training:\n  mfu: {:.17g}\n", *request.mfu);
  Document doc = Document::parse(text, "plan");
  for (std::size_t i = 0; i < request.overrides.size(); ++i) {
    check_override(request.overrides[i], static_cast<int>(i) + 1);
    doc.apply_override(request.overrides[i], static_cast<int>(i) + 1);
  }
  return load_scenario(doc, catalog);
}

}  // namespace

const std::vector<double>& plan_alternative_scales() {
  static const std::vector<double> scales{0.25, 0.5, 1.0, 2.0, 4.0};
  return scales;
}

Plan make_plan(const PlanRequest& request, const Catalog& catalog) {
  const auto gpu = catalog.gpus.find(request.gpu);
  if (gpu == catalog.gpus.end())
    throw InputError(kCommandLine, "--gpu", unknown_gpu_problem(catalog, request.gpu), request.gpu);
  const std::vector<std::string> bases{"cloud", "amortized"};
  if (request.basis != "cloud" && request.basis != "amortized")
    throw InputError(kCommandLine, "--basis",
                     "must be cloud or amortized" + did_you_mean(request.basis, bases),
                     request.basis);

  Plan plan;
  plan.request = request;
  plan.law = resolve_scaling_law(request.law, catalog.directory, "--law");
  if (!law_is_valid(plan.law.law))
    throw InputError({plan.law.file, 1, 1}, "laws." + plan.law.name,
                     "every exponent and coefficient must be positive");
  plan.cluster = cluster_scenario(request, catalog);

  PlanInputs& in = plan.inputs;
  in.cluster = plan.cluster.inputs;
  in.law = plan.law.law;
  in.budget_usd = request.budget_usd;
  in.deadline_s = request.deadline_s;
  in.max_gpus = request.max_gpus.value_or(kUnlimitedGpus);
  in.gpus_per_server = gpu->second.gpus_per_server->value;
  in.price_basis = request.basis == "amortized" ? kPriceAmortized : kPriceCloud;
  in.inference_tokens = request.inference_tokens;
  plan.outputs = plan_budget(in);

  const PlanOutputs& out = plan.outputs;
  if (!(out.optimum.params >= kMinPlanParams)) {
    const bool deadline = out.limited_by_deadline != 0;
    throw InputError(
        kCommandLine, deadline ? "--deadline" : "--budget",
        fmt::format("buys only {:.3g} FLOP on {} ({}), enough for a compute-optimal model of {} "
                    "parameters; plans start at {}",
                    out.optimum.flop, request.gpu,
                    deadline ? fmt::format("{} x {:g} GPUs",
                                           format_quantity(request.deadline_s, Dimension::kTime),
                                           in.max_gpus)
                             : fmt::format("{} prices", request.basis),
                    format_quantity(out.optimum.params, Dimension::kCount),
                    format_quantity(kMinPlanParams, Dimension::kCount)),
        deadline ? format_quantity(request.deadline_s, Dimension::kTime)
                 : format_usd(request.budget_usd));
  }

  for (double scale : plan_alternative_scales()) {
    PlanAlternative alt;
    alt.params_scale = scale;
    alt.params = scale * out.optimum.params;
    alt.tokens = out.optimum.flop / (kTrainingFlopPerParamToken * alt.params);
    alt.tokens_per_param = alt.tokens / alt.params;
    alt.loss = predicted_loss(in.law, alt.params, alt.tokens);
    plan.alternatives.push_back(alt);
  }
  return plan;
}

}  // namespace llmb
