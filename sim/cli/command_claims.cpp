#include "sim/claims/claims.h"
#include "sim/cli/commands.h"

#ifndef LLMB_DEFAULT_CLAIMS_DIR
#error "LLMB_DEFAULT_CLAIMS_DIR must name the bundled claims directory"
#endif

namespace llmb::cli {

void add_claims_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string directory = LLMB_DEFAULT_CLAIMS_DIR;
    OutputOptions output;
  };
  auto options = std::make_shared<Options>();
  CLI::App* claims =
      app.add_subcommand("claims", "Check every published claim; exit 3 if any is off");
  claims->add_option("--dir", options->directory, "Directory of claim scenarios")
      ->capture_default_str();
  add_output_options(claims, options->output, /*workbook=*/false, /*html=*/true);
  claims->callback([&globals, &action, options] {
    action = [&globals, options] {
      const auto results = check_claims_in(options->directory, globals.catalog());
      emit(rendered(parse_format(options->output.format), HtmlReport::kClaims,
                    [&](Format format) { return render_claims(results, format); }),
           options->output.path);
      for (const auto& r : results)
        if (!r.pass) return kExitClaimsFailed;
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
