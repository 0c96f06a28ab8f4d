// The company Monte Carlo against closed forms, and its determinism across thread counts.
#include "sim/company/company_monte_carlo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "sim/company/uncertain_inputs.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
using test::kSourceDir;

Company load_text(const std::string& text) {
  const Document doc = Document::parse(text, kSourceDir + "/tests/data/companies/inline.yaml");
  return load_uncertain_company(doc, bundled_catalog());
}

// Ten people for twelve months at a loaded cost uniform on [$100k, $200k] a year: the funding
// needed is ten times the cost, so its quantiles are those of the uniform, scaled; with $1.6M
// in the bank the company runs out when the cost is above $160k, with probability 0.4.
const std::string kUniformStaff = R"(
horizon_months: 12
cash_at_start: $1.6M
people:
  - role: engineers
    loaded_cost_per_year: {dist: uniform, min: $100k, max: $200k}
    hiring: [{month: 0, headcount: 10}]
)";

constexpr std::uint64_t kSamples = 20000;

TEST(CompanyMonteCarlo, FundingQuantilesOfAUniformCost) {
  const Company c = load_text(kUniformStaff);
  CompanyMonteCarloOptions options;
  options.samples = kSamples;
  options.seed = 7;
  const CompanyMonteCarlo mc = run_company_monte_carlo(c, options);
  // Standard error of the p-quantile of a uniform over a range R: R sqrt(p (1 - p) / n).
  const double range = 10 * 100e3;
  for (const auto& [p, got] :
       {std::pair{0.1, mc.funding_needed_usd.p10}, std::pair{0.5, mc.funding_needed_usd.p50},
        std::pair{0.9, mc.funding_needed_usd.p90}}) {
    const double se = range * std::sqrt(p * (1 - p) / kSamples);
    EXPECT_NEAR(got, 10 * (100e3 + p * 100e3), 4 * se) << "p = " << p;
  }
  const double se = std::sqrt(0.4 * 0.6 / kSamples);
  EXPECT_NEAR(mc.probability_runs_out_before_break_even, 0.4, 4 * se);
  EXPECT_EQ(mc.probability_never_breaks_even, 1.0);
  EXPECT_TRUE(std::isinf(mc.break_even_month.p50));
  // Runway: $1.6M at 10c/12 a month runs out in month floor(1.92M / c) when that is below the
  // horizon of 12, that is when c > $160k (40% of samples). Runway 9 needs c > $192k (8%), 10
  // needs c in ($174.5k, $192k] (17.5%): the 10th percentile is 10, the median the horizon.
  EXPECT_EQ(mc.runway_months.p10, 10);
  EXPECT_EQ(mc.runway_months.p50, 12);
  EXPECT_EQ(mc.runway_months.p90, 12);
}

// The same ten people: in month m (from 0) the burn is 10c/12 and the cash
// $1.6M - (m + 1) 10c/12, so the fan's quantiles are the uniform's, scaled: the P10 of cash is
// where the cost is at its P90.
TEST(CompanyFan, MonthlyQuantilesOfAUniformCost) {
  const Company c = load_text(kUniformStaff);
  CompanyMonteCarloOptions options;
  options.samples = kSamples;
  options.seed = 7;
  const CompanyFan fan = company_fan(c, options);
  EXPECT_EQ(fan.samples, kSamples);
  ASSERT_EQ(fan.months.size(), 12u);
  const double cost_range = 100e3;  // a year, per person
  for (int m : {0, 5, 11}) {
    const FanMonth& f = fan.months[static_cast<std::size_t>(m)];
    for (const auto& [p, burn, cash] : {std::tuple{0.1, f.burn_usd.p10, f.cash_usd.p90},
                                        std::tuple{0.5, f.burn_usd.p50, f.cash_usd.p50},
                                        std::tuple{0.9, f.burn_usd.p90, f.cash_usd.p10}}) {
      const double cost = 100e3 + p * cost_range;
      const double se = 10 * cost_range / 12 * std::sqrt(p * (1 - p) / kSamples);
      EXPECT_NEAR(burn, 10 * cost / 12, 4 * se) << "month " << m << ", p = " << p;
      EXPECT_NEAR(cash, 1.6e6 - (m + 1) * 10 * cost / 12, 4 * (m + 1) * se)
          << "month " << m << ", p = " << p;
    }
    EXPECT_EQ(f.revenue_usd.p90, 0);
  }
}

