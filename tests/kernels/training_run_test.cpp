#include "kernels/training_run.h"

#include <gtest/gtest.h>

#include <cmath>

namespace llmb {
namespace {

// A small run whose every output is easy to derive by hand:
// 1B weights on 600B tokens = 3.6e21 FLOPs; 1,000 GPUs of 1 PFLOP/s at 50% MFU -> 7,200 s.
TrainingInputs small_run() {
  TrainingInputs in;
  in.params = 1e9;
  in.flop_params = 1e9;
  in.tokens = 6e11;
  in.gpu_count = 1000;
  in.peak_flop_per_s = 1e15;
  in.recompute = kRecomputeNone;
  in.utilization_basis = kBasisMfu;
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
  in.hardware_age_years = 0;
  in.development_multiplier = 2.0;
  return in;
}

// The same run with attention over a context: 10 layers of width 1,000 over 2,000 tokens add
// 12 x 10 x 1000 x 2000 = 2.4e8 FLOPs per token to the 6 x 1e9 = 6e9 of the weights.
TrainingInputs small_run_with_attention() {
  TrainingInputs in = small_run();
  in.attention_layers = 10;
  in.attention_width = 1000;
  in.seq_len = 2000;
  return in;
}

TEST(TrainingFlop, IsSixTimesParamsTimesTokens) {
  // Kaplan et al. 2020, section 2.1: C = 6 N D.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).model_flop, 6 * 1e9 * 6e11);
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).model_flop, 3.6e21);
}

TEST(TrainingFlop, Gpt3IsThreePointOneFourTimesTenToTheTwentyThird) {
  TrainingInputs in = small_run();
  in.flop_params = 175e9;
  in.tokens = 300e9;
  EXPECT_NEAR(evaluate_training(in).model_flop, 3.14e23,
              0.02 * 3.14e23);  // Brown et al. 2020, Table D.1
}

TEST(TrainingFlop, CountsOnlyTheWeightsInMatrixMultiplies) {
  // A mixture of experts reports all its weights but computes with the active ones.
  TrainingInputs in = small_run();
  in.params = 10e9;
  in.flop_params = 1e9;
  EXPECT_DOUBLE_EQ(evaluate_training(in).model_flop, 3.6e21);
}

TEST(TrainingFlop, AttentionTermAddsTwelveLayersContextWidthPerToken) {
  // (6e9 + 2.4e8) per token x 6e11 tokens = 3.744e21.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run_with_attention()).model_flop, 6.24e9 * 6e11);
}

TEST(HardwareFlop, EqualsModelFlopWithoutRecomputation) {
  const TrainingOutputs out = evaluate_training(small_run_with_attention());
  EXPECT_DOUBLE_EQ(out.hardware_flop, out.model_flop);
}

TEST(HardwareFlop, FullRecomputationIsEightNDWithoutAttention) {
  // Recomputing the forward pass (2 N D) on top of forward and backward (6 N D): 8 N D
  // (Narayanan et al. 2021, section 5.1).
  TrainingInputs in = small_run();
  in.recompute = kRecomputeFull;
  EXPECT_DOUBLE_EQ(evaluate_training(in).hardware_flop, 8 * 1e9 * 6e11);
}

TEST(HardwareFlop, FullRecomputationAddsAThirdOfModelFlopWithAttention) {
  TrainingInputs in = small_run_with_attention();
  in.recompute = kRecomputeFull;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.hardware_flop, 6.24e9 * 6e11 * 4.0 / 3.0);
}

TEST(HardwareFlop, SelectiveRecomputationAddsAThirdOfTheAttentionTerm) {
  // Korthikanti et al. 2022, section 4: only the attention core's forward pass is redone,
  // 2.4e8 / 3 = 8e7 FLOPs per token.
  TrainingInputs in = small_run_with_attention();
  in.recompute = kRecomputeSelective;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.hardware_flop - out.model_flop, 8e7 * 6e11);
}

TEST(HardwareFlop, SelectiveRecomputationAddsNothingWithoutAnArchitecture) {
  TrainingInputs in = small_run();
  in.recompute = kRecomputeSelective;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.hardware_flop, out.model_flop);
}

TEST(DevelopmentFlop, IsTheFinalRunTimesTheMultiplier) {
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).development_flop, 2.0 * 3.6e21);
}

TEST(WallTime, OnTheMfuBasisIsModelFlopOverAchievedClusterRate) {
  // 3.6e21 / (1000 x 1e15 x 0.5) = 7,200 s.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).wall_s, 7200.0);
}

