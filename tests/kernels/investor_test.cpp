#include "kernels/investor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace llmb {
namespace {

TEST(CapTable, ARoundSellsAmountOverPostMoneyAndDilutesTheRestByPreOverPost) {
  // Seed: $2M at $8M pre-money, 10% pool at founding: post $10M, investors 20%, founders
  // 90% x 0.8 = 72%, pool 8%. Series A: $5M at $15M pre: post $20M, A 25%, everyone else x 0.75:
  // founders 54%, pool 6%, seed 15%.
  CompanyInputs in;
  in.option_pool_at_start = 0.10;
  in.round_count = 2;
  in.rounds[0] = {0, 2e6, 8e6, 0};
  in.rounds[1] = {12, 5e6, 15e6, 0};
  CapTableRow rows[2];
  cap_table(in, rows);
  EXPECT_DOUBLE_EQ(rows[0].post_money_usd, 10e6);
  EXPECT_DOUBLE_EQ(rows[0].investors[0], 0.2);
  EXPECT_DOUBLE_EQ(rows[0].founders, 0.72);
  EXPECT_DOUBLE_EQ(rows[0].option_pool, 0.08);
  EXPECT_DOUBLE_EQ(rows[1].investors[1], 0.25);
  EXPECT_DOUBLE_EQ(rows[1].investors[0], 0.15);
  EXPECT_DOUBLE_EQ(rows[1].founders, 0.54);
  EXPECT_NEAR(rows[1].option_pool, 0.06, 1e-15);
  EXPECT_NEAR(rows[1].founders + rows[1].option_pool + 0.15 + 0.25, 1.0, 1e-15);
}

TEST(CapTable, APoolTopUpDilutesTheEarlierHoldersNotTheNewInvestors) {
  // $5M at $15M pre with the pool topped up to 10% post: A keeps 25%; founders (80%) and the
  // old pool (0%) share the other 75%, of which 10 points go to the pool: founders 65%.
  CompanyInputs in;
  in.round_count = 1;
  in.rounds[0] = {0, 5e6, 15e6, 0.10};
  CapTableRow row;
  cap_table(in, &row);
  EXPECT_DOUBLE_EQ(row.investors[0], 0.25);
  EXPECT_DOUBLE_EQ(row.option_pool, 0.10);
  EXPECT_NEAR(row.founders, 0.65, 1e-15);
}

// A company with given revenue and costs per month, cash flowing from $10M at the start.
std::vector<CompanyMonth> months_of(const std::vector<double>& revenue, double costs) {
  std::vector<CompanyMonth> months(revenue.size());
  double cash = 10e6;
  for (std::size_t m = 0; m < revenue.size(); ++m) {
    months[m].month = static_cast<double>(m);
    months[m].revenue_usd = revenue[m];
    months[m].costs_usd = costs;
    months[m].burn_usd = costs - revenue[m];
    cash -= months[m].burn_usd;
    months[m].cash_usd = cash;
  }
  return months;
}

TEST(InvestorQuarters, TheBurnMultipleIsNetBurnOverNetNewArr) {
  // Quarter 2 (months 3-5): revenue 100k, 150k, 200k against $1M a month: net burn
  // 900k + 850k + 800k = $2.55M; ARR goes from 12 x 50k = 600k to 12 x 200k = 2.4M, +$1.8M;
  // burn multiple 2.55 / 1.8 = 1.4167.
  const auto months = months_of({0, 0, 50e3, 100e3, 150e3, 200e3}, 1e6);
  InvestorQuarter quarters[2];
  ASSERT_EQ(investor_quarters(months.data(), 6, quarters), 2);
  EXPECT_DOUBLE_EQ(quarters[1].net_burn_usd, 2.55e6);
  EXPECT_DOUBLE_EQ(quarters[1].net_new_arr_usd, 1.8e6);
  EXPECT_DOUBLE_EQ(quarters[1].burn_multiple, 2.55 / 1.8);
}

TEST(InvestorQuarters, NoNewArrWhileBurningHasNoMultipleAndNoBurnIsZero) {
  const auto flat = months_of({0, 0, 0}, 1e6);
  InvestorQuarter q;
  investor_quarters(flat.data(), 3, &q);
  EXPECT_TRUE(std::isnan(q.burn_multiple));
  const auto profitable = months_of({2e6, 2e6, 2e6}, 1e6);
  investor_quarters(profitable.data(), 3, &q);
  EXPECT_EQ(q.burn_multiple, 0);
}

TEST(InvestorMonths, DefaultAliveWhenRecentGrowthReachesCostsBeforeTheCashRunsOut) {
  // Revenue doubling every 3 months from $100k against $1M of costs reaches $1M in 10 more
  // months; the $10M - 4 x burn in hand covers the gap: alive. At 1% a month it never does.
  const auto fast = months_of({12.5e3, 25e3, 50e3, 100e3}, 1e6);
  std::vector<InvestorMonth> out(4);
  investor_months(fast.data(), 4, out.data());
  EXPECT_EQ(out[3].default_alive, 1);
  const auto slow = months_of({97e3, 98e3, 99e3, 100e3}, 1e6);
  investor_months(slow.data(), 4, out.data());
  EXPECT_EQ(out[3].default_alive, 0);
}

TEST(InvestorMonths, RunwayAtTheTrailingBurnAndMonthsUntilTheCashRunsOut) {
  // $1M a month of costs and no revenue from $10M: after month 0, $9M left at $1M a month.
  const auto months = months_of(std::vector<double>(12, 0), 1e6);
  std::vector<InvestorMonth> out(12);
  investor_months(months.data(), 12, out.data());
  EXPECT_DOUBLE_EQ(out[0].runway_months, 9);
  EXPECT_DOUBLE_EQ(out[0].months_to_raise, 10);  // cash is -$1M at month 10
  EXPECT_DOUBLE_EQ(out[2].net_burn_usd, 1e6);
  EXPECT_EQ(out[0].arr_usd, 0);
  EXPECT_TRUE(std::isnan(out[11].arr_growth));
}

TEST(InvestorMonths, ArrGrowthIsOverTwelveMonths) {
  std::vector<double> revenue(13, 100e3);
  revenue[12] = 250e3;
  const auto months = months_of(revenue, 1e6);
  std::vector<InvestorMonth> out(13);
  investor_months(months.data(), 13, out.data());
  EXPECT_DOUBLE_EQ(out[12].arr_usd, 3e6);
  EXPECT_DOUBLE_EQ(out[12].arr_growth, 1.5);
}

}  // namespace
}  // namespace llmb