TEST(CompanyFan, UsesAtMostItsCapOfSamplesAndTheSameAsTheMonteCarlo) {
  const Company c = load_text(kUniformStaff);
  CompanyMonteCarloOptions options;
  options.samples = kFanSamples + 5000;
  options.seed = 2;
  const CompanyMonteCarlo mc = run_company_monte_carlo(c, options);
  EXPECT_EQ(mc.fan.samples, kFanSamples);
  options.samples = kFanSamples;
  const CompanyFan capped = company_fan(c, options);
  EXPECT_EQ(mc.fan.months[3].cash_usd.p10, capped.months[3].cash_usd.p10);
}

TEST(CompanyFan, IsBitIdenticalOnAnyThreadCount) {
  const Company c = load_text(kUniformStaff + R"(
revenue:
  enterprise: {start_month: 0, new_customers_per_month: {dist: lognormal, median: 2, sigma: 0.5},
               sales_cycle_months: 3, contract_value_per_year: {dist: pert, min: $50k, mode: $80k, max: $200k},
               churn_per_month: {dist: triangular, min: 0%, mode: 1%, max: 3%}, max_customers: 40}
)");
  CompanyMonteCarloOptions options;
  options.samples = 10000;  // more than two chunks
  options.seed = 3;
  options.threads = 1;
  const CompanyFan one = company_fan(c, options);
  for (int threads : {2, 7}) {
    options.threads = threads;
    const CompanyFan many = company_fan(c, options);
    ASSERT_EQ(one.months.size(), many.months.size());
    for (std::size_t m = 0; m < one.months.size(); ++m) {
      for (const auto field : {&FanMonth::cash_usd, &FanMonth::revenue_usd, &FanMonth::burn_usd}) {
        const Percentiles& a = one.months[m].*field;
        const Percentiles& b = many.months[m].*field;
        EXPECT_EQ(a.p10, b.p10) << m << " " << threads;
        EXPECT_EQ(a.p50, b.p50) << m << " " << threads;
        EXPECT_EQ(a.p90, b.p90) << m << " " << threads;
      }
    }
  }
}

TEST(CompanyMonteCarlo, SameSeedSameSamplesOnAnyThreadCount) {
  const Company c = load_text(kUniformStaff + R"(
revenue:
  enterprise: {start_month: 0, new_customers_per_month: {dist: lognormal, median: 2, sigma: 0.5},
               sales_cycle_months: 3, contract_value_per_year: {dist: pert, min: $50k, mode: $80k, max: $200k},
               churn_per_month: {dist: triangular, min: 0%, mode: 1%, max: 3%}, max_customers: 40}
)");
  CompanyMonteCarloOptions options;
  options.samples = 10000;  // more than two chunks
  options.seed = 3;
  options.threads = 1;
  const CompanySamples one = simulate_company_samples(c, options);
  for (int threads : {2, 8}) {
    options.threads = threads;
    const CompanySamples many = simulate_company_samples(c, options);
    EXPECT_EQ(one.funding_needed_usd, many.funding_needed_usd) << threads;
    EXPECT_EQ(one.break_even_month, many.break_even_month) << threads;
    EXPECT_EQ(one.runway_months, many.runway_months) << threads;
  }
  options.seed = 4;
  EXPECT_NE(one.funding_needed_usd, simulate_company_samples(c, options).funding_needed_usd);
}

TEST(CompanyMonteCarlo, SensitivityRanksTheInputThatMovesFundingMost) {
  const Company c = load_text(R"(
horizon_months: 12
people:
  - role: engineers
    loaded_cost_per_year: {dist: uniform, min: $100k, max: $200k}
    hiring: [{month: 0, headcount: 10}]
other_costs:
  per_month: {dist: uniform, min: $1k, max: $2k}
)");
  CompanyMonteCarloOptions options;
  options.samples = 5000;
  const CompanyMonteCarlo mc = run_company_monte_carlo(c, options);
  ASSERT_EQ(mc.sensitivity.size(), 2u);
  EXPECT_EQ(mc.sensitivity[0].path, "people[0].loaded_cost_per_year");
  // Funding is 10 x cost: the swing is 10 x (P90 - P10) of the cost draws, about 10 x $80k.
  EXPECT_NEAR(mc.sensitivity[0].swing_usd,
              10 * (mc.sensitivity[0].high_value - mc.sensitivity[0].low_value), 1e-6);
  EXPECT_NEAR(mc.sensitivity[0].swing_usd, 800e3, 40e3);
  EXPECT_NEAR(mc.sensitivity[1].swing_usd, 12 * 800, 100);
}

TEST(CompanyMonteCarlo, QuantilesInterpolateLikeNumpy) {
  std::vector<double> v{4, 1, 3, 2};
  EXPECT_DOUBLE_EQ(quantile_of(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_of(v, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(quantile_of(v, 1.0), 4);
}

}  // namespace
}  // namespace llmb
