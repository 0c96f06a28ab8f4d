#include "sim/cli/commands.h"
#include "sim/cli/option_value.h"
#include "sim/company/load_company.h"
#include "sim/company/tornado.h"
#include "sim/output/company_report.h"
#include "sim/output/tornado_report.h"
#include "sim/report/xlsx_reports.h"

namespace llmb::cli {

void add_company_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::string path;
    std::vector<std::string> overrides;
    bool tornado = false;
    std::string move = "20%";
    std::string by = "funding_needed";
    std::string currency = "USD";
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
  company->add_flag("--tornado", options->tornado,
                    "Instead of the monthly table: every numeric input moved alone down and up, "
                    "ranked by the swing of one outcome (--by)");
  company->add_option("--move", options->move, "How far --tornado moves each input: 20%")
      ->capture_default_str();
  company
      ->add_option("--by", options->by,
                   "The outcome --tornado ranks by: funding_needed, break_even_month, "
                   "cash_at_end, runway_months, revenue_at_end")
      ->capture_default_str();
  company
      ->add_option("--currency", options->currency,
                   "Print amounts in USD, CNY or EUR, at the catalog's rate of the company's "
                   "exchange_rate_year")
      ->capture_default_str();
  add_output_options(company, options->output, /*workbook=*/true, /*html=*/true);
  company->callback([&globals, &action, options] {
    action = [&globals, options] {
      const std::string& format = options->output.format;
      if (options->tornado && (format == "xlsx" || format == "html"))
        bad_option("--format", "company --tornado comes as table, json or csv", format);
      const bool workbook = checked_workbook_output(options->output.format, options->output.path);
      if (options->tornado) {
        const double move = option_quantity("--move", options->move, Dimension::kDimensionless,
                                            {0, 0.99, true, false});
        const TornadoOutcome& by = find_tornado_outcome(options->by, "--by");
        Document doc = Document::load_file(options->path);
        doc.apply_overrides(options->overrides);
        const Tornado tornado = company_tornado(doc, globals.catalog(), move, by);
        const DisplayCurrency currency = currency_option(
            options->currency, globals.catalog().exchange_rates, tornado.exchange_rate_year);
        emit(render_tornado(tornado, parse_format(options->output.format), currency),
             options->output.path);
        return kExitOk;
      }
      const Company loaded =
          load_company_file(options->path, options->overrides, globals.catalog());
      SimulatedCompany simulated = simulate(loaded);
      simulated.currency = currency_option(options->currency, globals.catalog().exchange_rates,
                                           loaded.exchange_rate_year);
      if (workbook) {
        write_company_workbook(simulated, options->output.path);
        return kExitOk;
      }
      emit(rendered(parse_format(options->output.format), HtmlReport::kCompany,
                    [&](Format format) { return render_company(simulated, format); }),
           options->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
