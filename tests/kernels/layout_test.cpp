#include "kernels/layout.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/layout/layout_search.h"

namespace llmb {
namespace {

// s = 4, b = 2, h = 8, a = 2: s b h = 64 and 5 a s / h = 5.
Architecture tiny_arch() {
  Architecture a;
  a.layers = 4;
  a.hidden = 8;
  a.heads = 2;
  a.kv_heads = 2;
  a.ffn = 32;
  a.vocab = 16;
  a.seq_len = 4;
  return a;
}

Layout tiny_layout(double tp, double sp, double recompute) {
  Layout l;
  l.tp = tp;
  l.micro_batch = 2;
  l.sequence_parallel = sp;
  l.recompute = recompute;
  return l;
}

// A GPT-style model, ffn = 4h, on an A100-like node: 312 TFLOP/s, 80 GB, 2039 GB/s, NVLink
// 300 GB/s per direction, 25 GB/s of network per GPU.
Architecture gpt_arch(double layers, double hidden, double heads) {
  Architecture a;
  a.layers = layers;
  a.hidden = hidden;
  a.heads = heads;
  a.kv_heads = heads;
  a.ffn = 4 * hidden;
  a.vocab = 51200;
  a.seq_len = 2048;
  return a;
}

ClusterSpec a100_cluster(double gpus) {
  ClusterSpec c;
  c.gpu_count = gpus;
  c.peak_flop_per_s = 312e12;
  c.hbm_bytes = 80e9;
  c.hbm_bytes_per_s = 2039e9;
  c.gpus_per_node = 8;
  c.nvlink_bytes_per_s = 300e9;
  c.network_bytes_per_s = 25e9;
  c.network_latency_s = 5e-6;
  return c;
}

TEST(LayerActivationBytes, WithoutParallelismIsSbhTimes34PlusFiveAsOverH) {
  // 64 x (34 + 5) = 2496 (Korthikanti et al. 2022, eq. 1).
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(1, 0, kRecomputeNone)), 2496);
}

TEST(LayerActivationBytes, TensorParallelAloneLeavesTenSbhUnsplit) {
  // 64 x (10 + 24/2 + 5/2) = 1568 (Korthikanti et al. 2022, eq. 2).
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(2, 0, kRecomputeNone)), 1568);
}

TEST(LayerActivationBytes, SequenceParallelSplitsEverythingByT) {
  // 64 / 2 x 39 = 1248 (eq. 4).
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(2, 1, kRecomputeNone)), 1248);
}

TEST(LayerActivationBytes, SelectiveRecomputeDropsTheAttentionTerm) {
  // 64 / 2 x 34 = 1088 (eq. 6).
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(2, 1, kRecomputeSelective)),
                   1088);
}

TEST(LayerActivationBytes, FullRecomputeKeepsOnlyTheTwoByteLayerInput) {
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(2, 0, kRecomputeFull)), 128);
  EXPECT_DOUBLE_EQ(layer_activation_bytes(tiny_arch(), tiny_layout(2, 1, kRecomputeFull)), 64);
}

TEST(RingAllreduce, SendsTwiceNMinusOneOverNOfTheBuffer) {
  // 2 x 3/4 x 1 GB at 1 GB/s = 1.5 s, plus 6 steps of 1 ms latency.
  EXPECT_DOUBLE_EQ(ring_allreduce_seconds(1e9, 4, 1e9, 0.0), 1.5);
  EXPECT_DOUBLE_EQ(ring_allreduce_seconds(1e9, 4, 1e9, 1e-3), 1.506);
  EXPECT_DOUBLE_EQ(ring_allreduce_seconds(1e9, 1, 1e9, 1e-3), 0.0);
}

TEST(GemmSeconds, IsFlopAtPeakFractionPlusOperandBytesAtHbmBandwidth) {
  ClusterSpec c;
  c.peak_flop_per_s = 1e12;
  c.hbm_bytes_per_s = 1e12;
  // 2 x 1000^3 FLOP at 0.8 TFLOP/s = 2.5 ms; 3 x 10^6 two-byte values at 1 TB/s = 6 us.
  EXPECT_NEAR(gemm_seconds(1000, 1000, 1000, 2, c), 2.5e-3 + 6e-6, 1e-12);
}

