#include "kernels/reliability.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "kernels/reliability_sample.h"
#include "kernels/summary.h"
#include "kernels/training_run.h"

namespace llmb {
namespace {

// A hand case: 8,000 GPUs in nodes of 8 (1,000 nodes), one failure per node every 12e6 s, so the
// job's MTBF is 12,000 s; a 1 TB checkpoint written at 10 GB/s (100 s) and read at 20 GB/s
// (50 s); detection 300 s, restart 600 s; a checkpoint every 3,600 s of compute.
ReliabilityInputs hand_case() {
  ReliabilityInputs r;
  r.enabled = 1;
  r.gpus_per_node = 8;
  r.failures_per_node_s = 1.0 / 12e6;
  r.stop_fraction = 1;
  r.planned_per_s = 0;
  r.detect_s = 300;
  r.restart_s = 600;
  r.checkpoint_interval_s = 3600;
  r.checkpoint_bytes = 1e12;
  r.write_bytes_per_s = 1e10;
  r.read_bytes_per_s = 2e10;
  return r;
}

constexpr double kGpus = 8000;
constexpr double kProductiveS = 864000;  // ten days of compute

TEST(Reliability, HandCaseEveryTerm) {
  const ReliabilityOutputs out = evaluate_reliability(hand_case(), kGpus, kProductiveS, false);
  // By hand: a cycle c = 3600 + 100 s; rework 12000 - 3700 / (e^(3700/12000) - 1) = 1755.08 s
  // (Young's c/2 = 1850 to first order); progress kept 1 - 1755.08/12000 = 0.853743;
  // checkpoint factor 1 + 100/3600; downtime 300 + 600 + 50 = 950 s, factor 1 + 950/12000.
  // Running time 864000 x 1.027778 / 0.853743 = 1,040,118.6 s; interruptions = that / 12000.
  EXPECT_DOUBLE_EQ(out.mtbf_s, 12000);
  EXPECT_DOUBLE_EQ(out.checkpoint_write_s, 100);
  EXPECT_DOUBLE_EQ(out.checkpoint_interval_s, 3600);
  EXPECT_NEAR(out.interruptions, 86.67711156872686, 1e-9);
  EXPECT_NEAR(out.elapsed_s, 1122468.5948150128, 1e-6);
  EXPECT_NEAR(out.ettr, 0.7697320031857021, 1e-12);
  EXPECT_NEAR(out.lost_checkpoint_s, 24000, 1e-6);  // 864000 x 100 / 3600
  EXPECT_NEAR(out.lost_rework_s, 152125.33882472248, 1e-6);
  EXPECT_NEAR(out.lost_restart_s, 82343.25599029052, 1e-6);
  // The losses add up to the elapsed time less the productive time.
  EXPECT_NEAR(out.lost_checkpoint_s + out.lost_rework_s + out.lost_restart_s,
              out.elapsed_s - kProductiveS, 1e-6);
  // Below 1e12 B / 12000 s = 83.3 MB/s a write outlasts the MTBF.
  EXPECT_NEAR(out.collapse_write_bytes_per_s, 1e12 / 12000, 1e-3);
}

TEST(Reliability, OffOrNeverInterruptedLeavesTheTimeAlone) {
  ReliabilityInputs off = hand_case();
  off.enabled = 0;
  EXPECT_EQ(evaluate_reliability(off, kGpus, kProductiveS, false).elapsed_s, kProductiveS);
  ReliabilityInputs never = hand_case();
  never.failures_per_node_s = 0;
  const ReliabilityOutputs out = evaluate_reliability(never, kGpus, kProductiveS, false);
  EXPECT_EQ(out.elapsed_s, kProductiveS);
  EXPECT_EQ(out.ettr, 1.0);
  EXPECT_EQ(out.interruptions, 0.0);
}

TEST(Reliability, DoublingTheFailureRateHalvesTheMtbf) {
  ReliabilityInputs twice = hand_case();
  twice.failures_per_node_s *= 2;
  EXPECT_DOUBLE_EQ(evaluate_reliability(twice, kGpus, kProductiveS, false).mtbf_s,
                   evaluate_reliability(hand_case(), kGpus, kProductiveS, false).mtbf_s / 2);
  // So does doubling the nodes, and planned stops add to the rate.
  EXPECT_DOUBLE_EQ(evaluate_reliability(hand_case(), 2 * kGpus, kProductiveS, false).mtbf_s, 6000);
  ReliabilityInputs planned = hand_case();
  planned.planned_per_s = 1.0 / 12000;
  EXPECT_DOUBLE_EQ(evaluate_reliability(planned, kGpus, kProductiveS, false).mtbf_s, 6000);
}

TEST(Reliability, OptimalIntervalIsYoungs) {
  ReliabilityInputs r = hand_case();
  r.checkpoint_interval_s = 0;  // optimal
  const ReliabilityOutputs out = evaluate_reliability(r, kGpus, kProductiveS, false);
  // Young 1974: sqrt(2 x 100 s x 12000 s) = 1549.19 s.
  EXPECT_NEAR(out.checkpoint_interval_s, 1549.1933384829667, 1e-9);
  // The goodput-maximising interval of this model, the root of e^(lambda (tau + delta))
  // (1 - lambda tau) = 1 (Daly 2006's equation): 1483.256 s, by a separate bisection.
  EXPECT_NEAR(out.best_interval_s, 1483.2563327935004, 1e-6);
  const double lambda = 1.0 / 12000;
  EXPECT_NEAR(std::exp(lambda * (out.best_interval_s + 100)) * (1 - lambda * out.best_interval_s),
              1.0, 1e-12);
  // It is a maximum: a little shorter or longer gives less ETTR.
  auto ettr_at = [&](double tau) {
    ReliabilityInputs at = r;
    at.checkpoint_interval_s = tau;
    return evaluate_reliability(at, kGpus, kProductiveS, false).ettr;
  };
  EXPECT_GT(ettr_at(out.best_interval_s), ettr_at(out.best_interval_s * 0.95));
  EXPECT_GT(ettr_at(out.best_interval_s), ettr_at(out.best_interval_s * 1.05));
  EXPECT_GE(ettr_at(out.best_interval_s), ettr_at(out.checkpoint_interval_s));
}

TEST(Reliability, IntervalNeverShorterThanTheWrite) {
  ReliabilityInputs r = hand_case();
  r.checkpoint_interval_s = 0;
  r.checkpoint_async = 1;
  r.async_stall_s = 0.01;  // Young's interval sqrt(2 x 0.01 x 12000) = 15.5 s < the 100 s write
  EXPECT_DOUBLE_EQ(evaluate_reliability(r, kGpus, kProductiveS, false).checkpoint_interval_s, 100);
}

TEST(Reliability, AsynchronousCheckpointsBlockLessButBecomeDurableLater) {
  ReliabilityInputs r = hand_case();
  r.checkpoint_async = 1;
  r.async_stall_s = 10;
  const ReliabilityOutputs out = evaluate_reliability(r, kGpus, kProductiveS, false);
  // Blocked 10 s a checkpoint instead of 100; rework over a 3,610 s cycle plus the 90 s the
  // write still takes: 12000 - 3610 / (e^(3610/12000) - 1) + 90 = 1804.64 s.
  EXPECT_NEAR(out.lost_checkpoint_s, 864000 * 10 / 3600.0, 1e-6);
  EXPECT_NEAR(out.lost_rework_s / out.interruptions, 1804.6355183403703, 1e-9);
  EXPECT_GT(out.ettr, evaluate_reliability(hand_case(), kGpus, kProductiveS, false).ettr);
}

TEST(Reliability, StatedDurationHoldsTheLosses) {
  const double stated = 1122468.5948150128;  // the hand case's elapsed time
  const ReliabilityOutputs out = evaluate_reliability(hand_case(), kGpus, stated, true);
  EXPECT_EQ(out.elapsed_s, stated);
  EXPECT_NEAR(out.elapsed_s - out.lost_checkpoint_s - out.lost_rework_s - out.lost_restart_s,
              kProductiveS, 1e-6);
  EXPECT_NEAR(out.interruptions, 86.67711156872686, 1e-9);
}

TEST(Reliability, ReworkIsHalfACycleToFirstOrderAndBelowTheMtbf) {
  // Half the cycle less lambda c^2 / 12: 1800 - 3600^2 x 1e-9 / 12.
  EXPECT_NEAR(mean_strike_in_cycle_s(3600, 1e-9), 1800 - 3600.0 * 3600 * 1e-9 / 12, 1e-9);
  // The series and the closed form agree where they meet (lambda c = 1e-3).
  const double lambda = 1e-3 / 3600;
  EXPECT_NEAR(mean_strike_in_cycle_s(3600 * (1 - 1e-12), lambda),
              1.0 / lambda - 3600 / std::expm1(1e-3), 1e-6);
  // Long cycles: the interruption strikes at its own mean, the MTBF, at most.
  EXPECT_LE(mean_strike_in_cycle_s(1e9, 1.0 / 12000), 12000);
  EXPECT_NEAR(mean_strike_in_cycle_s(1e9, 1.0 / 12000), 12000, 1e-6);
}

TEST(Reliability, NoProgressIsInfinite) {
  ReliabilityInputs r = hand_case();
  r.checkpoint_async = 1;
  r.async_stall_s = 0;
  r.write_bytes_per_s = 1e12 / 20000;  // an asynchronous write that outlasts the MTBF
  r.checkpoint_interval_s = 20000;
  const ReliabilityOutputs out = evaluate_reliability(r, kGpus, kProductiveS, false);
  EXPECT_EQ(out.ettr, 0.0);
  EXPECT_TRUE(std::isinf(out.elapsed_s));
}

// A run of 1,000 GPUs at 1 PFLOP/s and 50% MFU, 7,200 s of compute (as training_run_test).
TrainingInputs small_run() {
  TrainingInputs in;
  in.params = 1e9;
  in.flop_params = 1e9;
  in.tokens = 6e11;
  in.gpu_count = 1000;
  in.peak_flop_per_s = 1e15;
  in.mfu = 0.5;
  in.server_power_per_gpu_w = 1000;
  in.average_power_fraction = 0.75;
  in.pue = 1.2;
  in.grid_kg_co2_per_kwh = 0.5;
  in.gpu_price_usd = 10000;
  in.server_cost_factor = 1.5;
  in.interconnect_cost_factor = 1.2;
  in.cloud_usd_per_gpu_hour = 2.0;
  in.electricity_usd_per_kwh = 0.1;
  in.depreciation_per_year = 0.3;
  in.development_multiplier = 2.0;
  in.gpus_per_node = 8;
  in.failures_per_node_s = 1e-6;
  in.failure_stop_fraction = 1;
  in.detect_s = 60;
  in.restart_s = 120;
  in.checkpoint_bytes = 1e11;
  in.checkpoint_write_bytes_per_s = 1e10;
  in.checkpoint_read_bytes_per_s = 1e10;
  return in;
}

TEST(ReliabilityInTraining, OffGivesTheSteadyStateNumbersExactly) {
  TrainingInputs plain = small_run();
  plain.gpus_per_node = plain.failures_per_node_s = plain.failure_stop_fraction = 0;
  plain.detect_s = plain.restart_s = plain.checkpoint_bytes = 0;
  plain.checkpoint_write_bytes_per_s = plain.checkpoint_read_bytes_per_s = 0;
  const TrainingOutputs a = evaluate_training(plain);
  const TrainingOutputs b = evaluate_training(small_run());  // figures given, reliability off
  EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0);
  EXPECT_EQ(a.wall_s, 7200);
  EXPECT_EQ(a.ettr, 1.0);
  EXPECT_EQ(a.lost_gpu_hours, 0.0);
  EXPECT_EQ(a.productive_s, a.wall_s);
}

TEST(ReliabilityInTraining, OnAddsTheLossesToTimeGpuHoursAndCost) {
  TrainingInputs in = small_run();
  in.reliability_enabled = 1;
  const TrainingOutputs steady = evaluate_training(small_run());
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_GT(out.wall_s, steady.wall_s);
  EXPECT_NEAR(out.productive_s, steady.wall_s, 1e-6);
  EXPECT_NEAR(out.gpu_hours - steady.gpu_hours, out.lost_gpu_hours, 1e-6);
  EXPECT_NEAR(
      out.lost_gpu_hours,
      out.lost_rework_gpu_hours + out.lost_checkpoint_gpu_hours + out.lost_restart_gpu_hours, 1e-9);
  // Cloud cost is linear in GPU-hours: the added cost is the lost GPU-hours at the rate.
  EXPECT_NEAR(out.cost_cloud_usd - steady.cost_cloud_usd, out.lost_cloud_usd, 1e-6);
  EXPECT_NEAR(out.lost_cloud_usd, out.lost_gpu_hours * 2.0, 1e-9);
  EXPECT_NEAR(out.ettr, steady.wall_s / out.wall_s, 1e-12);
  // The model FLOPs stay; the MFU over the whole wall-clock time falls by the ETTR.
  EXPECT_EQ(out.model_flop, steady.model_flop);
  EXPECT_NEAR(out.mfu, steady.mfu * out.ettr, 1e-12);
}

// The Monte Carlo against the closed form: the mean wall-clock time, interruptions and losses
// within four standard errors. The closed form's rework is exact for this process; what is left
// is the last, partial cycle and checkpoint (under one cycle's worth a run).
TEST(ReliabilityMonteCarlo, MeanMatchesTheClosedForm) {
  ReliabilityInputs r = hand_case();
  r.failures_per_node_s = 1.0 / 288e6;  // MTBF 288,000 s, cycle 3,700 s
  const ReliabilityOutputs closed = evaluate_reliability(r, kGpus, kProductiveS, false);
  constexpr int kSamples = 20000;
  double sum = 0, squares = 0, interruptions = 0, restart = 0;
  for (int i = 0; i < kSamples; ++i) {
    const ReliabilitySample s = sample_reliability(r, kGpus, kProductiveS, 0.5, 7, i);
    sum += s.elapsed_s;
    squares += s.elapsed_s * s.elapsed_s;
    interruptions += s.interruptions;
    restart += s.lost_restart_s;
    // Each draw's time is its productive time plus its losses.
    ASSERT_NEAR(s.elapsed_s - s.lost_rework_s - s.lost_checkpoint_s - s.lost_restart_s,
                kProductiveS, 1e-6 * kProductiveS);
  }
  const double mean = sum / kSamples;
  const double sd = std::sqrt(squares / kSamples - mean * mean);
  const double standard_error = sd / std::sqrt(kSamples);
  EXPECT_NEAR(mean, closed.elapsed_s, 4 * standard_error)
      << "closed " << closed.elapsed_s << " sampled " << mean << " se " << standard_error;
  EXPECT_NEAR(interruptions / kSamples, closed.interruptions, 0.03 * closed.interruptions);
  EXPECT_NEAR(restart / kSamples, closed.lost_restart_s, 0.04 * closed.lost_restart_s);
  EXPECT_GT(sd, 0);
}

TEST(ReliabilityMonteCarlo, ASampleIsAPureFunctionOfSeedAndIndex) {
  const ReliabilitySample a = sample_reliability(hand_case(), kGpus, kProductiveS, 0.5, 3, 41);
  const ReliabilitySample b = sample_reliability(hand_case(), kGpus, kProductiveS, 0.5, 3, 41);
  const ReliabilitySample c = sample_reliability(hand_case(), kGpus, kProductiveS, 0.5, 3, 42);
  EXPECT_EQ(std::memcmp(&a, &b, sizeof a), 0);
  EXPECT_NE(a.elapsed_s, c.elapsed_s);
}

}  // namespace
}  // namespace llmb
