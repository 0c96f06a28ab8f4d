#include "kernels/budget_plan.h"

#include <gtest/gtest.h>

#include <cmath>

namespace llmb {
namespace {

constexpr double kDay = 86400.0;

// A cluster whose figures are easy to work with: GPUs of 1 PFLOP/s at 50% MFU rented at $2
// per GPU-hour, 8 to a server. One GPU-hour buys 5e14 x 3600 = 1.8e18 FLOPs for $2.
PlanInputs hand_case() {
  PlanInputs in;
  TrainingInputs& c = in.cluster;
  c.peak_flop_per_s = 1e15;
  c.mfu = 0.5;
  c.utilization_basis = kBasisMfu;
  c.cloud_usd_per_gpu_hour = 2.0;
  c.gpu_price_usd = 10000;
  c.server_cost_factor = 1.5;
  c.interconnect_cost_factor = 1.2;
  c.depreciation_per_year = 0.3;
  c.server_power_per_gpu_w = 1000;
  c.average_power_fraction = 0.75;
  c.pue = 1.2;
  c.electricity_usd_per_kwh = 0.1;
  in.law.form = kLawParametric;  // Hoffmann et al. 2022, approach 3
  in.law.e = 1.69;
  in.law.a = 406.4;
  in.law.b = 410.7;
  in.law.alpha = 0.34;
  in.law.beta = 0.28;
  in.budget_usd = 1e6;
  in.deadline_s = 30 * kDay;
  in.max_gpus = 1e7;
  in.gpus_per_server = 8;
  in.price_basis = kPriceCloud;
  return in;
}

TEST(PlanBudget, CloudBudgetBuysBudgetOverPricePerFlop) {
  // $1M / $2 per GPU-hour = 500,000 GPU-hours x 1.8e18 FLOPs = 9e23 FLOPs.
  const PlanOutputs out = plan_budget(hand_case());
  EXPECT_EQ(out.limited_by_deadline, 0);
  EXPECT_NEAR(out.optimum.flop, 9e23, 9e23 * 1e-12);
  EXPECT_NEAR(out.run.gpu_hours, 5e5, 5e5 * 1e-12);
  EXPECT_NEAR(out.cost_usd, 1e6, 1e6 * 1e-12);
  EXPECT_LE(out.cost_usd, 1e6);
  // One GPU does 5e14 x 30 days = 1.296e21 FLOPs by the deadline: 9e23 needs 694.4 GPUs,
  // 87 servers of 8 = 696 GPUs, for 9e23 / (696 x 5e14) s = 29.93 days.
  EXPECT_EQ(out.gpu_count, 696);
  EXPECT_NEAR(out.run.wall_s / kDay, 9e23 / (696 * 5e14) / kDay, 1e-9);
  EXPECT_LE(out.run.wall_s, 30 * kDay);
  // The model is the compute-optimal one for 9e23 FLOPs.
  const ComputeOptimal opt = compute_optimal(hand_case().law, 9e23);
  EXPECT_NEAR(out.optimum.params, opt.params, opt.params * 1e-9);
  EXPECT_NEAR(out.optimum.loss, opt.loss, 1e-12);
}

TEST(PlanBudget, ASmallClusterMakesTheDeadlineBind) {
  // 64 GPUs x 1.296e21 = 8.2944e22 FLOPs by the deadline, for 8.2944e22 / 1.8e18 x $2 = $92,160.
  PlanInputs in = hand_case();
  in.max_gpus = 64;
  const PlanOutputs out = plan_budget(in);
  EXPECT_EQ(out.limited_by_deadline, 1);
  EXPECT_NEAR(out.optimum.flop, 8.2944e22, 8.2944e22 * 1e-12);
  EXPECT_EQ(out.gpu_count, 64);
  EXPECT_NEAR(out.run.wall_s, 30 * kDay, 1e-6);
  EXPECT_NEAR(out.cost_usd, 92160, 1e-6);
}

TEST(PlanBudget, AmortizedBudgetPaysForValueLostAndEnergy) {
  PlanInputs in = hand_case();
  in.price_basis = kPriceAmortized;
  in.budget_usd = 1e5;
  const PlanOutputs out = plan_budget(in);
  EXPECT_EQ(out.limited_by_deadline, 0);
  EXPECT_NEAR(out.cost_usd, 1e5, 1e5 * 1e-9);
  EXPECT_LE(out.cost_usd, 1e5);
  EXPECT_GT(plan_cost_at(in, out.optimum.flop * 1.001), 1e5);
  // By hand: per FLOP, energy is 900 W / 5e14 FLOP/s = 5e-19 kWh = $5e-20, and the value lost
  // is $18,000 x 0.3/y / (5e14 FLOP/s x 3.1536e7 s/y) = $3.42e-19 to first order, times
  // (1 - e^-x) / x = 0.9877 for a run of about 30 days (x = 0.3 x 30 / 365): $1e5 / $3.88e-19
  // = 2.58e23 FLOPs.
  const double x = 0.3 * 30 / 365;
  const double usd_per_flop = 5e-20 + 18000 * 0.3 / (5e14 * 3.1536e7) * (-std::expm1(-x) / x);
  EXPECT_NEAR(out.optimum.flop, 1e5 / usd_per_flop, 0.001 * 2.58e23);
}

TEST(PlanBudget, MoreMoneyNeverBuysLessCompute) {
  PlanInputs in = hand_case();
  in.price_basis = kPriceAmortized;
  double previous = 0;
  for (double budget : {1e3, 1e4, 1e5, 1e6, 1e7, 1e8}) {
    in.budget_usd = budget;
    const double flop = plan_budget(in).optimum.flop;
    EXPECT_GT(flop, previous) << "$" << budget;
    previous = flop;
  }
}

TEST(PlanBudget, InferenceTokensGiveASmallerModelAtTheSameLoss) {
  PlanInputs in = hand_case();
  in.inference_tokens = 2e12;
  const PlanOutputs out = plan_budget(in);
  EXPECT_LT(out.inference_aware.params, out.optimum.params);
  EXPECT_GT(out.inference_aware.tokens, out.optimum.tokens);
  EXPECT_NEAR(predicted_loss(in.law, out.inference_aware.params, out.inference_aware.tokens),
              out.optimum.loss, 1e-9);
  EXPECT_GT(out.inference_saving_fraction, 0);
  EXPECT_NEAR(out.compute_optimal_total_flop, out.optimum.flop + 2 * out.optimum.params * 2e12,
              out.optimum.flop * 1e-12);
  EXPECT_NEAR(out.inference_saving_fraction,
              1 - out.inference_aware.total_flop / out.compute_optimal_total_flop, 1e-15);
}

}  // namespace
}  // namespace llmb
