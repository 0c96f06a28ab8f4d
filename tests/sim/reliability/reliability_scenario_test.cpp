#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "sim/reliability/reliability_monte_carlo.h"
#include "sim/scenario/load_scenario.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

Scenario load(const std::string& text, const std::vector<std::string>& overrides = {}) {
  Document doc = Document::parse(text, "s.yaml");
  for (std::size_t i = 0; i < overrides.size(); ++i)
    doc.apply_override(overrides[i], static_cast<int>(i) + 1);
  return load_scenario(doc, catalog());
}

const char* kRun = R"(
model:
  params: 175B
data:
  tokens: 300B
hardware:
  gpu: A100-80GB
  count: 1024
)";

const char* kReliableRun = R"(
model:
  params: 175B
data:
  tokens: 300B
hardware:
  gpu: A100-80GB
  count: 16384
training:
  reliability:
    enabled: true
    failures_per_1000_node_days: 13
    checkpoint_interval: 30 min
    restart: 20 min
)";

// Every field of the steady-state model, bit for bit (the reliability outputs are new keys).
void expect_same_steady_state(const TrainingOutputs& a, const TrainingOutputs& b) {
  const std::size_t steady_bytes = offsetof(TrainingOutputs, interruptions);
  EXPECT_EQ(std::memcmp(&a, &b, steady_bytes), 0);
}

TEST(ReliabilityScenario, OffByDefaultAndOffGivesTodaysNumbersExactly) {
  const Scenario plain = load(kRun);
  EXPECT_EQ(plain.inputs.reliability_enabled, 0);
  const Scenario off =
      load(kReliableRun, {"training.reliability.enabled=false", "hardware.count=1024"});
  EXPECT_EQ(off.inputs.reliability_enabled, 0);
  const TrainingOutputs a = evaluate_training(plain.inputs);
  const TrainingOutputs b = evaluate_training(off.inputs);
  expect_same_steady_state(a, b);
  EXPECT_EQ(b.ettr, 1.0);
  EXPECT_EQ(b.lost_gpu_hours, 0.0);
}

TEST(ReliabilityScenario, CatalogDefaultsByGpuAndGivenValuesWin) {
  const Scenario a100 = load(kRun, {"training.reliability.enabled=true"});
  // 6.50 per 1,000 node-days (Kokolis et al. 2024, RSC-1) for an A100.
  EXPECT_NEAR(a100.inputs.failures_per_node_s * 86400 * 1000, 6.50, 1e-12);
  EXPECT_EQ(a100.inputs.gpus_per_node, 8);
  // 14 bytes per parameter; 122 MB/s per GPU of storage.
  EXPECT_DOUBLE_EQ(a100.inputs.checkpoint_bytes, 175e9 * 14);
  EXPECT_DOUBLE_EQ(a100.inputs.checkpoint_write_bytes_per_s, 122e6 * 1024);
  const Scenario h100 = load(kRun, {"training.reliability.enabled=true", "hardware.gpu=H100-SXM"});
  EXPECT_NEAR(h100.inputs.failures_per_node_s * 86400 * 1000, 3.79, 1e-12);
  const Scenario given = load(kReliableRun);
  EXPECT_NEAR(given.inputs.failures_per_node_s * 86400 * 1000, 13, 1e-12);
  EXPECT_EQ(given.inputs.checkpoint_interval_s, 1800);
  EXPECT_EQ(given.inputs.restart_s, 1200);
}

TEST(ReliabilityScenario, LossesGoIntoWallDaysGpuHoursAndCost) {
  const Scenario on = load(kReliableRun);
  const Scenario off = load(kReliableRun, {"training.reliability.enabled=false"});
  const TrainingOutputs with = evaluate_training(on.inputs);
  const TrainingOutputs without = evaluate_training(off.inputs);
  EXPECT_GT(with.wall_s, without.wall_s);
  EXPECT_NEAR(with.gpu_hours, without.gpu_hours + with.lost_gpu_hours, 1e-6 * with.gpu_hours);
  EXPECT_NEAR(with.cost_cloud_usd, without.cost_cloud_usd + with.lost_cloud_usd,
              1e-6 * with.cost_cloud_usd);
  EXPECT_GT(with.cost_amortized_usd, without.cost_amortized_usd);
  // 2,048 nodes at 13 per 1,000 node-days: 26.6 a day, an MTBF of 0.90 h.
  EXPECT_NEAR(with.mtbf_s, 86400 / (2048 * 13e-3), 1e-6);
}

