#include "sim/cli/commands.h"
#include "sim/company/load_company.h"
#include "sim/output/company_report.h"

namespace llmb::cli {

void add_company_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string path;
    std::vector<std::string> overrides;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* company = app.add_subcommand(
      "company", "Simulate a company month by month: cash, burn, revenue, runway, break-even");
  company->add_option("FILE", options->path, "Company scenario YAML")->required();
  company
      ->add_option("--set", options->overrides,
                   "Override a path, with units: --set 'funding[0].amount=$20M' (repeatable)")
      ->allow_extra_args(false);
  add_output_options(company, options->output);
  company->callback([&globals, &action, options] {
    action = [&globals, options] {
      const Company loaded =
          load_company_file(options->path, options->overrides, globals.catalog());
      emit(render_company(simulate(loaded), parse_format(options->output.format)),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
