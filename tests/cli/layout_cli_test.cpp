// `llmbudget layout` end to end: the ranked table, JSON, pinned axes and the input errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace llmb::cli_test {
namespace {

using ::testing::HasSubstr;

TEST_F(Cli, LayoutOfTheBundledExampleRanksTheTopLayouts) {
  const Result r = run(
      {"layout", "scenarios/examples/gpt3_on_a100.yaml", "--global-batch", "1536", "--top", "3"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("valid layouts"));
  EXPECT_THAT(r.out, HasSubstr("recompute"));
  // A header line, a column line, three layouts, and the fastest one's breakdown: a title,
  // the step's parts, the hidden communication and the memory.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 9) << r.out;
  EXPECT_THAT(r.out, HasSubstr("fastest:\n  step "));
}

TEST_F(Cli, LayoutJsonIsSortedByStepTimeAndHonoursPinnedAxes) {
  const Result r = run({"layout", "scenarios/examples/gpt3_on_a100.yaml", "--global-batch", "1536",
                        "--top", "4", "--tp", "8", "--recompute", "full", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["layouts"].size(), 4u);
  double previous = 0;
  for (const auto& layout : j["layouts"]) {
    EXPECT_EQ(layout["tp"].get<double>(), 8);
    EXPECT_EQ(layout["recompute"].get<std::string>(), "full");
    EXPECT_GE(layout["step_time_s"].get<double>(), previous);
    previous = layout["step_time_s"].get<double>();
    EXPECT_LE(layout["memory"]["total_bytes"].get<double>(), j["hbm_bytes"].get<double>());
  }
}

TEST_F(Cli, LayoutOfAScenarioWithoutArchitectureExitsTwo) {
  const Result r = run({"layout", "scenarios/claims/gpt3_flops.yaml", "--global-batch", "1536"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("model.architecture"));
  expect_one_located_line(r.err);
}

// The search runs on the scenario's hardware, overrides included: half the memory per GPU
// leaves fewer layouts that fit, and the JSON says 40 GB.
TEST_F(Cli, LayoutUsesTheScenariosHardwareOverrides) {
  auto fitting = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{"layout",         "scenarios/examples/gpt3_on_a100.yaml",
                                  "--global-batch", "1536",
                                  "--format",       "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, kExitOk) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    return std::pair{j["hbm_bytes"].get<double>(), j["fitting"].get<double>()};
  };
  const auto [catalog_hbm, catalog_fitting] = fitting({});
  const auto [smaller_hbm, smaller_fitting] = fitting({"--set", "hardware.memory=40GB"});
  EXPECT_EQ(catalog_hbm, 80e9);
  EXPECT_EQ(smaller_hbm, 40e9);
  EXPECT_LT(smaller_fitting, catalog_fitting);
}

// Beyond one server the network between servers is needed: the catalog lists it for DGX
// A100/H100/H200 systems, not for H800; a scenario may give it.
TEST_F(Cli, LayoutAcrossServersWithoutANetworkFigureExitsTwo) {
  const Result r = run({"layout", "scenarios/examples/gpt3_on_a100.yaml", "--global-batch", "1536",
                        "--set", "hardware.gpu=H800"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("hardware.gpu: "));
  EXPECT_THAT(r.err, HasSubstr("set hardware.network_bandwidth"));
  const Result given =
      run({"layout", "scenarios/examples/gpt3_on_a100.yaml", "--global-batch", "1536", "--set",
           "hardware.gpu=H800", "--set", "hardware.network_bandwidth=50 GB/s"});
  EXPECT_EQ(given.exit_code, kExitOk) << given.err;
}

TEST_F(Cli, LayoutNeedsTheGlobalBatch) {
  const Result r = run({"layout", "scenarios/examples/gpt3_on_a100.yaml"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("--global-batch"));
  expect_one_located_line(r.err);
}

TEST_F(Cli, LayoutEvaluatesTheScenarioTrainingLayoutFirst) {
  const fs::path file = work("megatron_145b.yaml");
  std::ofstream(file) << R"(name: Megatron 145.6B, Narayanan et al. 2021 Table 1
model:
  architecture: {layers: 80, hidden: 12288, heads: 96, vocab: 51200, seq_len: 2048}
data:
  tokens: 300B
hardware:
  gpu: A100-80GB
  count: 1536
training:
  recompute: full
  layout: {tp: 8, pp: 8, global_batch: 2304}
  overlap: {dp: 0, tp: 0, pp: 0}  # as Megatron-LM ran in 2021
  flash_attention: false
)";
  const Result r = run({"layout", file.string(), "--top", "1", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& given = j["scenario_layout"];
  EXPECT_TRUE(given["fits"].get<bool>());
  EXPECT_EQ(given["dp"].get<double>(), 24);
  // Published: 148 TFLOP/s per GPU with recomputation; the model is within 10%.
  EXPECT_NEAR(given["hardware_flop_per_s_per_gpu"].get<double>(), 148e12, 0.10 * 148e12);
}

TEST_F(Cli, UnknownKeyInTrainingLayoutIsReportedAtItsLine) {
  const fs::path file = work("bad_layout.yaml");
  std::ofstream(file) << R"(name: bad
model:
  architecture: {layers: 24, hidden: 2304, heads: 24, vocab: 51200, seq_len: 2048}
data:
  tokens: 30B
hardware:
  gpu: A100-80GB
  count: 32
training:
  layout:
    global_batch: 512
    tensor_parallel: 2
)";
  const Result r = run({"layout", file.string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("training.layout.tensor_parallel"));
  expect_one_located_line(r.err);
}

TEST_F(Cli, LayoutOfAMixtureOfExpertsShowsExpertParallelismAndTheBreakdown) {
  const Result r =
      run({"layout", "scenarios/claims/deepseek_v3_layout.yaml", "--top", "1", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& given = j["scenario_layout"];
  EXPECT_EQ(given["ep"].get<double>(), 64);
  EXPECT_EQ(given["stage_layers"].get<double>(), 4);  // 61 layers on 16 stages
  EXPECT_TRUE(given["fp8"].get<bool>());
  EXPECT_GT(given["time"]["ep_comm_s"].get<double>(), 0);
  EXPECT_GT(given["time"]["hidden"]["ep_comm_s"].get<double>(), 0);
  const Result table = run({"layout", "scenarios/claims/deepseek_v3_layout.yaml", "--top", "1"});
  EXPECT_THAT(table.out, HasSubstr("expert all-to-all"));
  EXPECT_THAT(table.out, HasSubstr("memory per GPU"));
}

// GPT-3 175B with its batch of 1,536 on 10,000 A100: no tp x pp x dp = 10,000 has dp dividing
// 1,536 with pp at most 96 (10,000 = 2^4 5^4); 9,992 = 8 x 1,249 neither; 9,984 = 8 x 78 x 16
// does (78 uneven stages of 96 layers), leaving 16 GPUs idle.
TEST_F(Cli, BestLayoutOnAnAwkwardGpuCountLeavesAFewIdleAndSaysHowMany) {
  const fs::path file = work("gpt3_10000.yaml");
  std::ofstream(file) << R"(name: GPT-3 on 10,000 A100
model:
  architecture: {layers: 96, hidden: 12288, heads: 96, vocab: 50257, seq_len: 2048}
data:
  tokens: 300B
hardware:
  gpu: A100-80GB
  count: 10000
training:
  mfu: derive
  layout: best
  global_batch: 1536
)";
  const Result r = run({"run", file.string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["layout"]["gpus_used"].get<double>(), 9984);
  EXPECT_EQ(j["layout"]["idle_gpus"].get<double>(), 16);
  EXPECT_NEAR(j["mfu"].get<double>(), j["layout"]["mfu"].get<double>() * 9984 / 10000, 1e-12);
  const Result table = run({"run", file.string()});
  EXPECT_THAT(table.out, HasSubstr("16 left idle"));
}

TEST_F(Cli, BestLayoutWhenNothingFitsNamesTheRuleAndTheLeastMemory) {
  const fs::path file = work("too_big.yaml");
  std::ofstream(file) << R"(name: GPT-3 on 8 A100
model:
  architecture: {layers: 96, hidden: 12288, heads: 96, vocab: 50257, seq_len: 2048}
data:
  tokens: 300B
hardware:
  gpu: A100-80GB
  count: 8
training:
  layout: best
  global_batch: 8
)";
  const Result r = run({"run", file.string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("training.layout: no layout on 8 GPUs fits in memory"));
  EXPECT_THAT(r.err, HasSubstr("GB per GPU at least"));
}

// Llama 3 405B's split (Dubey et al. 2024, section 3.3.2): 126 layers on 16 stages, one fewer
// on the first and the last for the embedding and the output layer.
TEST_F(Cli, AStatedStageSplitIsAccepted) {
  const fs::path file = work("llama3_405b.yaml");
  std::ofstream(file) << R"(name: Llama 3 405B split
model:
  architecture: {layers: 126, hidden: 16384, heads: 128, kv_heads: 8, ffn: 53248, gated_ffn: true, vocab: 128256, seq_len: 8192, tied_embeddings: false}
data:
  tokens: 15.6T
hardware:
  gpu: H100-SXM
  count: 16384
training:
  layout: {tp: 8, pp: 16, global_batch: 2048, stage_layers: [7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 7]}
)";
  const Result r = run({"layout", file.string(), "--top", "1", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["scenario_layout"]["stage_layers"].get<double>(), 8);
  EXPECT_TRUE(j["scenario_layout"]["valid"].get<bool>());
}

}  // namespace
}  // namespace llmb::cli_test
