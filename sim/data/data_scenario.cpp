#include "sim/data/data_scenario.h"

namespace llmb {
namespace {

using Field = DataOutputField;

// Hours of people's time are counts of hours ("15.1k"), not durations of a run.
constexpr Field kFields[] = {
    {"licensed_usd", Dimension::kUsd, [](const DataCost& c) { return c.licensed_usd; },
     "licensed data"},
    {"cleaning_gpu_hours", Dimension::kGpuHours,
     [](const DataCost& c) { return c.cleaning_gpu_hours; }, "cleaning: GPU-hours"},
    {"cleaning_usd", Dimension::kUsd, [](const DataCost& c) { return c.cleaning_usd; }, "cleaning"},
    {"tiers.crowd.hours", Dimension::kCount,
     [](const DataCost& c) { return c.tier_hours[kTierCrowd]; }, "crowd: labeller-hours"},
    {"tiers.crowd.usd", Dimension::kUsd, [](const DataCost& c) { return c.tier_usd[kTierCrowd]; },
     "crowd"},
    {"tiers.generalist.hours", Dimension::kCount,
     [](const DataCost& c) { return c.tier_hours[kTierGeneralist]; }, "generalist: labeller-hours"},
    {"tiers.generalist.usd", Dimension::kUsd,
     [](const DataCost& c) { return c.tier_usd[kTierGeneralist]; }, "generalist"},
    {"tiers.expert.hours", Dimension::kCount,
     [](const DataCost& c) { return c.tier_hours[kTierExpert]; }, "expert: labeller-hours"},
    {"tiers.expert.usd", Dimension::kUsd, [](const DataCost& c) { return c.tier_usd[kTierExpert]; },
     "expert"},
    {"labelling_hours", Dimension::kCount, [](const DataCost& c) { return c.labelling_hours; },
     "labelling: labeller-hours (review included)"},
    {"labelling_usd", Dimension::kUsd, [](const DataCost& c) { return c.labelling_usd; },
     "labelling"},
    {"total_usd", Dimension::kUsd, [](const DataCost& c) { return c.total_usd; }, "total"},
};

}  // namespace

std::span<const DataOutputField> data_output_fields() {
  return kFields;
}

const std::vector<ClaimOutput>& data_claim_outputs() {
  static const std::vector<ClaimOutput> outputs = claim_outputs_of(data_output_fields());
  return outputs;
}

DataScenario load_data_scenario(const Document& doc, const Catalog& catalog) {
  const Fields root(doc, doc.root(), "");
  DataScenario s;
  s.file = doc.label();
  root.choice("kind", {"labelling"}, "labelling");
  s.name = root.optional_text("name").value_or(doc.label());
  s.description = root.optional_text("description").value_or("");
  s.source = root.optional_text("source").value_or("");
  s.claims = read_claims(root, data_claim_outputs());
  s.labour = load_labour_catalog(catalog.directory);
  s.program =
      read_data_program(root, {"kind", "name", "description", "source", "claims"}, s.labour);
  return s;
}

DataScenario load_data_file(const std::string& path, const std::vector<std::string>& overrides,
                            const Catalog& catalog) {
  Document doc = Document::load_file(path);
  doc.apply_overrides(overrides);
  return load_data_scenario(doc, catalog);
}

}  // namespace llmb
