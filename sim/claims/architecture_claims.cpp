#include "sim/claims/architecture_claims.h"

#include "kernels/architecture.h"
#include "sim/scenario/read_architecture.h"
#include "sim/schema/claim_spec.h"

namespace llmb {
namespace {

const std::vector<ClaimOutput>& architecture_outputs() {
  static const std::vector<ClaimOutput> outputs{{"params", Dimension::kCount},
                                                {"active_params", Dimension::kCount},
                                                {"active_matmul_params", Dimension::kCount}};
  return outputs;
}

double architecture_output(const Architecture& a, const std::string& key) {
  if (key == "params") return total_params(a);
  if (key == "active_params") return active_params(a);
  return active_matmul_params(a);
}

}  // namespace

bool is_architecture_claim_kind(const Document& doc) {
  const YAML::Node kind = doc.root()["kind"];
  return kind && kind.IsScalar() && kind.Scalar() == "architecture";
}

std::vector<ClaimResult> check_architecture_claims(const Document& doc) {
  const Fields root(doc, doc.root(), "");
  root.text("kind");
  const std::string name = root.optional_text("name").value_or(doc.label());
  root.optional_text("description");
  root.optional_text("source");
  const Fields model = root.child("model");
  const Architecture arch = read_architecture(model.child("architecture"));
  model.reject_unknown({"architecture"});
  const auto claims = read_claims(root, architecture_outputs());
  root.reject_unknown({"kind", "name", "description", "source", "model", "claims"});
  std::vector<ClaimResult> results;
  for (const auto& spec : claims)
    results.push_back(judge_claim(spec, *find_claim_output(architecture_outputs(), spec.output),
                                  architecture_output(arch, spec.output), name, doc.label()));
  return results;
}

}  // namespace llmb