TEST(ReliabilityScenario, MonteCarloIsTheSameOnAnyThreadCountAndNearTheClosedForm) {
  const Scenario s = load(kReliableRun);
  const ReliabilityMonteCarlo one = sample_run_reliability(s, 3000, 11, 1);
  const ReliabilityMonteCarlo three = sample_run_reliability(s, 3000, 11, 3);
  EXPECT_EQ(std::memcmp(&one.wall_days, &three.wall_days, sizeof one.wall_days), 0);
  EXPECT_EQ(std::memcmp(&one.lost_gpu_hours, &three.lost_gpu_hours, sizeof one.lost_gpu_hours), 0);
  EXPECT_LE(one.wall_days.p10, one.wall_days.p50);
  EXPECT_LE(one.wall_days.p50, one.wall_days.p90);
  // lambda x cycle = 0.56 here, far from the first-order regime, where the closed form's exact
  // rework still holds: the sampled mean is within a few standard errors of it.
  const TrainingOutputs closed = evaluate_training(s.inputs);
  EXPECT_NEAR(one.wall_days.mean, closed.wall_s / 86400, 4 * one.wall_days.standard_error);
  EXPECT_NEAR(one.lost_gpu_hours.mean, closed.lost_gpu_hours,
              4 * one.lost_gpu_hours.standard_error);
}

Scenario example(const std::string& name) {
  return load_scenario_file(LLMB_SOURCE_DIR "/scenarios/examples/" + name, {}, catalog());
}

// The OPT-175B example derives its rate and restart time from the logbook's 90 restarts, 56
// days elapsed and 33 days of compute (metaseq chronicles); the model must give those back.
TEST(ReliabilityExamples, OptLogbookGivesBackItsRestartsAndComputeDays) {
  const TrainingOutputs out = evaluate_training(example("opt_175b_logbook.yaml").inputs);
  EXPECT_NEAR(out.wall_s / 86400, 56, 1e-9);
  EXPECT_NEAR(out.interruptions, 90, 0.02 * 90);
  EXPECT_NEAR(out.productive_s / 86400, 33, 0.02 * 33);
  EXPECT_NEAR(out.ettr, 33.0 / 56, 0.02);
}

// Llama 3's 54 days: the file explains why the model's ETTR misses Meta's "above 90%" by a
// little (the catalog's 15-minute downtime estimate); this keeps that explanation true.
TEST(ReliabilityExamples, Llama3SnapshotIsJustUnderNinetyPercent) {
  const TrainingOutputs out = evaluate_training(example("llama3_405b_reliability.yaml").inputs);
  EXPECT_GT(out.ettr, 0.88);
  EXPECT_LT(out.ettr, 0.90);
}

TEST(ReliabilityScenario, MonteCarloNeedsReliabilityOn) {
  const Scenario s = load(kRun);
  try {
    sample_run_reliability(s, 10, 0, 1);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("training.reliability.enabled"));
  }
}

TEST(ReliabilityScenario, AsyncStallOnlyWithAsync) {
  try {
    load(kReliableRun, {"training.reliability.async_stall=5 s"});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("only with async: true"));
  }
  const Scenario async = load(
      kReliableRun, {"training.reliability.async=true", "training.reliability.async_stall=5 s"});
  EXPECT_EQ(async.inputs.checkpoint_async, 1);
  EXPECT_EQ(async.inputs.checkpoint_async_stall_s, 5);
}

}  // namespace
}  // namespace llmb
