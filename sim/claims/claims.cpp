#include "sim/claims/claims.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/claims/architecture_claims.h"
#include "sim/claims/company_claims.h"
#include "sim/claims/cost_claims.h"
#include "sim/claims/scaling_claims.h"
#include "sim/scenario/load_scenario.h"
#include "sim/schema/dotted_json.h"
#include "sim/schema/format.h"
#include "sim/schema/output_fields.h"
#include "sim/schema/text_table.h"

namespace llmb {
namespace {

std::string shown(double base_value, const ClaimOutput& field) {
  return format_output_value(base_value, field.dimension, field.percent);
}

std::string published_text(const ClaimResult& r, const ClaimOutput& field) {
  if (r.spec.published) return shown(*r.spec.published, field);
  return fmt::format("{} to {}", shown(*r.spec.range_min, field), shown(*r.spec.range_max, field));
}

std::string error_text(const ClaimResult& r) {
  if (!r.spec.published) return r.pass ? "in range" : "out of range";
  return fmt::format("{:+.1f}% (tol {:.3g}%)", 100 * r.relative_error, 100 * r.spec.tolerance);
}

}  // namespace

ClaimResult judge_claim(const ClaimSpec& spec, const ClaimOutput& output, double simulated,
                        const std::string& name, const std::string& file) {
  ClaimResult r{name, file, spec, output, simulated, 0, false, {}};
  if (spec.published) {
    r.relative_error = (simulated - *spec.published) / *spec.published;
    r.pass = std::fabs(r.relative_error) <= spec.tolerance;
  } else {
    r.pass = simulated >= *spec.range_min && simulated <= *spec.range_max;
  }
  return r;
}

std::vector<ClaimResult> check_claims(const Scenario& scenario, const TrainingOutputs& outputs) {
  std::vector<ClaimResult> results;
  for (const ClaimSpec& spec : scenario.claims)
    results.push_back(judge_claim(spec, *find_claim_output(training_claim_outputs(), spec.output),
                                  find_output_field(spec.output)->base_value(outputs),
                                  scenario.name, scenario.file));
  return results;
}

std::vector<ClaimResult> check_claims_in(const std::string& directory, const Catalog& catalog) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  if (error)
    throw InputError({directory, 1, 1}, "", fmt::format("cannot list claims: {}", error.message()));
  std::sort(files.begin(), files.end());
  std::vector<ClaimResult> all;
  for (const auto& file : files) {
    const Document doc = Document::load_file(file);
    const YAML::Node kind = doc.root()["kind"];
    std::vector<ClaimResult> results;
    if (is_cost_claim_kind(doc)) {
      results = check_cost_claims(doc, catalog);
    } else if (is_company_claim_kind(doc)) {
      results = check_company_claims(doc, catalog);
    } else if (is_architecture_claim_kind(doc)) {
      results = check_architecture_claims(doc);
    } else if (kind) {
      results = check_scaling_claims(doc, catalog.directory);
    } else {
      const Scenario scenario = load_scenario(doc, catalog);
      results = check_claims(scenario, evaluate_training(scenario.inputs));
    }
    if (results.empty())
      throw InputError({file, 1, 1}, "claims", "a claim file must list at least one claim");
    all.insert(all.end(), results.begin(), results.end());
  }
  return all;
}

std::string render_claims(const std::vector<ClaimResult>& results, Format format) {
  if (format == Format::kJson || format == Format::kCsv) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::string csv =
        "file,claim,output,published,range_min,range_max,tolerance,simulated,relative_error,pass\n";
    for (const auto& r : results) {
      const double scale = r.output.key_unit_per_base;
      nlohmann::ordered_json j{{"file", r.file},          {"scenario", r.scenario},
                               {"claim", r.spec.claim},   {"source", r.spec.source},
                               {"output", r.spec.output}, {"simulated", r.simulated * scale}};
      if (r.spec.published) {
        j["published"] = *r.spec.published * scale;
        j["tolerance"] = r.spec.tolerance;
        j["relative_error"] = r.relative_error;
      } else {
        j["range"] = {{"min", *r.spec.range_min * scale}, {"max", *r.spec.range_max * scale}};
      }
      j["pass"] = r.pass;
      if (!r.sensitivity.empty()) {
        nlohmann::ordered_json guessed = nlohmann::ordered_json::array();
        for (const auto& g : r.sensitivity)
          guessed.push_back({{"path", g.path},
                             {"p10_value", g.low_value},
                             {"p90_value", g.high_value},
                             {"simulated_at_p10", g.simulated_at_low * scale},
                             {"simulated_at_p90", g.simulated_at_high * scale}});
        j["sensitivity"] = guessed;
      }
      list.push_back(j);
      auto number = [](const std::optional<double>& v, double k) {
        return v ? fmt::format("{:.17g}", *v * k) : std::string();
      };
      csv += fmt::format("{},{},{},{},{},{},{},{:.17g},{},{}\n", csv_quoted(r.file),
                         csv_quoted(r.spec.claim), r.spec.output, number(r.spec.published, scale),
                         number(r.spec.range_min, scale), number(r.spec.range_max, scale),
                         r.spec.published ? fmt::format("{:.17g}", r.spec.tolerance) : "",
                         r.simulated * scale,
                         r.spec.published ? fmt::format("{:.17g}", r.relative_error) : "",
                         r.pass ? "true" : "false");
    }
    return format == Format::kJson ? json_document(list) : csv;
  }

  TextTable table(
      {{"claim", Align::kLeft}, {"published"}, {"simulated"}, {"error"}, {"verdict", Align::kLeft}},
      0, 2);
  int failed = 0;
  for (const auto& r : results) {
    const ClaimOutput& field = r.output;
    table.row({r.spec.claim, published_text(r, field), shown(r.simulated, field), error_text(r),
               r.pass ? "ok" : "FAIL"});
    // A company claim's guessed inputs, each alone at its P10 and P90.
    for (const auto& g : r.sensitivity)
      table.line(fmt::format("    guessed {} {} .. {}: simulated {} .. {}", g.path,
                             format_input_value(g.low_value, g.dimension),
                             format_input_value(g.high_value, g.dimension),
                             shown(g.simulated_at_low, field), shown(g.simulated_at_high, field)));
    failed += r.pass ? 0 : 1;
  }
  std::string text = table.text();
  text += fmt::format("\n{} claims, {} within tolerance, {} outside\n", results.size(),
                      results.size() - static_cast<std::size_t>(failed), failed);
  // Mean and largest error over the claims with a published figure (ranges have none).
  double sum = 0;
  const ClaimResult* largest = nullptr;
  int with_figure = 0;
  for (const auto& r : results) {
    if (!r.spec.published) continue;
    ++with_figure;
    sum += std::fabs(r.relative_error);
    if (!largest || std::fabs(r.relative_error) > std::fabs(largest->relative_error)) largest = &r;
  }
  if (largest)
    text += fmt::format("mean |error| {:.1f}% over {} published figures; largest {:+.1f}% ({})\n",
                        100 * sum / with_figure, with_figure, 100 * largest->relative_error,
                        largest->spec.claim);
  return text;
}

}  // namespace llmb
