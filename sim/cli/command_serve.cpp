#include "sim/cli/commands.h"
#include "sim/output/serving_report.h"
#include "sim/serving/serving_scenario.h"

namespace llmb::cli {

void add_serve_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string path;
    std::vector<std::string> overrides;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* serve = app.add_subcommand(
      "serve", "What serving a model costs: throughput, GPUs, $/day, $/query, $/Mtok");
  serve->add_option("FILE", options->path, "Serving YAML: demand and a serving section")
      ->required();
  serve
      ->add_option("--set", options->overrides,
                   "Override a path, with units: --set serving.batch_size=32 "
                   "--set 'serving.usd_per_gpu_hour=$2/h' (repeatable)")
      ->allow_extra_args(false);
  add_output_options(serve, options->output, /*workbook=*/false, /*html=*/true);
  serve->callback([&globals, &action, options] {
    action = [&globals, options] {
      const ServingScenario scenario =
          load_serving_file(options->path, options->overrides, globals.catalog());
      const ServingResult result = evaluate_serving(scenario);
      emit(rendered(parse_format(options->output.format), HtmlReport::kFields,
                    [&](Format format) { return render_serving(scenario, result, format); }),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
