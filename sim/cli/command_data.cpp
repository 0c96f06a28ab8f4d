#include "sim/cli/commands.h"
#include "sim/data/data_scenario.h"
#include "sim/output/data_report.h"

namespace llmb::cli {

void add_data_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string path;
    std::vector<std::string> overrides;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* data = app.add_subcommand(
      "data", "What a data programme costs: licensed tokens, cleaning, labelling by tier");
  data->add_option("FILE", options->path, "Data programme YAML")->required();
  data->add_option("--set", options->overrides,
                   "Override a path, with units: --set labelling.expert.items=5000 "
                   "--set 'labelling.crowd.usd_per_hour=$15/h' (repeatable)")
      ->allow_extra_args(false);
  add_output_options(data, options->output, /*workbook=*/false, /*html=*/true);
  data->callback([&globals, &action, options] {
    action = [&globals, options] {
      const DataScenario scenario =
          load_data_file(options->path, options->overrides, globals.catalog());
      const DataCost cost = data_cost(scenario.program.inputs);
      emit(rendered(parse_format(options->output.format), HtmlReport::kFields,
                    [&](Format format) { return render_data(scenario, cost, format); }),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
