#include "sim/output/fit_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

using Json = nlohmann::ordered_json;

struct Row {
  const char* name;
  double value;
  const ParameterSpread* spread;
};

std::vector<Row> rows(const LossLawFit& fit) {
  return {{"E", fit.law.e, &fit.e},
          {"A", fit.law.a, &fit.a},
          {"B", fit.law.b, &fit.b},
          {"alpha", fit.law.alpha, &fit.alpha},
          {"beta", fit.law.beta, &fit.beta}};
}

std::string tokens_from(const LossRunsFile& file) {
  return file.tokens_column.empty()
             ? fmt::format("tokens = \"{}\" / (6 x \"{}\")", file.flop_column, file.params_column)
             : fmt::format("tokens from \"{}\"", file.tokens_column);
}

// "4,500 starting points", or "the best 450 of 4,500 starting points" when screened.
std::string starts_text(const LossLawFit& fit) {
  if (fit.refined_starts >= fit.starts) return format_grouped(fit.starts) + " starting points";
  return fmt::format("the best {} of {} starting points", format_grouped(fit.refined_starts),
                     format_grouped(fit.starts));
}

std::string render_table(const LossLawFit& fit, const LossRunsFile& file, int dropped) {
  std::string text = fmt::format("Fit of L(N, D) = E + A / N^alpha + B / D^beta to {} runs of {}",
                                 fit.runs, file.path);
  text += dropped > 0 ? fmt::format(" ({} highest losses left out)\n", dropped) : "\n";
  text += fmt::format("  N from \"{}\", {}, loss from \"{}\"\n", file.params_column,
                      tokens_from(file), file.loss_column);
  text += fmt::format(
      "  Huber loss (delta 1e-3) on log loss, L-BFGS from {}: objective {:.6g}, RMS log "
      "residual {:.4f}\n\n",
      starts_text(fit), fit.objective, fit.rms_log_residual);
  const bool boot = fit.bootstrap_samples > 0;
  std::vector<TextColumn> columns = {{"", Align::kLeft}, {"estimate"}};
  if (boot) {
    columns.insert(columns.end(),
                   {{"boot. mean"},
                    {"std. error"},
                    {fmt::format("95% interval ({} bootstrap samples)", fit.bootstrap_samples),
                     Align::kLeft}});
  }
  TextTable table(std::move(columns), 2, 2);
  for (const Row& r : rows(fit)) {
    std::vector<std::string> cells = {r.name, fmt::format("{:.6g}", r.value)};
    if (boot) {
      cells.insert(cells.end(), {fmt::format("{:.6g}", r.spread->mean),
                                 fmt::format("{:.4g}", r.spread->std_error),
                                 fmt::format("[{:.6g}, {:.6g}]", r.spread->low, r.spread->high)});
    }
    table.row(std::move(cells));
  }
  text += table.text();
  const double sum = fit.law.alpha + fit.law.beta;
  text += fmt::format("\n  Compute-optimal allocation: N* ~ C^{:.3f}, D* ~ C^{:.3f}\n",
                      fit.law.beta / sum, fit.law.alpha / sum);
  return text;
}

std::string render_json(const LossLawFit& fit, const LossRunsFile& file, int dropped) {
  Json j;
  j["file"] = file.path;
  j["runs"] = fit.runs;
  j["dropped_highest"] = dropped;
  j["starts"] = fit.starts;
  j["refined_starts"] = fit.refined_starts;
  j["objective"] = fit.objective;
  j["rms_log_residual"] = fit.rms_log_residual;
  Json law;
  for (const Row& r : rows(fit)) law[r.name] = r.value;
  j["law"] = law;
  if (fit.bootstrap_samples > 0) {
    Json boot;
    boot["samples"] = fit.bootstrap_samples;
    for (const Row& r : rows(fit))
      boot[r.name] = {{"mean", r.spread->mean},
                      {"std_error", r.spread->std_error},
                      {"p2_5", r.spread->low},
                      {"p97_5", r.spread->high}};
    j["bootstrap"] = boot;
  }
  return json_document(j);
}

// A double-quoted YAML scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

// A law file in the catalog's schema, for `plan --law FILE`.
std::string render_yaml(const LossLawFit& fit, const LossRunsFile& file, int dropped) {
  std::string text = "laws:\n  fitted:\n";
  text += fmt::format(
      "    description: {}\n",
      quoted(fmt::format("Fitted by llmbudget fit to {} runs of {}", fit.runs, file.path)));
  text += fmt::format(
      "    source: {}\n",
      quoted(fmt::format(
          "llmbudget fit of {}: Huber loss (delta 1e-3) on log loss, L-BFGS from {}{}", file.path,
          starts_text(fit),
          dropped > 0 ? fmt::format(", {} highest losses left out", dropped) : std::string())));
  text += "    form: parametric\n";
  for (const Row& r : rows(fit)) text += fmt::format("    {}: {:.10g}\n", r.name, r.value);
  return text;
}

}  // namespace

std::string render_fit(const LossLawFit& fit, const LossRunsFile& file, int dropped,
                       FitFormat format) {
  switch (format) {
    case FitFormat::kJson:
      return render_json(fit, file, dropped);
    case FitFormat::kYaml:
      return render_yaml(fit, file, dropped);
    case FitFormat::kTable:
      break;
  }
  return render_table(fit, file, dropped);
}

}  // namespace llmb
