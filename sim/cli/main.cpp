// llmbudget's command line: a thin layer over the library, and the one place that prints
// errors and decides exit codes: 0 success, 1 internal error, 2 input error, 3 claims off.
#include <cstdio>

#include "sim/cli/commands.h"
#include "sim/input_error.h"
#include "sim/output/atomic_file.h"

int main(int argc, char** argv) {
  using namespace llmb::cli;
  CLI::App app{"llmbudget: what training, serving and running large AI models costs"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "llmbudget 0.1.0");
  Globals globals;
  globals.catalog_dir = llmb::default_catalog_directory();
  app.add_option("--catalog", globals.catalog_dir, "Directory of hardware.yaml and economics.yaml")
      ->capture_default_str();

  Action action;
  add_run_command(app, globals, action);
  add_claims_command(app, globals, action);
  add_catalog_command(app, globals, action);
  add_sweep_command(app, globals, action);
  add_plan_command(app, globals, action);
  add_fit_command(app, globals, action);
  add_layout_command(app, globals, action);
  add_serve_command(app, globals, action);
  add_data_command(app, globals, action);
  add_company_command(app, globals, action);
  add_compare_command(app, globals, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --help-all, --version
    return app.exit(e) == 0 ? kExitOk : kExitInput;
  } catch (const CLI::ParseError& e) {
    // One line, as every input error: what the parser said, and where to look.
    std::fprintf(stderr, "command line:1:1: %s (see --help)\n", e.what());
    return kExitInput;
  }

  try {
    return action ? action() : kExitInternal;
  } catch (const llmb::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInput;
  } catch (const llmb::OutputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kExitInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "llmbudget: internal error: %s\n", e.what());
    return kExitInternal;
  }
}
