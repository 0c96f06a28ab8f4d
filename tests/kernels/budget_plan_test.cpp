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

// Reliability on, with an interruption rate that does not depend on the cluster (planned stops
// only), a fixed checkpoint and storage, and a given interval: ETTR is then the same on every
// cluster, and by hand (kernels/reliability.h) with lambda = 1/day, a cycle c = 1 h of compute +
// 100 s of write (1 TB at 10 GB/s), downtime D = 1 h (detect 30 min, restart 30 min, reading
// the checkpoint back 1 TB at 1 TB/s = 1 s):
//   rework  = 1/lambda - c / (e^(lambda c) - 1)             (the mean strike time in a cycle)
//   ETTR    = (1 - lambda rework) / ((1 + 100/3600) (1 + lambda D))
PlanInputs planned_stops_case() {
  PlanInputs in = hand_case();
  TrainingInputs& c = in.cluster;
  c.reliability_enabled = 1;
  c.gpus_per_node = 8;
  c.planned_interruptions_per_s = 1.0 / kDay;
  c.detect_s = 1800;
  c.restart_s = 1800;
  c.checkpoint_interval_s = 3600;
  c.checkpoint_bytes = 1e12;
  c.checkpoint_write_bytes_per_s = 1e10;
  c.checkpoint_read_bytes_per_s = 1e12;
  return in;
}

double planned_stops_ettr() {
  const double lambda = 1.0 / kDay;
  const double cycle = 3600 + 100;
  const double rework = 1 / lambda - cycle / std::expm1(lambda * cycle);
  return (1 - lambda * rework) / ((1 + 100.0 / 3600) * (1 + lambda * (3600 + 1)));
}

TEST(PlanBudget, ReliabilityOffGivesTheSamePlanWhateverItsFigures) {
  PlanInputs in = planned_stops_case();
  in.cluster.reliability_enabled = 0;
  in.checkpoint_bytes_per_param = 14;
  in.checkpoint_write_bytes_per_s_per_gpu = 1e8;
  const PlanOutputs off = plan_budget(in);
  const PlanOutputs plain = plan_budget(hand_case());
  EXPECT_EQ(off.optimum.flop, plain.optimum.flop);
  EXPECT_EQ(off.gpu_count, plain.gpu_count);
  EXPECT_EQ(off.run.wall_s, plain.run.wall_s);
  EXPECT_EQ(off.cost_usd, plain.cost_usd);
  EXPECT_EQ(off.run.ettr, 1);
}

TEST(PlanBudget, ReliabilityShrinksWhatTheDeadlineAllowsByEttr) {
  // 64 GPUs deliver 8.2944e22 FLOPs in 30 days of steady computing; with the losses, ETTR of it.
  PlanInputs in = planned_stops_case();
  in.max_gpus = 64;
  const double ettr = planned_stops_ettr();
  ASSERT_NEAR(ettr, 0.9142, 1e-4);  // the figure by hand, to four places
  const PlanOutputs out = plan_budget(in);
  EXPECT_EQ(out.limited_by_deadline, 1);
  EXPECT_EQ(out.gpu_count, 64);
  EXPECT_NEAR(out.run.ettr, ettr, 1e-12);
  EXPECT_NEAR(out.deadline_flop, 8.2944e22 * ettr, 8.2944e22 * 1e-12);
  EXPECT_NEAR(out.optimum.flop, 8.2944e22 * ettr, 8.2944e22 * 1e-12);
  EXPECT_LE(out.run.wall_s, 30 * kDay);
  EXPECT_NEAR(out.run.wall_s, 30 * kDay, 1e-6 * kDay);
  // All 30 days x 64 GPUs are paid for, losses included.
  EXPECT_NEAR(out.cost_usd, 64 * 30 * 24 * 2.0, 1e-3);
}

TEST(PlanBudget, ReliabilitySizesTheClusterForTheElapsedTime) {
  // Budget-bound: $1M buys 500,000 GPU-hours on any cluster, ETTR of them computing, so
  // 9e23 x ETTR FLOPs; the cluster is the smallest whole number of servers on time.
  PlanInputs in = planned_stops_case();
  const double ettr = planned_stops_ettr();
  const PlanOutputs out = plan_budget(in);
  EXPECT_EQ(out.limited_by_deadline, 0);
  EXPECT_NEAR(out.optimum.flop, 9e23 * ettr, 9e23 * 1e-9);
  EXPECT_LE(out.cost_usd, 1e6);
  EXPECT_LE(out.run.wall_s, 30 * kDay);
  EXPECT_EQ(std::fmod(out.gpu_count, 8), 0);
  const TrainingOutputs fewer =
      plan_run(in, out.optimum.params, out.optimum.tokens, out.gpu_count - 8);
  EXPECT_GT(fewer.wall_s, 30 * kDay);
}

TEST(PlanBudget, FailuresPerNodeNeedMoreGpusThanTheSteadyStateCount) {
  // With failures per node the job's MTBF falls as the cluster grows; the planned cluster still
  // meets the deadline, is larger than the steady-state one and one server fewer is late.
  PlanInputs in = hand_case();
  TrainingInputs& c = in.cluster;
  c.reliability_enabled = 1;
  c.gpus_per_node = 8;
  c.failures_per_node_s = 5.0 / 1000 / kDay;  // 5 per 1,000 node-days
  c.failure_stop_fraction = 1;
  c.detect_s = 300;
  c.restart_s = 600;
  in.checkpoint_bytes_per_param = 14;
  in.checkpoint_write_bytes_per_s_per_gpu = 1.22e8;
  in.checkpoint_read_bytes_per_s_per_gpu = 1.22e8;
  in.budget_usd = 5e7;
  const PlanOutputs out = plan_budget(in);
  EXPECT_GT(out.gpu_count, steady_gpu_count(in, out.optimum.flop));
  EXPECT_LE(out.run.wall_s, 30 * kDay);
  EXPECT_GT(plan_run(in, out.optimum.params, out.optimum.tokens, out.gpu_count - 8).wall_s,
            30 * kDay);
  // The checkpoint follows the planned model and the storage the planned cluster.
  EXPECT_NEAR(out.run.checkpoint_write_s, 14 * out.optimum.params / (1.22e8 * out.gpu_count), 1e-9);
  EXPECT_LT(out.run.ettr, 1);
  EXPECT_GT(out.run.lost_gpu_hours, 0);
}

}  // namespace
}  // namespace llmb
