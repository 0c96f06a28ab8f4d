#include "sim/scaling/plan.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/input_error.h"
#include "sim/scenario/load_scenario.h"
#include "sim/schema/format.h"
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

// The placeholder model and cluster of the cluster scenario; the plan replaces them, and scales
// what the scenario derived from them (the checkpoint's size, the storage bandwidth). The
// placeholder run is long (6e21 FLOP on one GPU: months to years on a catalog GPU, under the
// loader's century) so that the loader's "restart longer than the run" check fires only for
// restarts of months.
constexpr double kPlaceholderParams = 1e9;
constexpr double kPlaceholderTokens = 1e12;
constexpr double kPlaceholderGpus = 1;

// The cluster as a scenario, so that every default and override resolves exactly as in `run`.
Scenario cluster_scenario(const PlanRequest& request, const Catalog& catalog) {
  std::string text = fmt::format(
      "name: plan\nmodel:\n  params: {:g}\ndata:\n  tokens: {:g}\nhardware:\n  gpu: \"{}\"\n  "
      "count: {:g}\n",
      kPlaceholderParams, kPlaceholderTokens, request.gpu, kPlaceholderGpus);
  if (request.mfu) text += fmt::format("training:\n  mfu: {:.17g}\n", *request.mfu);
  Document doc = Document::parse(text, "plan");
  for (std::size_t i = 0; i < request.overrides.size(); ++i) {
    check_override(request.overrides[i], static_cast<int>(i) + 1);
    doc.apply_override(request.overrides[i], static_cast<int>(i) + 1);
  }
  return load_scenario(doc, catalog);
}

// Whether a --set gives `path` (or a mapping above it) by hand.
bool overridden(const PlanRequest& request, const std::string& path) {
  for (const std::string& assignment : request.overrides) {
    const std::string given = assignment.substr(0, assignment.find('='));
    if (covers(given, path)) return true;
  }
  return false;
}

std::string loss_text(double loss) {
  return fmt::format("{:.4f}", loss);
}

// The loss a plan in target mode aims at, checked against what the law and the data allow.
double resolve_target_loss(const PlanRequest& request, const NamedLaw& named) {
  const ScalingLaw& law = named.law;
  if (request.target_loss && request.match_params)
    throw InputError(kCommandLine, "--match", "give --target-loss or --match, not both");
  const char* option = request.target_loss ? "--target-loss" : "--match";
  double target = 0;
  std::string shown;
  if (request.target_loss) {
    target = *request.target_loss;
    shown = loss_text(target);
  } else {
    const double params = *request.match_params;
    target = predicted_loss(law, params, compute_optimal_tokens_for_params(law, params));
    shown = format_quantity(params, Dimension::kCount);
  }
  const double floor = best_loss_from(law, HUGE_VAL);
  if (!(target > floor))
    throw InputError(kCommandLine, option,
                     fmt::format("at or below the irreducible loss of law {} ({}): no model "
                                 "reaches it",
                                 named.name, loss_text(floor)),
                     shown);
  if (request.unique_tokens) {
    const double best = best_loss_from(law, *request.unique_tokens);
    if (!(target > best))
      throw InputError(
          kCommandLine, option,
          fmt::format("{} unique tokens reach at best a loss of {} under law {}, with any "
                      "compute (the target is {}); more unique data is needed",
                      format_quantity(*request.unique_tokens, Dimension::kCount), loss_text(best),
                      named.name, loss_text(target)),
          shown);
  }
  return target;
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
  const std::vector<std::string> covers{kBudgetCoversRun, kBudgetCoversDevelopment};
  if (request.budget_covers != kBudgetCoversRun &&
      request.budget_covers != kBudgetCoversDevelopment)
    throw InputError(kCommandLine, "--budget-covers",
                     "must be run or development" + did_you_mean(request.budget_covers, covers),
                     request.budget_covers);
  const bool target_mode = request.target_loss || request.match_params;
  if (!target_mode && !request.budget_usd)
    throw InputError(kCommandLine, "--budget",
                     "missing: give a budget such as '$5M', or a target with --target-loss or "
                     "--match");

  Plan plan;
  plan.request = request;
  plan.law = resolve_scaling_law(request.law, catalog.directory, "--law");
  if (!law_is_valid(plan.law.law))
    throw InputError({plan.law.file, 1, 1}, "laws." + plan.law.name,
                     "every exponent and coefficient must be positive");
  if (request.unique_tokens && !(plan.law.law.repeated_tokens_decay > 0))
    throw InputError(kCommandLine, "--unique-tokens",
                     fmt::format("law {} has no repetition constants (repeated_tokens_decay, "
                                 "excess_params_decay) and the catalog gives none",
                                 plan.law.name),
                     format_quantity(*request.unique_tokens, Dimension::kCount));
  if (target_mode) plan.target_loss = resolve_target_loss(request, plan.law);
  plan.cluster = cluster_scenario(request, catalog);

  PlanInputs& in = plan.inputs;
  in.cluster = plan.cluster.inputs;
  in.law = plan.law.law;
  in.budget_usd = request.budget_usd.value_or(0);
  in.unique_tokens = request.unique_tokens.value_or(HUGE_VAL);
  in.budget_multiplier = request.budget_covers == kBudgetCoversDevelopment
                             ? plan.cluster.inputs.development_multiplier
                             : 1.0;
  in.target_loss = plan.target_loss;
  in.deadline_s = request.deadline_s;
  in.max_gpus = request.max_gpus.value_or(kUnlimitedGpus);
  in.gpus_per_server = gpu->second.gpus_per_server->value;
  in.price_basis = request.basis == "amortized" ? kPriceAmortized : kPriceCloud;
  in.inference_tokens = request.inference_tokens;
  // The reliability model's checkpoint and storage follow the planned model and cluster, as
  // they follow the scenario's in `run`, unless given as totals.
  const TrainingInputs& c = plan.cluster.inputs;
  if (!overridden(request, "training.reliability.checkpoint_size"))
    in.checkpoint_bytes_per_param = c.checkpoint_bytes / kPlaceholderParams;
  if (!overridden(request, "training.reliability.write_bandwidth"))
    in.checkpoint_write_bytes_per_s_per_gpu = c.checkpoint_write_bytes_per_s / kPlaceholderGpus;
  if (!overridden(request, "training.reliability.read_bandwidth"))
    in.checkpoint_read_bytes_per_s_per_gpu = c.checkpoint_read_bytes_per_s / kPlaceholderGpus;
  plan.outputs = plan_budget(in);

  const PlanOutputs& out = plan.outputs;
  if (target_mode && !(out.optimum.params > 0))
    throw InputError(kCommandLine, request.target_loss ? "--target-loss" : "--match",
                     fmt::format("no model reaches a loss of {} under law {}",
                                 loss_text(plan.target_loss), plan.law.name));
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
                 : format_usd(in.budget_usd));
  }

  for (double scale : plan_alternative_scales()) {
    PlanAlternative alt;
    alt.params_scale = scale;
    alt.params = scale * out.optimum.params;
    alt.tokens = out.optimum.flop / (kTrainingFlopPerParamToken * alt.params);
    alt.tokens_per_param = alt.tokens / alt.params;
    alt.loss = data_constrained_loss(in.law, alt.params, alt.tokens, in.unique_tokens);
    plan.alternatives.push_back(alt);
  }
  return plan;
}