TEST(WallTime, OnTheMfuBasisIgnoresRecomputation) {
  // MFU counts model FLOPs, so recomputation changes HFU, not the time.
  TrainingInputs in = small_run();
  in.recompute = kRecomputeFull;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.wall_s, 7200.0);
  EXPECT_DOUBLE_EQ(out.mfu, 0.5);
  EXPECT_DOUBLE_EQ(out.hfu, 0.5 * 8.0 / 6.0);
}

TEST(WallTime, OnTheThroughputBasisIsHardwareFlopOverAchievedRate) {
  // Full recomputation: 8 N D = 4.8e21 executed at 400 TFLOP/s on 1,000 GPUs: 12,000 s.
  TrainingInputs in = small_run();
  in.recompute = kRecomputeFull;
  in.utilization_basis = kBasisHardwareThroughput;
  in.hardware_flop_per_s_per_gpu = 4e14;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.wall_s, 4.8e21 / (1000 * 4e14));
  EXPECT_DOUBLE_EQ(out.wall_s, 12000.0);
}

TEST(WallTime, OnTheDurationBasisIsTheStatedDuration) {
  TrainingInputs in = small_run();
  in.utilization_basis = kBasisDuration;
  in.duration_s = 36000;
  EXPECT_DOUBLE_EQ(evaluate_training(in).wall_s, 36000.0);
}

TEST(Utilisation, MfuAndHfuAreReportedBackOnTheThroughputBasis) {
  // 400 TFLOP/s executed of a 1 PFLOP/s peak is 40% HFU; with 8 N D executed for 6 N D of
  // model FLOPs, MFU is 40% x 6/8 = 30%.
  TrainingInputs in = small_run();
  in.recompute = kRecomputeFull;
  in.utilization_basis = kBasisHardwareThroughput;
  in.hardware_flop_per_s_per_gpu = 4e14;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.hfu, 0.4);
  EXPECT_DOUBLE_EQ(out.mfu, 0.3);
}

TEST(Utilisation, MfuIsReportedBackOnTheDurationBasis) {
  // 3.6e21 FLOPs in 36,000 s on 1e18 FLOP/s of peak: 10%.
  TrainingInputs in = small_run();
  in.utilization_basis = kBasisDuration;
  in.duration_s = 36000;
  const TrainingOutputs out = evaluate_training(in);
  EXPECT_DOUBLE_EQ(out.mfu, 0.1);
  EXPECT_DOUBLE_EQ(out.hfu, 0.1);
}

TEST(Utilisation, MfuBasisReportsTheGivenMfu) {
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).mfu, 0.5);
}

TEST(GpuHours, AreGpuCountTimesWallHours) {
  // 1,000 GPUs x 2 h.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).gpu_hours, 2000.0);
}

TEST(GpuHours, OnTheMfuBasisDoNotDependOnGpuCount) {
  TrainingInputs in = small_run();
  in.gpu_count = 250;
  EXPECT_DOUBLE_EQ(evaluate_training(in).gpu_hours, 2000.0);
  EXPECT_DOUBLE_EQ(evaluate_training(in).wall_s, 4 * 7200.0);
}

TEST(Energy, IsServerPowerPerGpuTimesFractionTimesPueTimesHours) {
  // 1,000 GPUs x 1,000 W x 0.75 x 1.2 x 2 h = 1.8e6 Wh = 1,800 kWh.
  const TrainingOutputs out = evaluate_training(small_run());
  EXPECT_DOUBLE_EQ(out.energy_kwh, 1000 * 1000.0 * 0.75 * 1.2 * 2.0 / 1000.0);
  EXPECT_DOUBLE_EQ(out.energy_kwh, 1800.0);
}

TEST(Energy, FacilityPowerIsFullLoadServerPowerTimesPue) {
  // 1,000 x 1,000 W x 1.2 = 1.2 MW; the average-power fraction does not apply to it.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).facility_power_w, 1.2e6);
}

TEST(Co2, IsEnergyTimesGridIntensity) {
  // 1,800 kWh x 0.5 kg/kWh.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).co2_kg, 900.0);
}

TEST(CostPurchase, GpusAreCountTimesPrice) {
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).cost_purchase_gpus_usd, 1000 * 10000.0);
}

TEST(CostPurchase, ClusterAppliesServerAndInterconnectFactors) {
  // $10M of GPUs x 1.5 (servers) x 1.2 (network) = $18M.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).cost_purchase_cluster_usd, 1e7 * 1.5 * 1.2);
}

