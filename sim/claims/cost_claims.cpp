#include "sim/claims/cost_claims.h"

#include "kernels/data_cost.h"
#include "sim/data/data_scenario.h"
#include "sim/serving/serving_scenario.h"

namespace llmb {

bool is_cost_claim_kind(const Document& doc) {
  const YAML::Node kind = doc.root()["kind"];
  return kind && kind.IsScalar() && (kind.Scalar() == "serving" || kind.Scalar() == "labelling");
}

std::vector<ClaimResult> check_cost_claims(const Document& doc, const Catalog& catalog) {
  std::vector<ClaimResult> results;
  if (doc.root()["kind"].Scalar() == "serving") {
    const ServingScenario s = load_serving_scenario(doc, catalog);
    const ServingResult r = evaluate_serving(s);
    for (const ClaimSpec& spec : s.claims)
      for (const auto& field : serving_output_fields())
        if (field.key == spec.output)
          results.push_back(judge_claim(spec,
                                        *find_claim_output(serving_claim_outputs(), spec.output),
                                        field.base_value(r), s.name, s.file));
    return results;
  }
  const DataScenario s = load_data_scenario(doc, catalog);
  const DataCost cost = data_cost(s.program.inputs);
  for (const ClaimSpec& spec : s.claims)
    for (const auto& field : data_output_fields())
      if (field.key == spec.output)
        results.push_back(judge_claim(spec, *find_claim_output(data_claim_outputs(), spec.output),
                                      field.base_value(cost), s.name, s.file));
  return results;
}

}  // namespace llmb
