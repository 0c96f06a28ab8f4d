#include "sim/claims/scaling_claims.h"

#include <filesystem>

#include "kernels/data_constrained.h"
#include "kernels/scaling_law.h"
#include "sim/scaling/fit.h"
#include "sim/scaling/law_catalog.h"
#include "sim/scaling/runs_csv.h"

namespace llmb {
namespace {

const std::vector<ClaimOutput>& fit_outputs() {
  static const std::vector<ClaimOutput> outputs{{"fit.E", Dimension::kDimensionless},
                                                {"fit.A", Dimension::kDimensionless},
                                                {"fit.B", Dimension::kDimensionless},
                                                {"fit.alpha", Dimension::kDimensionless},
                                                {"fit.beta", Dimension::kDimensionless}};
  return outputs;
}

const std::vector<ClaimOutput>& optimum_outputs() {
  static const std::vector<ClaimOutput> outputs{{"optimum.params", Dimension::kCount},
                                                {"optimum.tokens", Dimension::kCount},
                                                {"optimum.loss", Dimension::kDimensionless}};
  return outputs;
}

const std::vector<ClaimOutput>& data_constrained_outputs() {
  static const std::vector<ClaimOutput> outputs{
      {"loss", Dimension::kDimensionless},
      {"loss_increase_vs_unique", Dimension::kDimensionless, 1.0, true},
      {"optimum.params", Dimension::kCount},
      {"optimum.tokens", Dimension::kCount},
      {"optimum.epochs", Dimension::kDimensionless},
      {"optimum.loss_increase_vs_unique", Dimension::kDimensionless, 1.0, true}};
  return outputs;
}

// `kind: data_constrained`: a law with a stock of unique tokens (Muennighoff et al. 2023),
// either the loss of a given run (`params`, `tokens`) or the best run for a `compute`.
std::vector<ClaimResult> check_data_constrained(const Fields& root, const Document& doc,
                                                const std::string& name,
                                                const std::string& catalog_dir) {
  const ScalingLaw law = resolve_scaling_law(root.text("law"), catalog_dir, "law").law;
  const double unique = root.quantity("unique_tokens", Dimension::kCount, positive(1e20));
  const auto params = root.optional_quantity("params", Dimension::kCount, positive(1e16));
  const auto tokens = root.optional_quantity("tokens", Dimension::kCount, positive(1e20));
  const auto compute = root.optional_quantity("compute", Dimension::kFlop, positive(1e35));
  if (!compute && !(params && tokens))
    root.fail("compute", "missing: give a compute such as 9.26e21 FLOP, or params and tokens");
  const auto claims = read_claims(root, data_constrained_outputs());
  root.reject_unknown({"kind", "name", "description", "source", "law", "unique_tokens", "params",
                       "tokens", "compute", "claims"});
  std::vector<ClaimResult> results;
  for (const auto& spec : claims) {
    double value = 0;
    if (spec.output.rfind("optimum.", 0) == 0) {
      if (!compute) root.fail("compute", "missing: optimum outputs need a compute");
      const ComputeOptimal opt = data_constrained_optimal(law, *compute, unique);
      value = spec.output == "optimum.params"   ? opt.params
              : spec.output == "optimum.tokens" ? opt.tokens
              : spec.output == "optimum.epochs"
                  ? opt.tokens / unique
                  : opt.loss / compute_optimal(law, *compute).loss - 1;
    } else {
      if (!params || !tokens) root.fail("params", "missing: loss outputs need params and tokens");
      const double loss = data_constrained_loss(law, *params, *tokens, unique);
      value = spec.output == "loss" ? loss : loss / predicted_loss(law, *params, *tokens) - 1;
    }
    results.push_back(judge_claim(spec, *find_claim_output(data_constrained_outputs(), spec.output),
                                  value, name, doc.label()));
  }
  return results;
}

const std::vector<ClaimOutput>& inference_aware_outputs() {
  static const std::vector<ClaimOutput> outputs{
      {"inference_aware.params", Dimension::kCount},
      {"inference_aware.tokens", Dimension::kCount},
      {"inference_aware.params_vs_matched", Dimension::kDimensionless},
      {"inference_aware.tokens_vs_matched", Dimension::kDimensionless},
      {"flop_saved", Dimension::kFlop},
      {"saving_fraction", Dimension::kDimensionless, 1.0, true}};
  return outputs;
}

// `kind: inference_aware` (Sardana et al. 2024): the compute-optimal model of `match_params`
// parameters under a law sets the loss; given `inference_tokens` served over its life, the
// model that reaches that loss at the least 6 N D + 2 N D_inference, and what it saves against
// the matched model.
std::vector<ClaimResult> check_inference_aware(const Fields& root, const Document& doc,
                                               const std::string& name,
                                               const std::string& catalog_dir) {
  const ScalingLaw law = resolve_scaling_law(root.text("law"), catalog_dir, "law").law;
  const double params = root.quantity("match_params", Dimension::kCount, positive(1e16));
  const double served = root.quantity("inference_tokens", Dimension::kCount, positive(1e20));
  const auto claims = read_claims(root, inference_aware_outputs());
  root.reject_unknown({"kind", "name", "description", "source", "law", "match_params",
                       "inference_tokens", "claims"});
  const double tokens = compute_optimal_tokens_for_params(law, params);
  const double matched_total =
      kTrainingFlopPerParamToken * params * tokens + inference_flop(params, served);
  const InferenceOptimal best = inference_optimal(law, predicted_loss(law, params, tokens), served);
  std::vector<ClaimResult> results;
  for (const auto& spec : claims) {
    const double value = spec.output == "inference_aware.params"              ? best.params
                         : spec.output == "inference_aware.tokens"            ? best.tokens
                         : spec.output == "inference_aware.params_vs_matched" ? best.params / params
                         : spec.output == "inference_aware.tokens_vs_matched" ? best.tokens / tokens
                         : spec.output == "flop_saved" ? matched_total - best.total_flop
                                                       : 1 - best.total_flop / matched_total;
    results.push_back(judge_claim(spec, *find_claim_output(inference_aware_outputs(), spec.output),
                                  value, name, doc.label()));
  }
  return results;
}

// A path in a claim file, relative to the file's directory.
std::string beside(const Document& doc, const std::string& path) {
  const std::filesystem::path relative(path);
  if (relative.is_absolute()) return path;
  return (std::filesystem::path(doc.label()).parent_path() / relative).lexically_normal().string();
}

}  // namespace

std::vector<ClaimResult> check_scaling_claims(const Document& doc, const std::string& catalog_dir) {
  const Fields root(doc, doc.root(), "");
  const std::string kind = root.choice(
      "kind", {"scaling_fit", "compute_optimal", "data_constrained", "inference_aware"}, "");
  const std::string name = root.optional_text("name").value_or(doc.label());
  root.optional_text("description");
  root.optional_text("source");
  std::vector<ClaimResult> results;
  if (kind == "data_constrained") return check_data_constrained(root, doc, name, catalog_dir);
  if (kind == "inference_aware") return check_inference_aware(root, doc, name, catalog_dir);

  if (kind == "scaling_fit") {
    const std::string runs_path = beside(doc, root.text("runs"));
    const auto drop =
        root.optional_quantity("drop_highest", Dimension::kCount, non_negative(1e6)).value_or(0);
    const auto claims = read_claims(root, fit_outputs());
    root.reject_unknown(
        {"kind", "name", "description", "source", "runs", "drop_highest", "claims"});
    const auto runs = runs_for_fit(read_loss_runs(runs_path), static_cast<int>(drop));
    const LossLawFit fit = fit_loss_law(runs, FitOptions{});
    for (const auto& spec : claims) {
      const ScalingLaw& law = fit.law;
      const double value = spec.output == "fit.E"       ? law.e
                           : spec.output == "fit.A"     ? law.a
                           : spec.output == "fit.B"     ? law.b
                           : spec.output == "fit.alpha" ? law.alpha
                                                        : law.beta;
      results.push_back(judge_claim(spec, *find_claim_output(fit_outputs(), spec.output), value,
                                    name, doc.label()));
    }
    return results;
  }

  const std::string law_name = root.text("law");
  const double compute = root.quantity("compute", Dimension::kFlop, positive(1e35));
  const auto claims = read_claims(root, optimum_outputs());
  root.reject_unknown({"kind", "name", "description", "source", "law", "compute", "claims"});
  const ComputeOptimal optimum =
      compute_optimal(resolve_scaling_law(law_name, catalog_dir, "law").law, compute);
  for (const auto& spec : claims) {
    const double value = spec.output == "optimum.params"   ? optimum.params
                         : spec.output == "optimum.tokens" ? optimum.tokens
                                                           : optimum.loss;
    results.push_back(judge_claim(spec, *find_claim_output(optimum_outputs(), spec.output), value,
                                  name, doc.label()));
  }
  return results;
}

}  // namespace llmb