std::vector<double> plan_range_budgets(double min_usd, double max_usd, int steps) {
  std::vector<double> budgets;
  for (int i = 0; i < steps; ++i)
    budgets.push_back(i == 0 ? min_usd
                      : i == steps - 1
                          ? max_usd
                          : exp(log(min_usd) + i * (log(max_usd) - log(min_usd)) / (steps - 1)));
  return budgets;
}

std::vector<Plan> make_plan_range(const PlanRequest& request, double min_usd, double max_usd,
                                  int steps, const Catalog& catalog) {
  if (!(min_usd < max_usd))
    throw InputError(kCommandLine, "--budget-range",
                     fmt::format("the lower end must be below the upper end (got {} .. {})",
                                 format_usd(min_usd), format_usd(max_usd)));
  if (request.target_loss || request.match_params)
    throw InputError(kCommandLine, "--budget-range",
                     "plans budgets; a target loss (--target-loss, --match) plans one run");
  PlanAxes axes;
  axes.budgets_usd = plan_range_budgets(min_usd, max_usd, steps);
  return make_plan_grid(request, axes, catalog);
}

std::vector<Plan> make_plan_grid(const PlanRequest& request, const PlanAxes& axes,
                                 const Catalog& catalog) {
  const auto or_request = [](auto axis, auto value) {
    if (axis.empty()) axis.push_back(value);
    return axis;
  };
  const std::vector<std::string> gpus = or_request(axes.gpus, request.gpu);
  const std::vector<std::string> laws = or_request(axes.laws, request.law);
  const std::vector<double> deadlines = or_request(axes.deadlines_s, request.deadline_s);
  std::vector<std::optional<double>> budgets(axes.budgets_usd.begin(), axes.budgets_usd.end());
  if (budgets.empty()) budgets.push_back(request.budget_usd);
  std::vector<Plan> plans;
  for (const std::string& gpu : gpus)
    for (const std::string& law : laws)
      for (double deadline : deadlines)
        for (const std::optional<double>& budget : budgets) {
          PlanRequest one = request;
          one.gpu = gpu;
          one.law = law;
          one.deadline_s = deadline;
          one.budget_usd = budget;
          plans.push_back(make_plan(one, catalog));
        }
  return plans;
}

}  // namespace llmb
