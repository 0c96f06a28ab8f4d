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

}  // namespace

void add_plan_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string budget, deadline, gpu, law = "chinchilla", mfu, basis = "cloud", max_gpus,
                                       inference_tokens;
    std::vector<std::string> overrides;
    std::string format = "table";
    std::string path;
  };
  auto options = std::make_shared<Options>();
  CLI::App* plan = app.add_subcommand(
      "plan", "What a budget and a deadline buy: the compute-optimal model, its loss and cost");
  plan->add_option("--budget", options->budget, "Money to spend on the run: '$5M'")->required();
  plan->add_option("--deadline", options->deadline, "Wall-clock time the run may take: 60d")
      ->required();
  plan->add_option("--gpu", options->gpu, "GPU from the catalog: A100-80GB")->required();
  plan->add_option("--law", options->law, "Scaling law: chinchilla, epoch, kaplan, or a YAML file")
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
  plan->add_option("--format", options->format, "Output format: table or json")
      ->capture_default_str();
  plan->add_option("-o,--output", options->path,
                   "Write to FILE (atomically: complete or not at all) instead of stdout");
  plan->callback([&globals, &action, options] {
    action = [&globals, options] {
      const Options& o = *options;
      const std::vector<std::string> formats{"table", "json"};
      if (o.format != "table" && o.format != "json")
        throw InputError({"command line", 1, 1}, "--format",
                         "must be table or json" + did_you_mean(o.format, formats), o.format);
      PlanRequest request;
      request.budget_usd =
          option_quantity("--budget", o.budget, Dimension::kUsd, positive(kMaxBudgetUsd));
      request.deadline_s =
          option_quantity("--deadline", o.deadline, Dimension::kTime, positive(kMaxDeadlineS));
      request.gpu = o.gpu;
      request.law = o.law;
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
      const Plan result = make_plan(request, globals.catalog());
      emit(render_plan(result, o.format == "json" ? Format::kJson : Format::kTable), o.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
