#include "sim/claims/company_claims.h"

#include <algorithm>
#include <span>

#include "kernels/company_sample.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/company/uncertain_inputs.h"
#include "sim/schema/result_field.h"

namespace llmb {
namespace {

// What a company claim sums over the horizon (sim/schema/result_field.h), in dollars.
using CompanyClaimField = ResultField<CompanyOutcome>;

std::span<const CompanyClaimField> company_claim_fields() {
  static const CompanyClaimField fields[] = {
      {"revenue_usd", Dimension::kUsd, [](const CompanyOutcome& o) { return o.revenue_total_usd; },
       "Revenue"},
      {"net_loss_usd", Dimension::kUsd,
       [](const CompanyOutcome& o) {
         return o.spend_people_usd + o.spend_training_usd + o.spend_serving_usd + o.spend_data_usd +
                o.spend_customization_usd + o.spend_other_usd - o.revenue_total_usd;
       },
       "Net loss"},
      // Training and serving: what reports call compute (cloud bills, reserved clusters).
      {"compute_usd", Dimension::kUsd,
       [](const CompanyOutcome& o) { return o.spend_training_usd + o.spend_serving_usd; },
       "Compute (training and serving)"},
      // Everything else: people, data, per-customer work and other operating costs.
      {"other_opex_usd", Dimension::kUsd,
       [](const CompanyOutcome& o) {
         return o.spend_people_usd + o.spend_data_usd + o.spend_customization_usd +
                o.spend_other_usd;
       },
       "Other operating costs"},
      {"people_usd", Dimension::kUsd, [](const CompanyOutcome& o) { return o.spend_people_usd; },
       "People"},
  };
  return fields;
}

double claimed_value(const std::string& key, const CompanyOutcome& outcome) {
  for (const auto& f : company_claim_fields())
    if (key == f.key) return f.base_value(outcome);
  return 0;
}

// Draws of each guessed input, for its P10 and P90: enough for percentiles to 1%.
constexpr std::uint64_t kSensitivityDraws = 4000;

}  // namespace

bool is_company_claim_kind(const Document& doc) {
  const YAML::Node kind = doc.root()["kind"];
  return kind && kind.IsScalar() && kind.Scalar() == "company";
}

const std::vector<ClaimOutput>& company_claim_outputs() {
  static const std::vector<ClaimOutput> outputs = claim_outputs_of(company_claim_fields());
  return outputs;
}

std::vector<ClaimResult> check_company_claims(const Document& doc, const Catalog& catalog) {
  const Company company = load_uncertain_company(doc, catalog);
  const Fields root(doc, doc.root(), "");
  const std::vector<ClaimSpec> specs = read_claims(root, company_claim_outputs());
  const CompanyOutcome outcome = simulate_company(company.inputs, nullptr);
  std::vector<ClaimResult> results;
  for (const ClaimSpec& spec : specs) {
    ClaimResult r = judge_claim(spec, *find_claim_output(company_claim_outputs(), spec.output),
                                claimed_value(spec.output, outcome), company.name, company.file);
    for (std::size_t u = 0; u < company.uncertain.size(); ++u) {
      const UncertainInput& input = company.uncertain[u];
      const InputPercentiles spread =
          input_p10_p90(input, static_cast<int>(u), 1, kSensitivityDraws);
      ClaimSensitivity s;
      s.path = input.path;
      s.dimension = input.dimension;
      s.low_value = spread.p10;
      s.high_value = spread.p90;
      auto at = [&](double value) {
        CompanyInputs in = company.inputs;
        write_random_value(in, input.random, value);
        return claimed_value(spec.output, simulate_company(in, nullptr));
      };
      s.simulated_at_low = at(s.low_value);
      s.simulated_at_high = at(s.high_value);
      // An input that does not move this claim is left out of its list.
      if (s.simulated_at_low != s.simulated_at_high) r.sensitivity.push_back(s);
    }
    std::stable_sort(r.sensitivity.begin(), r.sensitivity.end(),
                     [](const ClaimSensitivity& a, const ClaimSensitivity& b) {
                       return std::fabs(a.simulated_at_high - a.simulated_at_low) >
                              std::fabs(b.simulated_at_high - b.simulated_at_low);
                     });
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace llmb
