#include "sim/cli/commands.h"
#include "sim/output/run_report.h"
#include "sim/scenario/load_scenario.h"

namespace llmb::cli {

void add_run_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string scenario_path;
    std::vector<std::string> overrides;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* run = app.add_subcommand("run", "Evaluate one training scenario");
  run->add_option("FILE", options->scenario_path, "Scenario YAML")->required();
  run->add_option("--set", options->overrides,
                  "Override a scenario path, with units: --set hardware.count=2048 "
                  "--set 'cost.cloud_usd_per_gpu_hour=$2/h' (repeatable)")
      ->allow_extra_args(false);
  add_output_options(run, options->output);
  run->callback([&globals, &action, options] {
    action = [&globals, options] {
      const Scenario scenario =
          load_scenario_file(options->scenario_path, options->overrides, globals.catalog());
      emit(render_run(scenario, evaluate_training(scenario.inputs),
                      parse_format(options->output.format)),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
