#include <algorithm>
#include <optional>
#include <thread>

#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/output/run_report.h"
#include "sim/reliability/reliability_monte_carlo.h"
#include "sim/report/xlsx_reports.h"
#include "sim/scenario/load_scenario.h"

namespace llmb::cli {

void add_run_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string scenario_path;
    std::vector<std::string> overrides;
    OutputOptions output;
    std::string reliability_samples = "0", seed = "0", threads = "0", device = "cpu";
  };
  auto options = std::make_shared<Options>();
  CLI::App* run = app.add_subcommand("run", "Evaluate one training scenario");
  run->add_option("FILE", options->scenario_path, "Scenario YAML")->required();
  run->add_option("--set", options->overrides,
                  "Override a scenario path, with units: --set hardware.count=2048 "
                  "--set 'cost.cloud_usd_per_gpu_hour=$2/h' (repeatable)")
      ->allow_extra_args(false);
  run->add_option(
      "--reliability-samples", options->reliability_samples,
      "Monte Carlo of the interruption process: samples (needs "
      "training.reliability.enabled); adds P10/P50/P90 of wall days and lost GPU-hours");
  run->add_option("--seed", options->seed, "Seed of the --reliability-samples draws (default 0)");
  run->add_option("--threads", options->threads,
                  "CPU threads for --reliability-samples (0: all); results do not depend on it");
  run->add_option("--device", options->device,
                  "cpu (default), cuda or auto: where --reliability-samples runs")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  add_output_options(run, options->output, /*workbook=*/true, /*html=*/true);
  run->callback([&globals, &action, options] {
    action = [&globals, options] {
      const bool workbook = checked_workbook_output(options->output.format, options->output.path);
      const Scenario scenario =
          load_scenario_file(options->scenario_path, options->overrides, globals.catalog());
      const Options& o = *options;
      const double samples = option_quantity("--reliability-samples", o.reliability_samples,
                                             Dimension::kCount, {0, 1e8, false, true});
      const std::uint64_t seed = option_seed("--seed", o.seed);
      const double threads =
          option_quantity("--threads", o.threads, Dimension::kCount, {0, 4096, false, true});
      std::optional<ReliabilityMonteCarlo> sampled;
      if (samples > 0)
        sampled = sample_run_reliability(
            scenario, static_cast<std::uint64_t>(samples), seed,
            threads > 0 ? static_cast<int>(threads)
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())),
            device_option(o.device) == Device::kCuda);
      const TrainingOutputs outputs = evaluate_training(scenario.inputs);
      if (workbook) {
        write_run_workbook(scenario, outputs, sampled ? &*sampled : nullptr, options->output.path);
        return kExitOk;
      }
      emit(rendered(parse_format(options->output.format), HtmlReport::kRun,
                    [&](Format format) {
                      return render_run(scenario, outputs, format, sampled ? &*sampled : nullptr);
                    }),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