TEST(EvaluateLayout, ModelFlopIsNarayananEquationThreeWithoutRecompute) {
  // 72 B s l h^2 (1 + s/6h + V/12lh) (Narayanan et al. 2021, eq. 3 with the factor 96 -> 72).
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 512;
  l.recompute = kRecomputeFull;
  const LayoutResult r = evaluate_layout(a, l, a100_cluster(32));
  const double B = 512, s = 2048, L = 24, h = 2304, V = 51200;
  const double expected = 72 * B * s * L * h * h * (1 + s / (6 * h) + V / (12 * L * h));
  EXPECT_NEAR(r.model_flop_per_step, expected, 1e-9 * expected);
  // With full recomputation the layers run four passes, the logits three (eq. 3's 96 and 16).
  const double hardware = 96 * B * s * L * h * h * (1 + s / (6 * h) + V / (16 * L * h));
  EXPECT_NEAR(r.hardware_flop_per_step, hardware, 1e-9 * hardware);
  EXPECT_NEAR(r.hfu / r.mfu, hardware / expected, 1e-12);
}

TEST(EvaluateLayout, MixedPrecisionAdamHoldsSixteenBytesPerParameter) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 512;
  const LayoutResult r = evaluate_layout(a, l, a100_cluster(32));
  const double params = stage_params(a, l);
  EXPECT_DOUBLE_EQ(r.weights_bytes + r.grads_bytes + r.optimizer_bytes, 16 * params);
}

TEST(EvaluateLayout, ZeroStagesDivideOptimizerThenGradientsThenWeightsByDp) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 512;
  const ClusterSpec c = a100_cluster(32);
  const double params = stage_params(a, l);
  l.zero = 1;
  LayoutResult r = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(r.optimizer_bytes, 12 * params / 32);
  EXPECT_DOUBLE_EQ(r.grads_bytes, 2 * params);
  l.zero = 2;
  r = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(r.grads_bytes, 2 * params / 32);
  EXPECT_DOUBLE_EQ(r.weights_bytes, 2 * params);
  l.zero = 3;
  r = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(r.weights_bytes, 2 * params / 32);
}

TEST(EvaluateLayout, ZeroThreeMovesOneAndAHalfTimesTheGradientAllReduce) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 32;  // one micro-batch per step
  const ClusterSpec c = a100_cluster(32);
  l.zero = 2;
  const double two = evaluate_layout(a, l, c).dp_comm_s;
  l.zero = 3;
  EXPECT_NEAR(evaluate_layout(a, l, c).dp_comm_s, 1.5 * two, 1e-12);
  EXPECT_GT(two, 0);
}

TEST(EvaluateLayout, ZeroThreeGathersTheWeightsTwiceForEveryMicroBatch) {
  // 16 micro-batches: 32 all-gathers (half an all-reduce each) and one reduce-scatter.
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 512;
  const ClusterSpec c = a100_cluster(32);
  l.zero = 2;
  const double two = evaluate_layout(a, l, c).dp_comm_s;
  l.zero = 3;
  EXPECT_NEAR(evaluate_layout(a, l, c).dp_comm_s, 33.0 / 2.0 * two, 1e-9 * two);
}

TEST(EvaluateLayout, FirstStageHoldsPMicroBatchesOfItsLayers) {
  // p = 4 stages of 6 layers, 4 micro-batches in flight: 24 layer-activations in all, plus
  // the embedding output, s b h per micro-batch in flight.
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.pp = 4;
  l.global_batch = 512;
  l.recompute = kRecomputeSelective;
  const LayoutResult r = evaluate_layout(a, l, a100_cluster(32));
  const double per_layer = 34 * 2048 * 2304;
  EXPECT_DOUBLE_EQ(r.activations_bytes, 24 * per_layer + 4 * 2048 * 2304);
}

TEST(EvaluateLayout, BubbleIsPMinusOneOverMVOfTheBusyTime) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.pp = 4;
  l.global_batch = 64;  // d = 8, m = 8
  for (double v : {1.0, 3.0}) {
    l.interleave = v;
    const LayoutResult r = evaluate_layout(a, l, a100_cluster(32));
    ASSERT_EQ(r.valid, 1);
    EXPECT_EQ(r.micro_batches, 8);
    EXPECT_NEAR(r.bubble_s / (r.compute_s + r.tp_comm_s + r.pp_comm_s), 3.0 / (8.0 * v), 1e-12);
  }
}

TEST(EvaluateLayout, NoTensorOrDataCommunicationOnOneGpu) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.global_batch = 8;
  const LayoutResult r = evaluate_layout(a, l, a100_cluster(1));
  EXPECT_EQ(r.tp_comm_s, 0);
  EXPECT_EQ(r.pp_comm_s, 0);
  EXPECT_EQ(r.dp_comm_s, 0);
  EXPECT_EQ(r.bubble_s, 0);
}

TEST(EvaluateLayout, TensorParallelCommunicationIsSixRingAllReducesPerLayerWithFullRecompute) {
  const Architecture a = gpt_arch(24, 2304, 24);
  Layout l;
  l.tp = 8;
  l.global_batch = 4;  // d = 4, m = 1
  l.recompute = kRecomputeFull;
  const ClusterSpec c = a100_cluster(32);
  const LayoutResult r = evaluate_layout(a, l, c);
  const double one =
      ring_allreduce_seconds(2048 * 2304 * 2.0, 8, 300e9 * kNvlinkCollectiveFraction, 0.0);
  EXPECT_NEAR(r.tp_comm_s, 24 * 6 * one, 1e-15);
}

