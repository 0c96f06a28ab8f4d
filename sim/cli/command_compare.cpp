#include <fmt/format.h>

#include <optional>
#include <thread>

#include "kernels/batch_cuda.h"
#include "sim/cli/commands.h"
#include "sim/cli/interrupt.h"
#include "sim/cli/option_value.h"
#include "sim/company/compare_companies.h"
#include "sim/company/load_company.h"
#include "sim/output/compare_report.h"
#include "sim/report/xlsx_reports.h"
#include "sim/schema/format.h"

namespace llmb::cli {

void add_compare_command(CLI::App& app, const Globals& globals, Action& action) {
  struct Options {
    std::vector<std::string> paths;
    std::string raise;  // no default: a runway on a raise nobody proposed misleads
    double samples = 0;
    std::string seed = "1";
    std::string device = "auto";
    std::string currency = "USD";
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    OutputOptions output;
  };
  auto o = std::make_shared<Options>();
  CLI::App* compare = app.add_subcommand(
      "compare", "Companies side by side: funding needed, break-even, runway, margins, spend");
  compare->add_option("FILES", o->paths, "Company scenario YAML files")->required();
  compare->add_option("--raise", o->raise,
                      "Also show the runway on this much raised at month 0: '$50M'");
  compare->add_option("--samples", o->samples,
                      "Monte Carlo samples per company over its distributions (0: none)");
  compare->add_option("--seed", o->seed, "Seed of the Monte Carlo draws")->capture_default_str();
  compare
      ->add_option("--device", o->device, "Monte Carlo on a GPU when present (auto), cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
      ->capture_default_str();
  compare->add_option("--threads", o->threads, "CPU threads")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  compare
      ->add_option("--currency", o->currency,
                   "Print amounts in USD, CNY or EUR, at the catalog's rate of each company's "
                   "exchange_rate_year")
      ->capture_default_str();
  add_output_options(compare, o->output, /*workbook=*/true, /*html=*/true);

  compare->callback([&globals, &action, o] {
    action = [&globals, o] {
      const bool workbook = checked_workbook_output(o->output.format, o->output.path);
      std::optional<double> raise;
      if (!o->raise.empty())
        raise = option_quantity("--raise", o->raise, Dimension::kUsd, non_negative(1e13));
      if (!(o->samples >= 0) || o->samples > 1e10 || o->samples != std::floor(o->samples))
        bad_option("--samples", "must be a whole number from 0 to 1e10",
                   fmt::format("{:g}", o->samples));
      const auto samples = static_cast<std::uint64_t>(o->samples);
      const std::uint64_t seed = option_seed("--seed", o->seed);
      const Device device = device_option(o->device);
      const std::uint64_t need = company_samples_memory_bytes(samples);
      const std::uint64_t limit = physical_memory_bytes() / 2;
      if (limit > 0 && need > limit)
        bad_option("--samples",
                   fmt::format("{} samples need {} of memory, above half the RAM ({})", samples,
                               format_quantity(static_cast<double>(need), Dimension::kBytes),
                               format_quantity(static_cast<double>(limit), Dimension::kBytes)),
                   fmt::format("{}", samples));

      // Everything is loaded and checked before any simulation starts.
      std::vector<Company> companies;
      std::vector<DisplayCurrency> currencies;
      for (const auto& path : o->paths) {
        companies.push_back(load_company_file(path, {}, globals.catalog()));
        currencies.push_back(currency_option(o->currency, globals.catalog().exchange_rates,
                                             companies.back().exchange_rate_year));
      }

      if (samples > 0)
        std::fprintf(stderr, "llmbudget compare: Monte Carlo of %s samples per company on %s\n",
                     format_grouped(static_cast<double>(samples)).c_str(),
                     device_description(device, o->threads).c_str());
      const InterruptScope interrupt;
      CompareOptions options;
      options.raise_usd = raise;
      if (samples > 0)
        options.monte_carlo = CompanyMonteCarloOptions{.samples = samples,
                                                       .seed = seed,
                                                       .device = device,
                                                       .threads = o->threads,
                                                       .stop = interrupt.flag()};
      // How long it took is a fact of this run, not a result: stderr, not the output.
      auto report_time = [](const Company& company, const CompanyMonteCarlo& mc) {
        std::fprintf(stderr,
                     "llmbudget compare: %s: %s samples x %.0f months in %.3f s, %.3g "
                     "company-months/s\n",
                     company.name.c_str(), format_grouped(static_cast<double>(mc.samples)).c_str(),
                     mc.horizon_months, mc.seconds, mc.company_months_per_second);
      };
      std::vector<ComparedCompany> compared;
      try {
        compared = compare_companies(companies, currencies, options, report_time);
      } catch (const Cancelled&) {
        std::fprintf(stderr, "llmbudget compare: interrupted; nothing written\n");
        return kExitInterrupted;
      }
      if (workbook) {
        write_comparison_workbook(compared, o->output.path);
        return kExitOk;
      }
      emit(rendered(parse_format(o->output.format), HtmlReport::kCompare,
                    [&](Format format) { return render_comparison(compared, format); }),
           o->output.path);
      return kExitOk;
    };
  });
}

}  // namespace llmb::cli
