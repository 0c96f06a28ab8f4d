#include "sim/claims/claims.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/output/format.h"
#include "sim/output/output_fields.h"
#include "sim/scenario/load_scenario.h"

namespace llmb {
namespace {

std::string shown(double base_value, const OutputField& field) {
  if (field.dimension == Dimension::kDimensionless) return fmt::format("{:.1f}%", 100 * base_value);
  return format_quantity(base_value, field.dimension);
}

std::string published_text(const ClaimResult& r, const OutputField& field) {
  if (r.spec.published) return shown(*r.spec.published, field);
  return fmt::format("{} to {}", shown(*r.spec.range_min, field), shown(*r.spec.range_max, field));
}

std::string error_text(const ClaimResult& r) {
  if (!r.spec.published) return "in range";
  return fmt::format("{:+.1f}% (tol {:.3g}%)", 100 * r.relative_error, 100 * r.spec.tolerance);
}

}  // namespace

std::vector<ClaimResult> check_claims(const Scenario& scenario, const TrainingOutputs& outputs) {
  std::vector<ClaimResult> results;
  for (const ClaimSpec& spec : scenario.claims) {
    const OutputField* field = find_output_field(spec.output);
    ClaimResult r{scenario.name, scenario.file, spec, field->base_value(outputs), 0, false};
    if (spec.published) {
      r.relative_error = (r.simulated - *spec.published) / *spec.published;
      r.pass = std::fabs(r.relative_error) <= spec.tolerance;
    } else {
      r.pass = r.simulated >= *spec.range_min && r.simulated <= *spec.range_max;
    }
    results.push_back(std::move(r));
  }
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
    const Scenario scenario = load_scenario_file(file, {}, catalog);
    if (scenario.claims.empty())
      throw InputError({file, 1, 1}, "claims", "a claim scenario must list at least one claim");
    auto results = check_claims(scenario, evaluate_training(scenario.inputs));
    all.insert(all.end(), results.begin(), results.end());
  }
  return all;
}

std::string render_claims(const std::vector<ClaimResult>& results, Format format) {
  if (format == Format::kJson || format == Format::kCsv) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    std::string csv = "file,claim,output,published,range_min,range_max,tolerance,simulated,relative_error,pass\n";
    for (const auto& r : results) {
      const double scale = find_output_field(r.spec.output)->key_unit_per_base;
      nlohmann::ordered_json j{{"file", r.file},
                               {"scenario", r.scenario},
                               {"claim", r.spec.claim},
                               {"source", r.spec.source},
                               {"output", r.spec.output},
                               {"simulated", r.simulated * scale}};
      if (r.spec.published) {
        j["published"] = *r.spec.published * scale;
        j["tolerance"] = r.spec.tolerance;
        j["relative_error"] = r.relative_error;
      } else {
        j["range"] = {{"min", *r.spec.range_min * scale}, {"max", *r.spec.range_max * scale}};
      }
      j["pass"] = r.pass;
      list.push_back(j);
      auto number = [](const std::optional<double>& v, double k) {
        return v ? fmt::format("{:.17g}", *v * k) : std::string();
      };
      csv += fmt::format("{},\"{}\",{},{},{},{},{},{:.17g},{},{}\n", r.file, r.spec.claim, r.spec.output,
                         number(r.spec.published, scale), number(r.spec.range_min, scale),
                         number(r.spec.range_max, scale),
                         r.spec.published ? fmt::format("{:.17g}", r.spec.tolerance) : "",
                         r.simulated * scale,
                         r.spec.published ? fmt::format("{:.17g}", r.relative_error) : "",
                         r.pass ? "true" : "false");
    }
    return format == Format::kJson ? list.dump(2) + "\n" : csv;
  }

  std::size_t claim_width = 5;
  for (const auto& r : results) claim_width = std::max(claim_width, r.spec.claim.size());
  std::string text = fmt::format("{:<{}}  {:>22}  {:>14}  {:>18}  {}\n", "claim", claim_width,
                                 "published", "simulated", "error", "verdict");
  int failed = 0;
  for (const auto& r : results) {
    const OutputField& field = *find_output_field(r.spec.output);
    text += fmt::format("{:<{}}  {:>22}  {:>14}  {:>18}  {}\n", r.spec.claim, claim_width,
                        published_text(r, field), shown(r.simulated, field), error_text(r),
                        r.pass ? "ok" : "FAIL");
    failed += r.pass ? 0 : 1;
  }
  text += fmt::format("\n{} claims, {} within tolerance, {} outside\n", results.size(),
                      results.size() - static_cast<std::size_t>(failed), failed);
  return text;
}

}  // namespace llmb
