#include "sim/cli/commands.h"
#include "sim/output/catalog_report.h"

namespace llmb::cli {

void add_catalog_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    bool with_sources = false;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* catalog = app.add_subcommand("catalog", "List the hardware catalog");
  catalog->add_flag("--sources", options->with_sources, "Show the source of every number");
  add_output_options(catalog, options->output);
  catalog->callback([&globals, &action, options] {
    action = [&globals, options] {
      emit(render_catalog(globals.catalog(), parse_format(options->output.format),
                          options->with_sources),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
