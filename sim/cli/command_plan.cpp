#include <algorithm>
#include <utility>

#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/input_error.h"
#include "sim/output/plan_report.h"
#include "sim/scaling/plan.h"
#include "sim/yaml/did_you_mean.h"

namespace llmb::cli {
namespace {

// Limits that catch unit slips, not ambition: $10T, a century, the scenario loader's cluster.
constexpr double kMaxBudgetUsd = 1e13;
constexpr double kMaxDeadlineS = 100 * kSecondsPerYear;
constexpr double kMaxInferenceTokens = 1e20;
// A hundred trillion unique tokens is beyond every corpus there is (the indexed web is a few
// hundred trillion tokens before filtering); 1e20 catches unit slips only.
constexpr double kMaxUniqueTokens = 1e20;
// Losses are nats per token: above 100 is a unit slip (bits, perplexity), not a target.
constexpr double kMaxTargetLoss = 100;
constexpr double kMaxMatchParams = 1e16;
constexpr int kMaxRangeSteps = 1000;

// "$1M..$1B" -> the two ends, each read as money.
std::pair<double, double> budget_range(const std::string& text) {
  const std::size_t dots = text.find("..");
  if (dots == std::string::npos)
    throw InputError({"command line", 1, 1}, "--budget-range",
                     "expected two amounts such as '$1M..$1B'", text);
  return {option_quantity("--budget-range", text.substr(0, dots), Dimension::kUsd,
                          positive(kMaxBudgetUsd)),
          option_quantity("--budget-range", text.substr(dots + 2), Dimension::kUsd,
                          positive(kMaxBudgetUsd))};
}

// "H100-SXM,A100-80GB" -> its parts: plan inputs given as axes.
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return parts;
    start = comma + 1;
  }
}

}  // namespace