TEST(EvaluateLayout, RejectsLayoutsThatDoNotDivide) {
  const Architecture a = gpt_arch(24, 2304, 24);
  const ClusterSpec c = a100_cluster(32);
  Layout l;
  l.global_batch = 512;
  l.tp = 16;  // more than a node
  EXPECT_EQ(evaluate_layout(a, l, c).valid, 0);
  l.tp = 5;  // does not divide 24 heads
  EXPECT_EQ(evaluate_layout(a, l, c).valid, 0);
  l.tp = 1;
  l.pp = 25;  // more stages than the 24 layers
  EXPECT_EQ(evaluate_layout(a, l, c).valid, 0);
  l.pp = 1;
  l.global_batch = 48;  // not a multiple of b d = 32
  EXPECT_EQ(evaluate_layout(a, l, c).valid, 0);
}

TEST(EvaluateLayout, StepTimeIsTheSumOfItsTerms) {
  const Architecture a = gpt_arch(48, 8192, 64);
  Layout l;
  l.tp = 8;
  l.pp = 2;
  l.global_batch = 1536;
  l.recompute = kRecomputeFull;
  const LayoutResult r = evaluate_layout(a, l, a100_cluster(512));
  EXPECT_NEAR(r.step_time_s,
              r.compute_s + r.tp_comm_s + r.pp_comm_s + r.bubble_s + r.dp_comm_s + r.optimizer_s,
              1e-12 * r.step_time_s);
  EXPECT_NEAR(r.tokens_per_s, 1536 * 2048 / r.step_time_s, 1e-9 * r.tokens_per_s);
}

TEST(SearchLayouts, RanksFittingLayoutsFastestFirstAndFindsTheBruteForceBest) {
  const Architecture a = gpt_arch(8, 1024, 16);
  const ClusterSpec c = a100_cluster(16);
  LayoutSearchOptions options;
  options.global_batch = 64;
  const LayoutSearch search = search_layouts(a, c, options, 5);
  ASSERT_EQ(search.best.size(), 5u);
  EXPECT_GT(search.evaluated, 100u);
  for (std::size_t i = 1; i < search.best.size(); ++i)
    EXPECT_LE(search.best[i - 1].result.step_time_s, search.best[i].result.step_time_s);
  for (const auto& x : search.best) EXPECT_EQ(x.result.fits, 1);
  // Brute force over the same axes.
  double best = 1e300;
  for (double tp : {1, 2, 4, 8})
    for (double pp : {1, 2, 4, 8})
      for (double v : {1, 2, 4, 8})
        for (double b : {1, 2, 4, 8})
          for (double sp : {0, 1})
            for (double zero : {0, 1, 2, 3})
              for (double rc : {kRecomputeNone, kRecomputeSelective, kRecomputeFull}) {
                Layout l;
                l.tp = tp, l.pp = pp, l.interleave = v, l.micro_batch = b;
                l.global_batch = 64, l.sequence_parallel = sp, l.zero = zero, l.recompute = rc;
                const LayoutResult r = evaluate_layout(a, l, c);
                if (r.valid > 0 && r.fits > 0) best = std::min(best, r.step_time_s);
              }
  EXPECT_DOUBLE_EQ(search.best.front().result.step_time_s, best);
}

TEST(SearchLayouts, PinnedAxesAreRespected) {
  const Architecture a = gpt_arch(8, 1024, 16);
  LayoutSearchOptions options;
  options.global_batch = 64;
  options.fixed_tp = 2;
  options.fixed_recompute = kRecomputeFull;
  const LayoutSearch search = search_layouts(a, a100_cluster(16), options, 1000);
  ASSERT_FALSE(search.best.empty());
  for (const auto& x : search.best) {
    EXPECT_EQ(x.layout.tp, 2);
    EXPECT_EQ(x.layout.recompute, kRecomputeFull);
  }
}

TEST(SearchLayouts, DropsLayoutsThatDoNotFit) {
  // 175B parameters x 16 bytes on 8 GPUs of 80 GB cannot fit without ZeRO-3 over more GPUs.
  const Architecture a = gpt_arch(96, 12288, 96);
  LayoutSearchOptions options;
  options.global_batch = 8;
  const LayoutSearch search = search_layouts(a, a100_cluster(8), options, 10);
  EXPECT_GT(search.evaluated, 0u);
  EXPECT_EQ(search.fitting, 0u);
  EXPECT_TRUE(search.best.empty());
}

}  // namespace
}  // namespace llmb
