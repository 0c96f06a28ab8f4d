// The monthly company model against small cases computed by hand.
#include "kernels/company.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernels/company_sample.h"

namespace llmb {
namespace {

// A company of `people` at `loaded` dollars a year, nothing else.
CompanyInputs staff_only(double people, double loaded, double horizon) {
  CompanyInputs in;
  in.horizon_months = horizon;
  in.role_count = 1;
  in.roles[0].loaded_usd_per_year = loaded;
  in.roles[0].step_count = 1;
  in.roles[0].step_month[0] = 0;
  in.roles[0].step_headcount[0] = people;
  return in;
}

std::vector<CompanyMonth> months_of(const CompanyInputs& in, CompanyOutcome* outcome = nullptr) {
  std::vector<CompanyMonth> months(static_cast<std::size_t>(in.horizon_months));
  const CompanyOutcome o = simulate_company(in, months.data());
  if (outcome) *outcome = o;
  return months;
}

TEST(Company, PeopleBurnCashAtTheirLoadedCost) {
  // 4 people at $120k a year cost $40k a month; $1M lasts 25 full months.
  CompanyInputs in = staff_only(4, 120e3, 36);
  in.cash_at_start_usd = 1e6;
  CompanyOutcome o;
  const auto months = months_of(in, &o);
  EXPECT_DOUBLE_EQ(months[0].cost_people_usd, 40e3);
  EXPECT_DOUBLE_EQ(months[0].headcount, 4);
  EXPECT_DOUBLE_EQ(months[9].cash_usd, 1e6 - 10 * 40e3);
  EXPECT_DOUBLE_EQ(o.runway_months, 25);
  EXPECT_DOUBLE_EQ(o.funding_needed_usd, 36 * 40e3);
  EXPECT_EQ(o.break_even_month, -1);
  EXPECT_EQ(o.runs_out_before_break_even, 1);
  EXPECT_DOUBLE_EQ(o.spend_people_usd, 36 * 40e3);
  EXPECT_TRUE(std::isnan(o.gross_margin_at_month_24));
}

TEST(Company, HiringPlanIsAStepFunction) {
  Role role;
  role.step_count = 3;
  role.step_month[0] = 0, role.step_headcount[0] = 2;
  role.step_month[1] = 6, role.step_headcount[1] = 5;
  role.step_month[2] = 12, role.step_headcount[2] = 3;  // layoffs are steps down
  EXPECT_EQ(headcount_of(role, 0), 2);
  EXPECT_EQ(headcount_of(role, 5), 2);
  EXPECT_EQ(headcount_of(role, 6), 5);
  EXPECT_EQ(headcount_of(role, 30), 3);
  role.step_month[0] = 3;
  EXPECT_EQ(headcount_of(role, 2), 0);
}

TEST(Company, FundingRoundsArriveInTheirMonth) {
  CompanyInputs in = staff_only(1, 120e3, 24);
  in.round_count = 2;
  in.rounds[0] = {0, 50e3};
  in.rounds[1] = {6, 100e3};
  CompanyOutcome o;
  const auto months = months_of(in, &o);
  EXPECT_DOUBLE_EQ(months[0].funding_usd, 50e3);
  EXPECT_DOUBLE_EQ(months[6].funding_usd, 100e3);
  // $10k a month: month 4 ends at 50 - 50 = 0, month 5 at -10k: out of cash in month 5.
  EXPECT_DOUBLE_EQ(o.runway_months, 5);
  // Runway on a single raise of $75k: flow -10k a month, below -75k in month 7.
  EXPECT_DOUBLE_EQ(runway_for_raise(months.data(), 24, 75e3), 7);
  EXPECT_DOUBLE_EQ(runway_for_raise(months.data(), 24, 1e9), 24);
}

TEST(Company, EnterpriseCustomersArriveAfterTheSalesCycleUpToTheCap) {
  CompanyInputs in;
  in.horizon_months = 12;
  EnterpriseRevenue& e = in.enterprise;
  e.start_month = 1;
  e.sales_cycle_months = 2;  // first paying customers in month 3
  e.new_customers_per_month = 2;
  e.max_customers = 5;
  e.usd_per_customer_per_year = 120e3;
  e.customization_usd_per_customer = 25e3;
  e.customization_run_usd_per_customer = 5e3;
  const auto months = months_of(in);
  EXPECT_EQ(months[2].customers, 0);
  EXPECT_EQ(months[3].customers, 2);
  EXPECT_EQ(months[4].customers, 4);
  EXPECT_EQ(months[5].customers, 5);  // the exclusivity cap
  EXPECT_EQ(months[8].customers, 5);
  EXPECT_DOUBLE_EQ(months[3].revenue_enterprise_usd, 2 * 10e3);
  EXPECT_DOUBLE_EQ(months[5].cost_customization_usd, 1 * 30e3);
  EXPECT_DOUBLE_EQ(months[6].cost_customization_usd, 0);
  // Cost of revenue is the customisation alone here: margin (50k - 30k) / 50k in month 5.
  EXPECT_DOUBLE_EQ(months[5].gross_margin, (50e3 - 30e3) / 50e3);
}

TEST(Company, ChurnSettlesCustomersAtNewOverChurn) {
  CompanyInputs in;
  in.horizon_months = 240;
  in.enterprise.new_customers_per_month = 3;
  in.enterprise.churn_per_month = 0.05;
  in.enterprise.max_customers = 1e9;
  CompanyOutcome o;
  months_of(in, &o);
  // c' = 0.95 c + 3 has the fixed point 3 / 0.05 = 60; after 240 months 0.95^240 ~ 4e-6 remains.
  EXPECT_NEAR(o.customers_at_end, 60.0, 60.0 * 1e-5);
}

TEST(Company, ConsumersGrowGeometricallyToTheCeiling) {
  CompanyInputs in;
  in.horizon_months = 24;
  in.serve = kServeThirdParty;
  ConsumerRevenue& c = in.consumer;
  c.start_month = 2;
  c.users_at_start = 1000;
  c.growth_per_month = 0.5;
  c.max_users = 10000;
  c.paying_fraction = 0.1;
  c.usd_per_paying_user_per_month = 20;
  const auto months = months_of(in);
  EXPECT_EQ(months[1].users, 0);
  EXPECT_DOUBLE_EQ(months[2].users, 1000);
  EXPECT_DOUBLE_EQ(months[4].users, 2250);
  EXPECT_DOUBLE_EQ(months[20].users, 10000);
  EXPECT_DOUBLE_EQ(months[4].revenue_consumer_usd, 2250 * 0.1 * 20);
}

TEST(Company, ThirdPartyApiCostFallsWithApiPrices) {
  // An application paying $10 per million tokens for 1,000-token requests, prices falling
  // tenfold a year (a16z's LLMflation: a continuous rate of ln 10 per year).
  CompanyInputs in;
  in.horizon_months = 13;
  in.serve = kServeThirdParty;
  in.third_party_usd_per_million_tokens = 10;
  in.serving.prompt_tokens = 800;
  in.serving.output_tokens = 200;
  in.api_price_decline_per_year = std::log(10.0);
  in.api.requests_per_day_at_start = 1e5;
  in.api.max_requests_per_day = 1e5;
  in.api.usd_per_million_tokens = 15;
  const auto months = months_of(in);
  const double tokens_per_month = 1e5 * 1000 * kDaysPerMonth;
  EXPECT_NEAR(months[0].cost_serving_usd, tokens_per_month * 10 / 1e6, 1e-6);
  EXPECT_NEAR(months[12].cost_serving_usd, tokens_per_month * 1 / 1e6, 1e-6);
  EXPECT_NEAR(months[12].revenue_api_usd, tokens_per_month * 1.5 / 1e6, 1e-6);
  // Both prices fall together, so the margin stays 1 - 10/15.
  EXPECT_NEAR(months[12].gross_margin, 1 - 10.0 / 15.0, 1e-12);
}

TrainingInputs small_training_run() {
  TrainingInputs t;
  t.params = t.flop_params = 1e9;
  t.tokens = 1e11;  // 6e20 FLOP
  t.gpu_count = 100;
  t.peak_flop_per_s = 1e14;
  t.mfu = 0.5;  // 5e15 FLOP/s: 1.2e5 s
  t.cloud_usd_per_gpu_hour = 2;
  t.gpu_price_usd = 10e3;
  t.server_cost_factor = 1.5;
  t.interconnect_cost_factor = 1.2;
  t.development_multiplier = 30;  // 3.6e6 s of experiments: 2 months
  return t;
}

TEST(Company, TrainingRunsAreSpreadOverTheirMonths) {
  CompanyInputs in;
  in.horizon_months = 6;
  in.run_count = 1;
  in.runs[0].month = 1;
  in.runs[0].pay = kPayCloud;
  in.runs[0].training = small_training_run();
  const auto months = months_of(in);
  // 100 GPUs x 1.2e5 s = 3,333 GPU-hours x $2 x 30 experiments = $200k over 2 months.
  const double total = 100 * 1.2e5 / 3600 * 2 * 30;
  EXPECT_EQ(months[0].cost_training_usd, 0);
  EXPECT_NEAR(months[1].cost_training_usd, total / 2, 1e-6);
  EXPECT_NEAR(months[2].cost_training_usd, total / 2, 1e-6);
  EXPECT_EQ(months[3].cost_training_usd, 0);
  EXPECT_EQ(months[2].training_gpus, 100);
}

TEST(Company, APurchasedClusterIsPaidUpFront) {
  CompanyInputs in;
  in.horizon_months = 6;
  in.run_count = 1;
  in.runs[0].month = 2;
  in.runs[0].pay = kPayPurchase;
  in.runs[0].training = small_training_run();
  const auto months = months_of(in);
  // 100 GPUs x $10k x 1.5 x 1.2; no energy inputs, so nothing after.
  EXPECT_NEAR(months[2].cost_training_usd, 1.8e6, 1e-6);
  EXPECT_EQ(months[3].cost_training_usd, 0);
}

TEST(Company, ATrainingCommitmentIsPaidEveryMonthUsedOrNot) {
  // 200 GPUs reserved at $1.5/h for months 1-4: 200 x 1.5 x 730 h = $219,000 a month. The
  // committed run (100 GPUs, months 1-2) costs nothing more; half the fee is idle then, all of
  // it in months 3 and 4.
  CompanyInputs in;
  in.horizon_months = 6;
  in.commitment_count = 1;
  in.commitments[0] = {1, 4, 200, 1.5, 0};
  in.run_count = 1;
  in.runs[0].month = 1;
  in.runs[0].pay = kPayCommitted;
  in.runs[0].training = small_training_run();
  CompanyOutcome o;
  const auto months = months_of(in, &o);
  const double fee = 200 * 1.5 * (365.0 / 12 * 24);
  EXPECT_NEAR(fee, 219e3, 1e-6);
  EXPECT_EQ(months[0].cost_training_usd, 0);
  for (int m = 1; m <= 4; ++m) EXPECT_NEAR(months[m].cost_training_usd, fee, 1e-6) << m;
  EXPECT_EQ(months[5].cost_training_usd, 0);
  EXPECT_NEAR(months[1].committed_idle_usd, fee / 2, 1e-6);
  EXPECT_NEAR(months[3].committed_idle_usd, fee, 1e-6);
  EXPECT_EQ(months[2].committed_gpus, 200);
  EXPECT_NEAR(o.committed_idle_usd, fee / 2 * 2 + fee * 2, 1e-6);
}

TEST(Company, AServingCommitmentServesFirstAndTheRestIsRented) {
  // 10 requests/s need some GPUs; reserving fewer than that rents the rest on demand, and the
  // month's serving cost is the fee plus the rented share of the on-demand cost.
  CompanyInputs in;
  in.horizon_months = 2;
  in.serving.active_params = 7e9;
  in.serving.bytes_per_param = 2;
  in.serving.prompt_tokens = 500;
  in.serving.output_tokens = 500;
  in.serving.hbm_bytes = 80e9;
  in.serving.batch_size = 16;
  in.serving.measured_output_tokens_per_s_per_gpu = 1000;
  in.serving.peak_to_average = 1;
  in.serving.fleet_utilization = 1;
  in.serving.usd_per_gpu_hour = 2;
  in.api.requests_per_day_at_start = 86400 * 10;  // 10 a second: 5,000 output tokens/s
  in.api.max_requests_per_day = 86400 * 10;
  const auto rented = months_of(in);
  const double gpus = rented[0].serving_gpus;
  ASSERT_GT(gpus, 2);
  const double on_demand = rented[0].cost_serving_usd;
  in.commitment_count = 1;
  in.commitments[0] = {0, 2, 2, 1.0, 1};
  const auto reserved = months_of(in);
  const double fee = 2 * 1.0 * (365.0 / 12 * 24);
  EXPECT_NEAR(reserved[0].cost_serving_usd, fee + on_demand * (gpus - 2) / gpus, 1e-6);
  EXPECT_EQ(reserved[0].committed_idle_usd, 0);
}

TEST(Company, AnOwnedClusterIsBoughtOnceTrainsItsRunsAndServesWithWhatIsLeft) {
  // 300 GPUs bought in month 1 for $3M, $0.5 an hour of energy each. The owned run (100 GPUs,
  // months 1-2) costs its energy; 250 GPUs of serving take the 200 left free in those months
  // (energy only) and rent 50; from month 3 the cluster serves all 250.
  CompanyInputs in;
  in.horizon_months = 5;
  in.cluster = {300, 1, 3e6, std::log(2.0), 0.5, 2.0};
  in.run_count = 1;
  in.runs[0].month = 1;
  in.runs[0].pay = kPayOwned;
  in.runs[0].training = small_training_run();
  in.serving.active_params = 7e9;
  in.serving.bytes_per_param = 2;
  in.serving.prompt_tokens = 500;
  in.serving.output_tokens = 500;
  in.serving.hbm_bytes = 80e9;
  in.serving.batch_size = 16;
  in.serving.measured_output_tokens_per_s_per_gpu = 1000;
  in.serving.peak_to_average = 1;
  in.serving.fleet_utilization = 1;
  in.serving.usd_per_gpu_hour = 2;
  in.api.requests_per_day_at_start = 86400 * 500;  // 500 a second: 250,000 output tokens/s
  in.api.max_requests_per_day = 86400 * 500;
  CompanyOutcome o;
  const auto months = months_of(in, &o);
  const double hours = 365.0 / 12 * 24;
  ASSERT_EQ(months[0].serving_gpus, 250);
  // Month 0: no cluster yet, all 250 rented at $2 an hour.
  EXPECT_NEAR(months[0].cost_serving_usd, 250 * 2 * hours, 1e-6);
  EXPECT_EQ(months[1].cost_cluster_usd, 3e6);
  EXPECT_EQ(months[2].cost_cluster_usd, 0);
  EXPECT_EQ(months[1].owned_gpus_busy, 300);
  EXPECT_NEAR(months[1].cost_serving_usd, 200 * 0.5 * hours + 50 * 2 * hours, 1e-6);
  EXPECT_NEAR(months[3].cost_serving_usd, 250 * 0.5 * hours, 1e-6);
  EXPECT_EQ(months[3].owned_gpus_busy, 250);
  // Bought in month 1 of 5: four months at ln 2 a year leave 2^(-1/3) of its price.
  EXPECT_NEAR(o.residual_value_usd, 3e6 * std::pow(2.0, -1.0 / 3), 1e-6);
  EXPECT_EQ(o.spend_cluster_usd, 3e6);
}

TEST(RentOrBuy, BreakEvenIsWhereCapitalLostEqualsRentSaved) {
  // $1M of GPUs for 2 years at a continuous depreciation of ln 2 a year: worth $250k at the
  // end, $750k lost. 10 GPUs over 2 years are 175,200 GPU-hours; renting at $3/h against $0.5/h
  // of energy saves $2.5 an hour of use: owning pays above 750k / (175,200 x 2.5) = 171%,
  // that is never for this cluster.
  const RentOrBuy r = rent_or_buy(1e6, std::log(2.0), 2, 10, 17520, 3, 0.5);
  EXPECT_NEAR(r.utilization, 0.1, 1e-12);
  EXPECT_NEAR(r.cost_owned_usd, 750e3 + 17520 * 0.5, 1e-6);
  EXPECT_NEAR(r.cost_rented_usd, 17520 * 3, 1e-9);
  EXPECT_NEAR(r.break_even_utilization, 750e3 / (175200 * 2.5), 1e-12);
  EXPECT_TRUE(std::isnan(rent_or_buy(1e6, 0.3, 2, 10, 1, 0.5, 0.5).break_even_utilization));
}

TEST(Company, ABoughtClusterIsWorthItsDepreciatedPriceAtTheHorizon) {
  CompanyInputs in;
  in.horizon_months = 26;
  in.run_count = 1;
  in.runs[0].month = 2;
  in.runs[0].pay = kPayPurchase;
  in.runs[0].training = small_training_run();
  in.runs[0].training.depreciation_per_year = std::log(2.0);  // half its value each year
  CompanyOutcome o;
  months_of(in, &o);
  // $1.8M bought in month 2, two years before the end: a quarter of it is left.
  EXPECT_NEAR(o.residual_value_usd, 1.8e6 / 4, 1e-6);
}

TEST(Company, ComputePricesFallForLaterRuns) {
  CompanyInputs in;
  in.horizon_months = 30;
  in.compute_price_decline_per_year = std::log(2.0);  // half price each year
  in.run_count = 2;
  in.runs[0].training = in.runs[1].training = small_training_run();
  in.runs[1].month = 24;
  CompanyOutcome o;
  const auto months = months_of(in, &o);
  EXPECT_NEAR(months[24].cost_training_usd, months[0].cost_training_usd / 4, 1e-6);
}

TEST(Company, BreakEvenIsWhenCashFlowTurnsNonNegativeForGood) {
  // $10k a month of people; enterprise revenue of $12k a month from month 6.
  CompanyInputs in = staff_only(1, 120e3, 24);
  in.enterprise.new_customers_per_month = 1;
  in.enterprise.max_customers = 1;
  in.enterprise.sales_cycle_months = 6;
  in.enterprise.usd_per_customer_per_year = 144e3;
  in.cash_at_start_usd = 100e3;
  CompanyOutcome o;
  months_of(in, &o);
  EXPECT_EQ(o.break_even_month, 6);
  EXPECT_DOUBLE_EQ(o.funding_needed_usd, 6 * 10e3);
  EXPECT_EQ(o.runs_out_before_break_even, 0);
  EXPECT_DOUBLE_EQ(o.runway_months, 24);
  EXPECT_DOUBLE_EQ(o.cash_at_end_usd, 100e3 - 60e3 + 18 * 2e3);
}

TEST(Company, OtherCostsAreFixedPlusPerHead) {
  CompanyInputs in = staff_only(10, 0, 3);
  in.other_usd_per_month = 5e3;
  in.other_usd_per_person_per_month = 1e3;
  const auto months = months_of(in);
  EXPECT_DOUBLE_EQ(months[1].cost_other_usd, 15e3);
}

TEST(Company, ASampleWithoutRandomInputsIsTheCompanyItself) {
  CompanyInputs in = staff_only(3, 200e3, 12);
  CompanyPlanView plan;
  plan.base = &in;
  plan.samples = 1;
  const CompanyOutcome a = company_sample(plan, 0);
  const CompanyOutcome b = simulate_company(in, nullptr);
  EXPECT_EQ(a.funding_needed_usd, b.funding_needed_usd);
}

}  // namespace
}  // namespace llmb
