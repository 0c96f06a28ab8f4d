#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/input_error.h"
#include "sim/output/fit_report.h"
#include "sim/scaling/fit.h"
#include "sim/scaling/runs_csv.h"
#include "sim/yaml/did_you_mean.h"

namespace llmb::cli {

void add_fit_command(CLI::App& app, const Globals& /*globals*/, Action& action) {
  struct Options {
    std::string runs_path;
    std::string bootstrap = "0", seed = "0", drop_highest = "0", threads = "0";
    std::string format = "table";
    std::string path;
  };
  auto options = std::make_shared<Options>();
  CLI::App* fit = app.add_subcommand(
      "fit", "Fit L(N, D) = E + A/N^alpha + B/D^beta to training runs (Chinchilla's approach 3)");
  fit->add_option("RUNS", options->runs_path,
                  "CSV with columns for parameters (N), tokens (D) or training FLOPs, and loss")
      ->required();
  fit->add_option("--bootstrap", options->bootstrap, "Bootstrap resamples for confidence intervals")
      ->capture_default_str();
  fit->add_option("--seed", options->seed, "Seed of the bootstrap resampling")
      ->capture_default_str();
  fit->add_option("--drop-highest", options->drop_highest,
                  "Leave out the K runs with the highest loss (Epoch AI left out 5)")
      ->capture_default_str();
  fit->add_option("--threads", options->threads,
                  "Threads (0: all); the result does not depend on it")
      ->capture_default_str();
  fit->add_option("--format", options->format,
                  "Output format: table, json, or yaml (a law file for plan --law)")
      ->capture_default_str();
  fit->add_option("-o,--output", options->path,
                  "Write to FILE (atomically: complete or not at all) instead of stdout");
  fit->callback([&action, options] {
    action = [options] {
      const Options& o = *options;
      const std::vector<std::string> formats{"table", "json", "yaml"};
      FitFormat format = FitFormat::kTable;
      if (o.format == "json")
        format = FitFormat::kJson;
      else if (o.format == "yaml")
        format = FitFormat::kYaml;
      else if (o.format != "table")
        throw InputError({"command line", 1, 1}, "--format",
                         "must be table, json or yaml" + did_you_mean(o.format, formats), o.format);
      FitOptions fit_options;
      fit_options.bootstrap_samples = static_cast<int>(
          option_quantity("--bootstrap", o.bootstrap, Dimension::kCount, {0, 1e6, false, true}));
      fit_options.seed = option_seed("--seed", o.seed);
      fit_options.threads = static_cast<int>(
          option_quantity("--threads", o.threads, Dimension::kCount, {0, 4096, false, true}));
      const int drop = static_cast<int>(option_quantity("--drop-highest", o.drop_highest,
                                                        Dimension::kCount, {0, 1e9, false, true}));
      const LossRunsFile file = read_loss_runs(o.runs_path);
      const std::vector<LossRun> runs = runs_for_fit(file, drop);
      const LossLawFit result = fit_loss_law(runs, fit_options);
      emit(render_fit(result, file, drop, format), o.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
