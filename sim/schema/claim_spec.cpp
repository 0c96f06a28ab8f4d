#include "sim/schema/claim_spec.h"

#include <fmt/format.h>

#include "sim/schema/output_fields.h"
#include "sim/yaml/did_you_mean.h"

namespace llmb {

const ClaimOutput* find_claim_output(const std::vector<ClaimOutput>& outputs,
                                     const std::string& key) {
  for (const auto& output : outputs)
    if (output.key == key) return &output;
  return nullptr;
}

const std::vector<ClaimOutput>& training_claim_outputs() {
  static const std::vector<ClaimOutput> outputs = claim_outputs_of(training_output_fields());
  return outputs;
}

std::vector<ClaimSpec> read_claims(const Fields& root, const std::vector<ClaimOutput>& outputs) {
  std::vector<ClaimSpec> claims;
  const YAML::Node list = root.node("claims");
  if (!list) return claims;
  if (!list.IsSequence() || list.size() == 0)
    root.fail("claims", "expected a list of claims", describe(list));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Fields f(root.document(), list[i], fmt::format("claims[{}]", i));
    ClaimSpec claim;
    claim.where = root.document().locate(list[i], f.path());
    claim.claim = f.text("claim");
    claim.source = f.text("source");
    claim.output = f.text("output");
    const ClaimOutput* field = find_claim_output(outputs, claim.output);
    if (!field) {
      std::vector<std::string> keys;
      for (const auto& output : outputs) keys.push_back(output.key);
      f.fail("output", "unknown output" + did_you_mean(claim.output, keys), claim.output);
    }
    if (auto published = f.optional_quantity("published", field->dimension, positive())) {
      claim.published = published;
      claim.tolerance = f.quantity("tolerance", Dimension::kDimensionless, positive(1));
    }
    if (auto range = f.optional_child("range")) {
      claim.range_min = range->quantity("min", field->dimension, non_negative());
      claim.range_max = range->quantity("max", field->dimension, positive());
      if (*claim.range_max <= *claim.range_min)
        range->fail("max", "must be above min", describe(range->node("max")));
      range->reject_unknown({"min", "max"});
    }
    if (claim.published.has_value() == (claim.range_min.has_value()))
      f.fail("published", "give either published (with tolerance) or range");
    f.reject_unknown({"claim", "source", "output", "published", "tolerance", "range"});
    claims.push_back(std::move(claim));
  }
  return claims;
}

}  // namespace llmb
