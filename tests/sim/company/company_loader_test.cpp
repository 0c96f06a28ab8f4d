// Company scenarios: the loader's reading of every section, distributions mapped to the model's
// inputs, and bad input reported at its line and key.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>

#include "sim/company/load_company.h"
#include "sim/company/uncertain_inputs.h"
#include "sim/scenario/load_scenario.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
using test::kSourceDir;
using ::testing::HasSubstr;

Company load_text(const std::string& text) {
  const Document doc = Document::parse(text, kSourceDir + "/tests/data/companies/inline.yaml");
  return load_uncertain_company(doc, bundled_catalog());
}

std::string error_of(const std::string& text) {
  try {
    load_text(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// The index of a CompanyInputs field, from its address in a default-constructed instance.
int field_index(const CompanyInputs& in, const double& field) {
  return static_cast<int>(&field - reinterpret_cast<const double*>(&in));
}

const std::string kSmall = R"(
name: Small
horizon_months: 24
cash_at_start: $1M
funding:
  - {round: seed, month: 0, amount: $2M}
  - {round: A, month: 12, amount: $8M}
people:
  - role: engineers
    loaded_cost_per_year: $240k
    hiring: [{month: 0, headcount: 3}, {month: 6, headcount: 6}]
other_costs: {per_month: $10k, per_person_per_month: $1k}
trends: {compute_price_decline: 0.1 OOM/y, api_price_decline: 1 OOM/y}
)";

TEST(CompanyLoader, ReadsFundingPeopleAndTrends) {
  const Company c = load_text(kSmall);
  EXPECT_EQ(c.name, "Small");
  EXPECT_EQ(c.inputs.horizon_months, 24);
  EXPECT_EQ(c.inputs.cash_at_start_usd, 1e6);
  ASSERT_EQ(c.inputs.round_count, 2);
  EXPECT_EQ(c.inputs.rounds[1].month, 12);
  EXPECT_EQ(c.inputs.rounds[1].usd, 8e6);
  EXPECT_EQ(c.round_names[1], "A");
  ASSERT_EQ(c.inputs.role_count, 1);
  EXPECT_EQ(c.inputs.roles[0].loaded_usd_per_year, 240e3);
  EXPECT_EQ(c.inputs.roles[0].step_headcount[1], 6);
  EXPECT_EQ(c.inputs.other_usd_per_person_per_month, 1e3);
  EXPECT_DOUBLE_EQ(c.inputs.api_price_decline_per_year, std::log(10.0));
  EXPECT_TRUE(c.uncertain.empty());
}

TEST(CompanyLoader, ATrainingRunIsTheCoreScenarioWithOverrides) {
  const Company c = load_text(kSmall + R"(
training:
  - name: first model
    month: 2
    scenario: run_1b.yaml
    pay: cloud
    overrides: {training: {mfu: 35%}, hardware: {count: 128}}
)");
  ASSERT_EQ(c.inputs.run_count, 1);
  EXPECT_EQ(c.run_names[0], "first model");
  EXPECT_EQ(c.inputs.runs[0].month, 2);
  EXPECT_DOUBLE_EQ(c.inputs.runs[0].training.mfu, 0.35);
  EXPECT_EQ(c.inputs.runs[0].training.gpu_count, 128);
  EXPECT_EQ(c.inputs.runs[0].training.cloud_usd_per_gpu_hour, 2);
}

TEST(CompanyLoader, ADistributionRunsAtItsCentreAndIsDrawnIntoItsField) {
  const Company c = load_text(R"(
horizon_months: 12
people:
  - role: engineers
    loaded_cost_per_year: {dist: uniform, min: $100k, max: $200k}
    hiring: [{month: 0, headcount: 10}]
training:
  - {month: 0, scenario: run_1b.yaml,
     overrides: {training: {mfu: {dist: triangular, min: 30%, mode: 40%, max: 50%}}}}
)");
  EXPECT_DOUBLE_EQ(c.inputs.roles[0].loaded_usd_per_year, 150e3);
  EXPECT_DOUBLE_EQ(c.inputs.runs[0].training.mfu, 0.4);
  ASSERT_EQ(c.uncertain.size(), 2u);
  EXPECT_EQ(c.uncertain[0].path, "people[0].loaded_cost_per_year");
  EXPECT_EQ(c.uncertain[0].random.field_count, 1);
  EXPECT_EQ(c.uncertain[0].random.fields[0],
            field_index(c.inputs, c.inputs.roles[0].loaded_usd_per_year));
  EXPECT_DOUBLE_EQ(c.uncertain[0].random.scales[0], 1.0);
  EXPECT_EQ(c.uncertain[1].path, "training[0].overrides.training.mfu");
  EXPECT_EQ(c.uncertain[1].random.fields[0], field_index(c.inputs, c.inputs.runs[0].training.mfu));
}

TEST(CompanyLoader, ACustomisationRunIsPricedByTheCore) {
  const Company c = load_text(R"(
horizon_months: 12
revenue:
  enterprise: {start_month: 0, new_customers_per_month: 1, sales_cycle_months: 3,
               contract_value_per_year: $100k, churn_per_month: 1%, max_customers: 5,
               customization_cost: $10k, customization_run: {scenario: run_1b.yaml}}
)");
  const Scenario run =
      load_scenario_file(kSourceDir + "/tests/data/companies/run_1b.yaml", {}, bundled_catalog());
  const TrainingOutputs out = evaluate_training(run.inputs);
  EXPECT_DOUBLE_EQ(c.inputs.enterprise.customization_usd_per_customer, 10e3);
  EXPECT_DOUBLE_EQ(c.inputs.enterprise.customization_run_usd_per_customer,
                   out.cost_cloud_usd * run.inputs.development_multiplier);
}

TEST(CompanyLoader, SetOverridesReachListEntries) {
  Document doc = Document::parse(kSmall, kSourceDir + "/tests/data/companies/inline.yaml");
  doc.apply_override("funding[1].amount=$20M", 1);
  const Company c = load_uncertain_company(doc, bundled_catalog());
  EXPECT_EQ(c.inputs.rounds[1].usd, 20e6);
}

TEST(CompanyLoader, BadInputIsOneLocatedLine) {
  EXPECT_THAT(error_of(kSmall + "training:\n  - {month: 30, scenario: run_1b.yaml}\n"),
              HasSubstr("training[0].month"));
  EXPECT_THAT(error_of(kSmall + "training:\n  - {month: 3, scenario: missing.yaml}\n"),
              HasSubstr("no such training scenario file"));
  EXPECT_THAT(error_of(R"(
horizon_months: 12
people:
  - {role: x, loaded_cost_per_year: $100k, hiring: [{month: 0, headcount: -2}]}
)"),
              HasSubstr("people[0].hiring[0].headcount"));
  EXPECT_THAT(error_of(R"(
horizon_months: 12
revenue:
  enterprise: {start_month: 0, new_customers_per_month: 1, sales_cycle_months: 3,
               contract_value_per_year: $100k, churn_per_month: 120%, max_customers: 5}
)"),
              HasSubstr("revenue.enterprise.churn_per_month"));
  EXPECT_THAT(error_of(kSmall + "fundng: []\n"), HasSubstr("did you mean \"funding\""));
  EXPECT_THAT(error_of(R"(
horizon_months: 12
people:
  - role: {dist: uniform, min: 1, max: 2}
    loaded_cost_per_year: $1
    hiring: [{month: 0, headcount: 1}]
)"),
              HasSubstr("people[0].role"));
  EXPECT_THAT(error_of(R"(
horizon_months: 12
people:
  - role: x
    loaded_cost_per_year: {dist: uniform, min: $2, max: $1}
    hiring: [{month: 0, headcount: 1}]
)"),
              HasSubstr("must be above min"));
  EXPECT_THAT(error_of("horizon_months: 600\n"), HasSubstr("horizon_months"));
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

TEST(CompanyLoader, ATrainingProgrammeGrowsEachRunsComputeByItsYearlyFactor) {
  const Company c = load_text(kSmall + R"(
training:
  - {name: first model, month: 0, scenario: run_1b.yaml}
training_programme:
  name: generation
  scenario: run_1b.yaml
  first_month: 2
  every_months: 6
  compute_growth_per_year: 4
)");
  // One listed run and runs at months 2, 8, 14 and 20 of a 24-month horizon.
  ASSERT_EQ(c.inputs.run_count, 5);
  EXPECT_EQ(c.run_names[1], "generation 1");
  EXPECT_EQ(c.run_names[4], "generation 4");
  const TrainingInputs& base = c.inputs.runs[1].training;
  EXPECT_EQ(c.inputs.runs[1].month, 2);
  EXPECT_EQ(base.params, 1e9);
  EXPECT_EQ(base.gpu_count, 64);
  // Run 3, a year after the first: 4x the compute, so 2x the parameters and 2x the tokens
  // (Chinchilla's square roots), on 4x the GPUs so that it takes the same time.
  const TrainingInputs& third = c.inputs.runs[3].training;
  EXPECT_EQ(c.inputs.runs[3].month, 14);
  EXPECT_DOUBLE_EQ(third.params, 2e9);
  EXPECT_DOUBLE_EQ(third.tokens, 2 * base.tokens);
  EXPECT_EQ(third.gpu_count, 256);
  // Run 2, half a year on: 4^0.5 = 2x the compute, sqrt 2 the parameters.
  EXPECT_DOUBLE_EQ(c.inputs.runs[2].training.params, 1e9 * std::sqrt(2.0));
}

TEST(CompanyLoader, CommitmentsAreReadWithTheirUse) {
  const Company c = load_text(kSmall + R"(
compute_commitments:
  - {name: serving fleet, start_month: 0, months: 24, gpus: 128, price: $1.8/h, for: serving}
  - {start_month: 6, months: 12, gpus: 64, price: $2/h}
training:
  - {name: first model, month: 6, scenario: run_1b.yaml, pay: committed}
)");
  ASSERT_EQ(c.inputs.commitment_count, 2);
  EXPECT_EQ(c.inputs.commitments[0].for_serving, 1);
  EXPECT_EQ(c.inputs.commitments[1].for_serving, 0);
  EXPECT_EQ(c.inputs.commitments[1].gpus, 64);
  EXPECT_DOUBLE_EQ(c.inputs.commitments[0].usd_per_gpu_hour, 1.8);
  EXPECT_EQ(c.commitment_names[1], "commitment 2");
  EXPECT_EQ(c.inputs.runs[0].pay, kPayCommitted);
  EXPECT_THAT(error_of(kSmall + R"(
compute_commitments:
  - {start_month: 6, months: 12, gpus: 32, price: $2/h}
training:
  - {name: first model, month: 6, scenario: run_1b.yaml, pay: committed}
)"),
              HasSubstr("training[0].pay: a committed run of 64 GPUs needs training commitments "
                        "that cover it; month 6 has 32 GPUs reserved"));
}

}  // namespace
}  // namespace llmb
