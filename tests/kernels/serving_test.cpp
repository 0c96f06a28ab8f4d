#include "kernels/serving.h"

#include <gtest/gtest.h>

#include <cmath>

namespace llmb {
namespace {

// A 1B model in 16 bits on one GPU of 1e14 FLOP/s and 1e12 B/s, both used at half their peak.
ServingInputs small_model() {
  ServingInputs in;
  in.active_params = 1e9;
  in.bytes_per_param = 2;
  in.prompt_tokens = 0;
  in.output_tokens = 100;
  in.peak_flop_per_s = 1e14;
  in.hbm_bytes_per_s = 1e12;
  in.hbm_bytes = 80e9;
  in.gpus_per_replica = 1;
  in.batch_size = 1;
  in.compute_utilization = 0.5;
  in.bandwidth_utilization = 0.5;
  in.peak_to_average = 1;
  in.fleet_utilization = 1;
  in.usd_per_gpu_hour = 2;
  return in;
}

TEST(ServingThroughput, DecodeAtBatchOneReadsEveryWeightOncePerToken) {
  const ServingThroughput t = serving_throughput(small_model());
  // 2e9 bytes / (1e12 B/s x 0.5) = 4 ms, against 2 x 1e9 FLOP / (1e14 x 0.5) = 40 us of compute.
  EXPECT_DOUBLE_EQ(t.decode_step_s, 4e-3);
  EXPECT_EQ(t.memory_bound, 1.0);
  EXPECT_DOUBLE_EQ(t.output_tokens_per_s_per_gpu, 250.0);  // 1 token per 4 ms
  EXPECT_DOUBLE_EQ(t.requests_per_s_per_gpu, 2.5);         // 100 tokens per request
}

TEST(ServingThroughput, LargeBatchesAreComputeBound) {
  ServingInputs in = small_model();
  in.batch_size = 1000;
  const ServingThroughput t = serving_throughput(in);
  // 2 x 1e9 x 1000 FLOP / 5e13 FLOP/s = 40 ms, above the 4 ms of reading the weights.
  EXPECT_DOUBLE_EQ(t.decode_step_s, 0.04);
  EXPECT_EQ(t.memory_bound, 0.0);
  // 1000 tokens per 40 ms: the compute roof, 5e13 / (2 x 1e9) tokens per second.
  EXPECT_DOUBLE_EQ(t.output_tokens_per_s_per_gpu, 25000.0);
}

TEST(ServingThroughput, PrefillIsTwoFlopsPerWeightPerPromptTokenAndSharesTheReplica) {
  ServingInputs in = small_model();
  in.prompt_tokens = 500;
  const ServingThroughput t = serving_throughput(in);
  EXPECT_DOUBLE_EQ(t.prefill_s_per_request, 2 * 1e9 * 500 / 5e13);  // 20 ms
  // A request holds the replica for its prefill and its 100 decode steps: 0.02 + 0.4 s.
  EXPECT_NEAR(t.requests_per_s_per_gpu, 1 / 0.42, 1e-12);
}

TEST(ServingThroughput, DecodeReadsTheBatchsKvCacheAtTheMeanContext) {
  ServingInputs in = small_model();
  in.kv_bytes_per_token = 1e6;
  in.prompt_tokens = 100;
  in.batch_size = 10;
  const ServingThroughput t = serving_throughput(in);
  // Weights 2e9 B plus 10 sequences x (100 + 100 / 2) tokens x 1e6 B = 3.5e9 B at 5e11 B/s.
  EXPECT_DOUBLE_EQ(t.decode_step_s, 7e-3);
  // Memory holds the full context: 2e9 + 10 x 200 x 1e6 B.
  EXPECT_DOUBLE_EQ(t.memory_bytes_per_replica, 4e9);
}

TEST(ServingThroughput, AMeasuredRateReplacesTheModel) {
  ServingInputs in = small_model();
  in.measured_output_tokens_per_s_per_gpu = 400;
  const ServingThroughput t = serving_throughput(in);
  EXPECT_DOUBLE_EQ(t.output_tokens_per_s_per_gpu, 400.0);
  EXPECT_DOUBLE_EQ(t.requests_per_s_per_gpu, 4.0);  // 100 output tokens per request
}

TEST(ReplicaGpus, ArePowersOfTwoUpToEightThenWholeServers) {
  EXPECT_EQ(replica_gpus_for_memory(10e9, 80e9), 1.0);
  EXPECT_EQ(replica_gpus_for_memory(80e9, 80e9), 1.0);
  EXPECT_EQ(replica_gpus_for_memory(100e9, 80e9), 2.0);
  EXPECT_EQ(replica_gpus_for_memory(250e9, 80e9), 4.0);    // needs 3.1
  EXPECT_EQ(replica_gpus_for_memory(477e9, 80e9), 8.0);    // needs 6
  EXPECT_EQ(replica_gpus_for_memory(700e9, 80e9), 16.0);   // needs 9
  EXPECT_EQ(replica_gpus_for_memory(1281e9, 80e9), 24.0);  // needs 17
}

TEST(ServingThroughput, DerivesTheReplicaFromMemoryWhenNotStated) {
  ServingInputs in = small_model();
  in.active_params = 70e9;  // 140 GB of weights: two 80 GB GPUs
  in.gpus_per_replica = 0;
  const ServingThroughput t = serving_throughput(in);
  EXPECT_EQ(t.gpus_per_replica, 2.0);
  EXPECT_EQ(t.fits, 1.0);
  // Two GPUs read the 140 GB together: 140e9 / (2 x 5e11) s.
  EXPECT_DOUBLE_EQ(t.decode_step_s, 0.14);
}

TEST(ServingCost, FleetIsWholeReplicasForThePeakAtTheUsableFraction) {
  ServingInputs in = small_model();  // 2.5 requests per second per GPU
  in.peak_to_average = 1.5;
  in.fleet_utilization = 0.8;
  // 10 requests per second: 10 x 1.5 / (2.5 x 0.8) = 7.5 replicas, so 8.
  const ServingCost cost = serving_cost(in, 10 * kSecondsPerDay);
  EXPECT_EQ(cost.replicas, 8.0);
  EXPECT_EQ(cost.gpus, 8.0);
}

TEST(ServingCost, AWholeNumberOfReplicasIsNotRoundedUpByRoundingError) {
  ServingInputs in = small_model();
  in.output_tokens = 30;  // 1 / (30 x 0.004 s) = 8.333... requests per second per GPU
  // 25 requests per second need exactly 3 replicas; the quotient is 3.0000000000000004.
  const ServingCost cost = serving_cost(in, 25 * kSecondsPerDay);
  EXPECT_EQ(cost.replicas, 3.0);
}

TEST(ServingCost, CostPerQueryAndPerMillionTokensDivideTheDaysCost) {
  ServingInputs in = small_model();
  in.prompt_tokens = 0;
  const double requests = 864000;  // 10 per second: 4 GPUs at 2.5 each
  const ServingCost cost = serving_cost(in, requests);
  EXPECT_EQ(cost.gpus, 4.0);
  EXPECT_DOUBLE_EQ(cost.gpu_hours_per_day, 96.0);
  EXPECT_DOUBLE_EQ(cost.usd_per_day, 192.0);  // 96 GPU-hours at $2
  EXPECT_DOUBLE_EQ(cost.usd_per_query, 192.0 / 864000);
  // 86.4M tokens a day (100 per request, no prompt): $192 / 86.4 = $2.22 per million.
  EXPECT_DOUBLE_EQ(cost.tokens_per_day, 86.4e6);
  EXPECT_DOUBLE_EQ(cost.usd_per_million_tokens, 192.0 / 86.4);
  EXPECT_DOUBLE_EQ(cost.usd_per_million_output_tokens, 192.0 / 86.4);
  EXPECT_DOUBLE_EQ(cost.fleet_busy_fraction, 1.0);
}

TEST(ServingCost, PerMillionTokensCountsPromptAndOutputTogether) {
  ServingInputs in = small_model();
  in.prompt_tokens = 300;  // 400 tokens a request, 100 of them output
  const ServingCost cost = serving_cost_of_fleet(in, 4, 864000);
  EXPECT_DOUBLE_EQ(cost.tokens_per_day, 864000.0 * 400);
  EXPECT_DOUBLE_EQ(cost.usd_per_million_tokens, 192.0 / (864000 * 400 / 1e6));
  EXPECT_DOUBLE_EQ(cost.usd_per_million_output_tokens, 192.0 / (864000 * 100 / 1e6));
}

TEST(ServingCost, NoRequestsMeansNoFleetAndNoDivisionByZero) {
  const ServingCost cost = serving_cost(small_model(), 0);
  EXPECT_EQ(cost.gpus, 0.0);
  EXPECT_EQ(cost.usd_per_day, 0.0);
  EXPECT_EQ(cost.usd_per_query, 0.0);
  EXPECT_EQ(cost.usd_per_million_tokens, 0.0);
}

// SemiAnalysis (Patel and Ahmad), The Inference Cost Of Search Disruption, 2023-02-09: 28,936
// A100 at $1 per GPU-hour is $694,444 a day and 0.36 cents a query for 13M users x 15.
TEST(ServingCost, StatedFleetReproducesSemiAnalysisArithmetic) {
  ServingInputs in = small_model();
  in.usd_per_gpu_hour = 1.0;
  const ServingCost cost = serving_cost_of_fleet(in, 28936, 13e6 * 15);
  EXPECT_DOUBLE_EQ(cost.usd_per_day, 28936.0 * 24);  // $694,464
  EXPECT_NEAR(cost.usd_per_day, 694444, 0.01 * 694444);
  EXPECT_NEAR(cost.usd_per_query * 100, 0.3561, 1e-4);  // cents; 0.36 to two figures
}

TEST(OwnedGpuHour, IsValueLostInAnHourPlusEnergy) {
  TrainingInputs owner;
  owner.gpu_price_usd = 10000;
  owner.server_cost_factor = 1.5;
  owner.interconnect_cost_factor = 1.2;  // $18,000 of cluster per GPU
  owner.depreciation_per_year = 0.5;
  owner.server_power_per_gpu_w = 1000;
  owner.average_power_fraction = 0.5;
  owner.pue = 1.2;  // 600 W drawn
  owner.electricity_usd_per_kwh = 0.1;
  const double hour_in_years = 1.0 / (365 * 24);
  const double expected = 18000 * -std::expm1(-0.5 * hour_in_years) + 0.6 * 0.1;
  EXPECT_NEAR(owned_usd_per_gpu_hour(owner), expected, 1e-12);
  // First order: value x rate x time (Cottier et al. 2024, section 2.2), $1.03 + $0.06.
  EXPECT_NEAR(owned_usd_per_gpu_hour(owner), 18000 * 0.5 * hour_in_years + 0.06, 1e-4);
}

TEST(OwnedGpuHour, OlderHardwareLosesLessValuePerHour) {
  TrainingInputs owner;
  owner.gpu_price_usd = 10000;
  owner.server_cost_factor = 1;
  owner.interconnect_cost_factor = 1;
  owner.depreciation_per_year = 0.5;
  const double new_gpu = owned_usd_per_gpu_hour(owner);
  owner.hardware_age_years = 2;
  EXPECT_NEAR(owned_usd_per_gpu_hour(owner), new_gpu * std::exp(-1.0), 1e-12);
}

}  // namespace
}  // namespace llmb