void add_plan_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string budget, deadline, gpu, law = "epoch", mfu, basis = "cloud", max_gpus,
                                       inference_tokens, budget_covers = kBudgetCoversDevelopment,
                                       unique_tokens, target_loss, match, budget_range, steps;
    std::vector<std::string> overrides;
    std::string format = "table";
    std::string path;
  };
  auto options = std::make_shared<Options>();
  CLI::App* plan = app.add_subcommand(
      "plan", "What a budget and a deadline buy: the compute-optimal model, its loss and cost");
  plan->add_option("--budget", options->budget,
                   "Money to spend: '$5M' (required unless --target-loss, --match or "
                   "--budget-range)");
  plan->add_option("--budget-covers", options->budget_covers,
                   "What the budget pays for: development (the final run and the experiments "
                   "around it) or run (the final run alone)")
      ->capture_default_str();
  plan->add_option("--unique-tokens", options->unique_tokens,
                   "Unique training tokens available: 100B (repeats count for less, after "
                   "Muennighoff et al. 2023)");
  plan->add_option("--target-loss", options->target_loss,
                   "Plan the cheapest run that reaches this loss (nats per token, on the law's "
                   "data): 2.05");
  plan->add_option("--match", options->match,
                   "Plan the cheapest run as good as the compute-optimal model of this size: 30B");
  plan->add_option("--budget-range", options->budget_range,
                   "Plan every budget from one amount to another, evenly in log: '$1M..$1B'");
  plan->add_option("--steps", options->steps, "Budgets in --budget-range (default 31)");
  plan->add_option("--deadline", options->deadline,
                   "Wall-clock time the run may take: 60d (or a list, 30d,90d: one plan each)")
      ->required();
  plan->add_option("--gpu", options->gpu,
                   "GPU from the catalog: A100-80GB (or a list, H100-SXM,A100-80GB)")
      ->required();
  plan->add_option("--law", options->law,
                   "Scaling law: epoch, chinchilla, kaplan, muennighoff, or a YAML file (or a "
                   "list, epoch,chinchilla)")
      ->capture_default_str();
  plan->add_option("--mfu", options->mfu, "Model-FLOP utilisation: 0.4 or 40% (default: catalog)");
  plan->add_option("--basis", options->basis, "What the budget pays: cloud or amortized")
      ->capture_default_str();
  plan->add_option("--max-gpus", options->max_gpus, "Largest cluster (default: no limit)");
  plan->add_option(
      "--inference-tokens", options->inference_tokens,
      "Tokens the model will serve over its life: 2T (sizes it after Sardana et al. 2024)");
  plan->add_option("--set", options->overrides,
                   "Override the cluster's prices, power or precision as in `run --set`: "
                   "--set 'cost.cloud_usd_per_gpu_hour=$2/h' (repeatable)")
      ->allow_extra_args(false);
  plan->add_option("--format", options->format,
                   "Output format: table or json (and csv with --budget-range)")
      ->capture_default_str();
  plan->add_option("-o,--output", options->path,
                   "Write to FILE (atomically: complete or not at all) instead of stdout");
  plan->callback([&globals, &action, options] {
    action = [&globals, options] {
      const Options& o = *options;
      PlanAxes axes;
      axes.gpus = comma_list(o.gpu);
      axes.laws = comma_list(o.law);
      for (const std::string& deadline : comma_list(o.deadline))
        axes.deadlines_s.push_back(
            option_quantity("--deadline", deadline, Dimension::kTime, positive(kMaxDeadlineS)));
      const bool grid = axes.gpus.size() > 1 || axes.laws.size() > 1 || axes.deadlines_s.size() > 1;
      const bool range = !o.budget_range.empty() || grid;
      const std::vector<std::string> formats =
          range ? std::vector<std::string>{"table", "csv", "json"}
                : std::vector<std::string>{"table", "json"};
      if (std::find(formats.begin(), formats.end(), o.format) == formats.end())
        throw InputError({"command line", 1, 1}, "--format",
                         (range ? "must be table, csv or json" : "must be table or json") +
                             did_you_mean(o.format, formats),
                         o.format);
      if (!o.budget_range.empty() && !o.budget.empty())
        throw InputError({"command line", 1, 1}, "--budget",
                         "give --budget or --budget-range, not both", o.budget);
      if (!o.steps.empty() && o.budget_range.empty())
        throw InputError({"command line", 1, 1}, "--steps", "counts budgets in --budget-range",
                         o.steps);
      PlanRequest request;
      if (!o.budget.empty())
        request.budget_usd =
            option_quantity("--budget", o.budget, Dimension::kUsd, positive(kMaxBudgetUsd));
      request.budget_covers = o.budget_covers;
      if (!o.unique_tokens.empty())
        request.unique_tokens = option_quantity("--unique-tokens", o.unique_tokens,
                                                Dimension::kCount, positive(kMaxUniqueTokens));
      if (!o.target_loss.empty())
        request.target_loss = option_quantity("--target-loss", o.target_loss,
                                              Dimension::kDimensionless, positive(kMaxTargetLoss));
      if (!o.match.empty())
        request.match_params =
            option_quantity("--match", o.match, Dimension::kCount, positive(kMaxMatchParams));
      request.deadline_s = axes.deadlines_s.front();
      request.gpu = axes.gpus.front();
      request.law = axes.laws.front();
      if (!o.mfu.empty())
        request.mfu =
            option_quantity("--mfu", o.mfu, Dimension::kDimensionless, fraction_positive());
      request.basis = o.basis;
      if (!o.max_gpus.empty())
        request.max_gpus = option_quantity("--max-gpus", o.max_gpus, Dimension::kCount,
                                           positive_integer(kUnlimitedGpus));
      if (!o.inference_tokens.empty())
        request.inference_tokens =
            option_quantity("--inference-tokens", o.inference_tokens, Dimension::kCount,
                            non_negative(kMaxInferenceTokens));
      request.overrides = o.overrides;
      const Format format = o.format == "json"  ? Format::kJson
                            : o.format == "csv" ? Format::kCsv
                                                : Format::kTable;
      if (grid && o.budget_range.empty()) {
        emit(render_plan_range(make_plan_grid(request, axes, globals.catalog()), format), o.path);
        return kExitOk;
      }
      if (range) {
        const auto [low, high] = budget_range(o.budget_range);
        const int steps =
            o.steps.empty()
                ? 31
                : static_cast<int>(option_quantity("--steps", o.steps, Dimension::kCount,
                                                   positive_integer(kMaxRangeSteps)));
        if (steps < 2)
          throw InputError({"command line", 1, 1}, "--steps",
                           "needs at least 2 budgets, the two ends", o.steps);
        // The budget range checked as one request, then every axis over its budgets.
        std::vector<Plan> plans = make_plan_range(request, low, high, steps, globals.catalog());
        if (grid) {
          axes.budgets_usd = plan_range_budgets(low, high, steps);
          plans = make_plan_grid(request, axes, globals.catalog());
        }
        emit(render_plan_range(plans, format), o.path);
        return kExitOk;
      }
      const Plan result = make_plan(request, globals.catalog());
      emit(render_plan(result, format), o.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