TEST(CostPurchase, SeedClaimIsTwoHundredMillionDollarsOfGpus) {
  TrainingInputs in = small_run();
  in.gpu_count = 20000;
  in.gpu_price_usd = 10000;
  EXPECT_DOUBLE_EQ(evaluate_training(in).cost_purchase_gpus_usd,
                   200e6);  // economics_facts.csv seed_claim_fleet_cost
}

TEST(CostAmortized, HardwareIsClusterValueLostOverTheRun) {
  // $18M x (1 - exp(-0.3/y x 7200 s / (365 x 86400 s/y))).
  const double years = 7200.0 / (365 * 86400.0);
  const TrainingOutputs out = evaluate_training(small_run());
  EXPECT_NEAR(out.cost_amortized_hardware_usd, 1.8e7 * (1 - std::exp(-0.3 * years)), 1e-9 * 1.8e7);
}

TEST(CostAmortized, OlderHardwareStartsFromALowerValue) {
  // A year-long run on two-year-old hardware: $18M x exp(-0.3 x 2) x (1 - exp(-0.3 x 1)).
  TrainingInputs in = small_run();
  in.utilization_basis = kBasisDuration;
  in.duration_s = kSecondsPerYear;
  in.hardware_age_years = 2;
  EXPECT_NEAR(evaluate_training(in).cost_amortized_hardware_usd,
              1.8e7 * std::exp(-0.6) * (1 - std::exp(-0.3)), 1e-6);
}

TEST(CostAmortized, NoDepreciationLosesNoValue) {
  TrainingInputs in = small_run();
  in.depreciation_per_year = 0;
  EXPECT_DOUBLE_EQ(evaluate_training(in).cost_amortized_hardware_usd, 0.0);
}

TEST(CostAmortized, EnergyCostIsEnergyTimesPrice) {
  // 1,800 kWh x $0.10.
  EXPECT_NEAR(evaluate_training(small_run()).cost_energy_usd, 180.0, 1e-9);
}

TEST(CostAmortized, TotalIsHardwarePlusEnergy) {
  const TrainingOutputs out = evaluate_training(small_run());
  EXPECT_DOUBLE_EQ(out.cost_amortized_usd, out.cost_amortized_hardware_usd + out.cost_energy_usd);
}

TEST(ValueLostFraction, ApproachesCottiersFirstOrderFormForShortRuns) {
  // Cottier et al. 2024, section 2.2: value lost ~ r t. The exact 1 - exp(-r t) is below it
  // by (r t)^2 / 2 to leading order, so the relative gap is under r t / 2.
  const double rate = 0.14 * std::log(10.0);  // 0.14 OOM/y
  for (double days : {1.0, 30.0, 90.0}) {
    const double years = days / 365.0;
    const double first_order = rate * years;
    const double exact = value_lost_fraction(rate, years);
    EXPECT_LT(exact, first_order) << days;
    EXPECT_LT((first_order - exact) / first_order, first_order / 2) << days;
    EXPECT_GT((first_order - exact) / first_order,
              first_order / 2 - first_order * first_order / 6 - 1e-12)
        << days;
  }
}

TEST(ValueLostFraction, NeverExceedsTheWholeValueForLongRuns) {
  // Ten years at 0.322/y: first order would lose 322% of the value; the exponential, 96%.
  const double rate = 0.14 * std::log(10.0);
  EXPECT_NEAR(value_lost_fraction(rate, 10), 1 - std::pow(10.0, -1.4), 1e-12);
  EXPECT_LT(value_lost_fraction(rate, 100), 1.0);
}

TEST(ValueLostFraction, IsZeroForAZeroLengthRun) {
  EXPECT_EQ(value_lost_fraction(0.3, 0), 0.0);
}

TEST(CostCloud, IsGpuHoursTimesPrice) {
  // 2,000 GPU-hours x $2.
  EXPECT_DOUBLE_EQ(evaluate_training(small_run()).cost_cloud_usd, 4000.0);
}

TEST(CostDevelopment, IsAmortisedCostTimesTheMultiplier) {
  const TrainingOutputs out = evaluate_training(small_run());
  EXPECT_DOUBLE_EQ(out.cost_development_usd, 2.0 * out.cost_amortized_usd);
}

TEST(EvaluateTraining, IsDeterministic) {
  const TrainingOutputs a = evaluate_training(small_run_with_attention());
  const TrainingOutputs b = evaluate_training(small_run_with_attention());
  EXPECT_EQ(a.model_flop, b.model_flop);
  EXPECT_EQ(a.cost_amortized_usd, b.cost_amortized_usd);
  EXPECT_EQ(a.energy_kwh, b.energy_kwh);
}

}  // namespace
}  // namespace llmb
