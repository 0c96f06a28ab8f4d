// training.mfu: derive and training.layout: best: the run's utilisation from the layout model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kernels/layout.h"
#include "sim/layout/layout_search.h"
#include "sim/scenario/load_scenario.h"

namespace llmb {
namespace {

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(std::string(LLMB_SOURCE_DIR) + "/scenarios/catalog");
  return loaded;
}

// Megatron-LM's 145.6B row (Narayanan et al. 2021, Table 1): 1,536 A100, tensor 8, pipeline 8.
const std::string kMegatron145 =
    "model:\n  architecture: {layers: 80, hidden: 12288, heads: 96, vocab: 51200, seq_len: 2048}\n"
    "data:\n  tokens: 300B\nhardware:\n  gpu: A100-80GB\n  count: 1536\n"
    "training:\n  recompute: full\n  mfu: derive\n";
// As that code ran in 2021: no communication overlapped, unfused attention.
const std::string kAs2021 = "  overlap: {dp: 0, tp: 0, pp: 0}\n  flash_attention: false\n";

Scenario load(const std::string& text) {
  return load_scenario(Document::parse(text, "s.yaml"), catalog());
}

TEST(DeriveUtilization, MfuIsTheLayoutModelsMfu) {
  const Scenario s = load(kMegatron145 + kAs2021 +
                          "  layout: {tp: 8, pp: 8, micro_batch: 1, global_batch: 2304}\n");
  ASSERT_TRUE(s.layout_result);
  const ClusterSpec cluster = cluster_from_gpu(catalog().gpus.at("A100-80GB"), 312e12, 1536);
  const LayoutResult direct = evaluate_layout(*s.architecture, *s.layout, cluster);
  EXPECT_EQ(s.inputs.mfu, direct.mfu);
  EXPECT_EQ(s.basis, "derived");
  // The run's hardware FLOP utilisation is within 10% of the published 148 TFLOP/s of 312.
  const TrainingOutputs out = evaluate_training(s.inputs);
  EXPECT_NEAR(out.hfu, 148.0 / 312.0, 0.10 * 148.0 / 312.0);
}

// The network between servers comes from the catalog, per system: one 200 Gb/s HDR adapter
// per A100 in a DGX A100, one 400 Gb/s ConnectX-7 per H100 or H200 in a DGX H100/H200, none
// listed for H800; the scenario's figures override the catalog's.
TEST(DeriveUtilization, ClusterNetworkComesFromTheCatalogOrTheScenario) {
  const auto network = [](const char* gpu) {
    return cluster_from_gpu(catalog().gpus.at(gpu), 1e15, 64).network_bytes_per_s;
  };
  EXPECT_EQ(network("A100-80GB"), 200e9 / 8);
  EXPECT_EQ(network("H100-SXM"), 400e9 / 8);
  EXPECT_EQ(network("H200"), 400e9 / 8);
  EXPECT_EQ(network("H800"), 0);
  const ClusterSpec h800 = cluster_from_gpu(catalog().gpus.at("H800"), 1e15, 64);
  EXPECT_THAT(missing_cluster_figure(h800, "H800"),
              ::testing::HasSubstr("set hardware.network_bandwidth"));
  const ClusterSpec one_server = cluster_from_gpu(catalog().gpus.at("H800"), 1e15, 8);
  EXPECT_EQ(missing_cluster_figure(one_server, "H800"), "");

  std::string h800_scenario = kMegatron145;
  h800_scenario.replace(h800_scenario.find("A100-80GB"), 9, "H800");
  const std::string layout = "  layout: {tp: 8, pp: 8, micro_batch: 1, global_batch: 2304}\n";
  EXPECT_THROW(load(h800_scenario + layout), InputError);
  std::string with_network = h800_scenario;
  with_network.replace(with_network.find("gpu: H800"), 9,
                       "gpu: H800\n  network_bandwidth: 50 GB/s");
  const Scenario given = load(with_network + layout);
  EXPECT_EQ(given.hardware.network_bandwidth->value, 50e9);
}

TEST(DeriveUtilization, BestLayoutIsAFittingLayoutAtLeastAsFastAsAGivenOne) {
  const Scenario given =
      load(kMegatron145 + "  layout: {tp: 8, pp: 8, micro_batch: 1, global_batch: 2304}\n");
  const Scenario best = load(kMegatron145 + "  layout: best\n  global_batch: 2304\n");
  ASSERT_TRUE(best.layout_result);
  EXPECT_GT(best.layout_result->fits, 0);
  EXPECT_EQ(best.layout->recompute, kRecomputeFull);  // pinned by training.recompute
  EXPECT_LE(best.layout_result->step_time_s, given.layout_result->step_time_s);
  EXPECT_GE(best.inputs.mfu, given.inputs.mfu);
}

TEST(DeriveUtilization, DeriveWithoutALayoutNamesTheKey) {
  try {
    load(kMegatron145);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "s.yaml:10:8: training.mfu: mfu: derive needs training.layout (a mapping, or best) "
              "(got derive)");
  }
}

TEST(DeriveUtilization, BestWithoutAGlobalBatchIsAnError) {
  EXPECT_THROW(load(kMegatron145 + "  layout: best\n"), InputError);
}

std::string layout_error(const std::string& layout) {
  try {
    load(kMegatron145 + "  layout: " + layout + "\n");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(LayoutInput, EachDivisibilityRuleNamesItsKeyAndValue) {
  EXPECT_EQ(layout_error("{tp: 5, pp: 8, global_batch: 2304}"),
            "s.yaml:11:16: training.layout.tp: must divide the attention heads (96) (got 5)");
  EXPECT_EQ(layout_error("{tp: 8, pp: 81, global_batch: 2304}"),
            "s.yaml:11:23: training.layout.pp: must not exceed the layers (80) (got 81)");
  EXPECT_EQ(layout_error("{tp: 16, pp: 4, global_batch: 2304}"),
            "s.yaml:11:16: training.layout.tp: tensor parallelism beyond a server (8 GPUs) is not "
            "modelled (got 16)");
  EXPECT_EQ(layout_error("{tp: 8, pp: 8, global_batch: 2305}"),
            "s.yaml:11:40: training.layout.global_batch: must be a multiple of micro_batch x "
            "data-parallel size "
            "(1 x 24) (got 2305)");
  EXPECT_EQ(layout_error("{tp: 8, pp: 5, interleave: 3, global_batch: 2304}"),
            "s.yaml:11:38: training.layout.interleave: pp x interleave must divide the layers (80) "
            "(got 3)");
}

TEST(LayoutInput, GpuCountMustBeAMultipleOfTpTimesPp) {
  const std::string text =
      "model:\n  architecture: {layers: 80, hidden: 12288, heads: 96, vocab: 51200, seq_len: "
      "2048}\n"
      "data:\n  tokens: 300B\nhardware:\n  gpu: A100-80GB\n  count: 1000\n"
      "training:\n  layout: {tp: 8, pp: 8, global_batch: 2304}\n";
  try {
    load(text);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "s.yaml:9:23: training.layout.pp: tp x pp (64) must divide hardware.count (1000) (got 8)");
  }
}

}  // namespace
}  // namespace llmb
