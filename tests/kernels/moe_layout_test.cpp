// The layout model's mixture-of-experts, FP8, overlap and uneven-pipeline terms against small
// cases worked by hand (kernels/layout.h).
#include <gtest/gtest.h>

#include "kernels/layout.h"
#include "sim/layout/layout_search.h"

namespace llmb {
namespace {

// 2 expert layers of width 8 (2 heads), 4 plain experts of width 16, top 2, no shared expert,
// a tied 16-token vocabulary, 4-token sequences.
Architecture tiny_moe() {
  Architecture a;
  a.layers = 2;
  a.hidden = 8;
  a.heads = 2;
  a.kv_heads = 2;
  a.ffn = 32;
  a.vocab = 16;
  a.seq_len = 4;
  a.experts = 4;
  a.experts_per_token = 2;
  a.expert_ffn = 16;
  return a;
}

// One GPU per server, so every expert-parallel peer is across the network: 1 GB/s, 1 ms.
ClusterSpec tiny_cluster(double gpus) {
  ClusterSpec c;
  c.gpu_count = gpus;
  c.peak_flop_per_s = 1e12;
  c.hbm_bytes = 1e9;
  c.hbm_bytes_per_s = 1e12;
  c.gpus_per_node = 1;
  c.nvlink_bytes_per_s = 1e9;
  c.network_bytes_per_s = 1e9;
  c.network_latency_s = 1e-3;
  return c;
}

Layout tiny_layout(double ep) {
  Layout l;
  l.ep = ep;
  l.global_batch = 4;  // d = 4, m = 1
  return l;
}

// Per GPU: attention 4 h^2 = 256, norms 4 h = 32 and router h x 4 = 32 in each of 2 layers,
// the embedding 16 x 8 = 128: 768 held by every GPU; 2 layers x 4 experts x 2 h 16 = 2048
// routed-expert weights, split over e GPUs.
TEST(MoeLayout, ExpertStateIsSplitByEpAndZeroOverTheExpertReplicas) {
  const Architecture a = tiny_moe();
  Layout l = tiny_layout(2);
  const StageParams p = stage_param_split(a, l);
  EXPECT_DOUBLE_EQ(p.dense, 768);
  EXPECT_DOUBLE_EQ(p.experts, 1024);
  LayoutResult r = evaluate_layout(a, l, tiny_cluster(4));
  ASSERT_EQ(r.valid, 1);
  EXPECT_DOUBLE_EQ(r.weights_bytes, 2 * (768 + 1024));
  EXPECT_DOUBLE_EQ(r.optimizer_bytes, 12 * (768 + 1024));
  l.zero = 1;  // the dense part over d = 4, the experts over their d / e = 2 replicas
  r = evaluate_layout(a, l, tiny_cluster(4));
  EXPECT_DOUBLE_EQ(r.optimizer_bytes, 12 * (768 / 4.0 + 1024 / 2.0));
  EXPECT_DOUBLE_EQ(r.grads_bytes, 2 * (768 + 1024));
}

TEST(MoeLayout, ModelFlopsCountTheTopKExpertsAndTheRouterOnly) {
  const Architecture a = tiny_moe();
  const LayoutResult r = evaluate_layout(a, tiny_layout(2), tiny_cluster(4));
  const double tokens = 4 * 4;                                           // B s
  const double per_token = 2 * (256 + 32 + 2 * 2 * 8 * 16) + 4 * 4 * 8;  // weights + attention
  const double logits = 2 * tokens * 16 * 8;
  EXPECT_DOUBLE_EQ(r.model_flop_per_step, 3 * (2 * tokens * per_token + logits));
}

TEST(MoeLayout, AllToAllIsDispatchAndCombineBothWaysOverTheNetwork) {
  const Architecture a = tiny_moe();
  const Layout l = tiny_layout(2);
  const ClusterSpec c = tiny_cluster(4);
  // b s k h x imbalance = 4 x 2 x 8 x 1.25 = 80 values of 2 bytes; half go to the other rank
  // at 1 GB/s, plus 1 ms: 80 ns + 1 ms, four times (dispatch, combine, and their gradients).
  const double one = 160 * 0.5 / 1e9 + 1e-3;
  EXPECT_DOUBLE_EQ(moe_all_to_all_seconds(a, l, c), 4 * one);
  const LayoutResult r = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(r.ep_comm_s, 2 * 4 * one);  // 2 expert layers, 1 micro-batch
  EXPECT_DOUBLE_EQ(moe_all_to_all_seconds(a, tiny_layout(1), c), 0);
}

TEST(MoeLayout, AllToAllWithinAServerGoesOverNvlink) {
  const Architecture a = tiny_moe();
  ClusterSpec c = tiny_cluster(4);
  c.gpus_per_node = 4;
  c.nvlink_bytes_per_s = 2e9;
  // Half of the 160 bytes to the other rank of the node, at the collective fraction of NVLink.
  EXPECT_DOUBLE_EQ(all_to_all_seconds(160, tiny_layout(2), c),
                   80 / (2e9 * kNvlinkCollectiveFraction));
}

TEST(MoeLayout, FullOverlapHidesTheAllToAllUpToTheComputeItOverlaps) {
  const Architecture a = tiny_moe();
  Layout l = tiny_layout(2);
  const ClusterSpec c = tiny_cluster(4);
  const LayoutResult none = evaluate_layout(a, l, c);
  l.ep_overlap = 1;
  const LayoutResult full = evaluate_layout(a, l, c);
  // The all-to-all (8 ms) is far longer than this tiny model's compute: only compute_s hides.
  EXPECT_DOUBLE_EQ(full.ep_comm_hidden_s, full.compute_s);
  EXPECT_NEAR(full.ep_comm_s + full.ep_comm_hidden_s, none.ep_comm_s, 1e-15);
  EXPECT_LT(full.step_time_s, none.step_time_s);
}

TEST(MoeLayout, EpMustDivideTheExpertsAndTheDataParallelGroup) {
  const Architecture a = tiny_moe();
  EXPECT_EQ(evaluate_layout(a, tiny_layout(3), tiny_cluster(6)).valid, 0);  // 4 experts
  EXPECT_EQ(evaluate_layout(a, tiny_layout(4), tiny_cluster(2)).valid, 0);  // d = 2
  Architecture dense = a;
  dense.experts = 0;
  EXPECT_EQ(evaluate_layout(dense, tiny_layout(2), tiny_cluster(4)).valid, 0);
}

TEST(MoeLayout, MoreExpertParallelismCutsTheBusiestGpusExpertTime) {
  // Each GPU runs experts / e experts over k b s x imbalance routed tokens: with e = 4 one
  // expert of 10 tokens instead of two of 5, so the same FLOPs and half the weights read.
  const Architecture a = tiny_moe();
  const ClusterSpec c = tiny_cluster(4);
  EXPECT_LT(moe_layer_forward_seconds(a, tiny_layout(4), c),
            moe_layer_forward_seconds(a, tiny_layout(2), c));
}

// The search on a small MoE, worked by hand: tp, pp, ZeRO, recompute and b pinned, memory is
// 16 bytes x (768 + 2048 / e) + activations, and the GPU is given just enough for e = 4.
TEST(MoeLayoutSearch, PicksTheOnlyExpertParallelSizeThatFits) {
  const Architecture a = tiny_moe();
  ClusterSpec c = tiny_cluster(4);
  LayoutSearchOptions options;
  options.global_batch = 4;
  options.fixed_tp = 1;
  options.fixed_pp = 1;
  options.fixed_zero = 0;
  options.fixed_recompute = kRecomputeNone;
  options.fixed_micro_batch = 1;
  const double act = evaluate_layout(a, tiny_layout(4), c).activations_bytes;
  c.hbm_bytes = 16 * (768 + 2048 / 4.0) + act;
  const LayoutSearch search = search_layouts(a, c, options, 10);
  EXPECT_EQ(search.evaluated, 3u);  // e = 1, 2, 4
  ASSERT_EQ(search.fitting, 1u);
  EXPECT_EQ(search.best.front().layout.ep, 4);
}

TEST(Fp8Layout, LinearLayersAtTheFp8PeakHoldAnFp8WeightCopy) {
  Architecture a = tiny_moe();
  a.experts = 0;
  a.hidden = 4096;
  a.heads = 32;
  a.kv_heads = 32;
  a.ffn = 16384;
  a.seq_len = 4096;
  ClusterSpec c = tiny_cluster(1);
  c.hbm_bytes = 1e12;
  c.hbm_bytes_per_s = 3.35e12;
  c.peak_flop_per_s = 1979e12;      // FP8
  c.bf16_peak_flop_per_s = 989e12;  // attention's core and the logits
  Layout l;
  l.global_batch = 1;
  const LayoutResult bf16 = [&] {
    ClusterSpec sixteen = c;
    sixteen.peak_flop_per_s = 989e12;
    sixteen.bf16_peak_flop_per_s = 0;
    return evaluate_layout(a, l, sixteen);
  }();
  l.fp8 = 1;
  const LayoutResult fp8 = evaluate_layout(a, l, c);
  EXPECT_LT(fp8.step_time_s, bf16.step_time_s);
  EXPECT_GT(fp8.step_time_s, bf16.step_time_s / 2);  // attention and the casts stay
  EXPECT_DOUBLE_EQ(fp8.weights_bytes, bf16.weights_bytes * 3.0 / 2.0);
  // One FP8 GEMM of 4096^3: FLOPs at 0.78 of the peak; 1-byte operands, a 2-byte output and
  // the 3-byte cast of the input.
  const double n = 4096;
  EXPECT_DOUBLE_EQ(gemm_fp8_seconds(n, n, n, c),
                   2 * n * n * n / (1979e12 * kFp8GemmPeakFraction) +
                       (n * n + n * n + 2 * n * n + 3 * n * n) / 3.35e12);
}

TEST(UnevenPipeline, TheBusiestStageHoldsTheCeilingOfLayersOverStages) {
  Architecture a = tiny_moe();
  a.experts = 0;
  a.layers = 5;
  Layout l;
  l.pp = 2;
  l.global_batch = 8;
  const ClusterSpec c = tiny_cluster(4);
  const LayoutResult r = evaluate_layout(a, l, c);
  ASSERT_EQ(r.valid, 1);
  EXPECT_EQ(r.stage_layers, 3);
  Architecture six = a;
  six.layers = 6;  // 3 + 3: the same busiest stage, so the same step
  EXPECT_DOUBLE_EQ(evaluate_layout(six, l, c).step_time_s, r.step_time_s);
  l.interleave = 2;  // interleaving needs layers divisible by pp x v
  EXPECT_EQ(evaluate_layout(a, l, c).valid, 0);
}

TEST(UnevenPipeline, AStatedSplitSetsTheBusiestStageAndTheHeaviestActivations) {
  // 5 layers on 2 stages, 4 micro-batches: [2, 3] puts 3 on the busiest stage (the time) and
  // stores max(2 x 2, 3 x 1) = 4 layer-micro-batches, as 2 layers on a stage holding 2;
  // [3, 2] stores 3 x 2 = 6, as 3 layers.
  Architecture a = tiny_moe();
  a.experts = 0;
  a.layers = 5;
  Layout l;
  l.pp = 2;
  l.global_batch = 8;  // d = 2, m = 4
  const ClusterSpec c = tiny_cluster(4);
  const LayoutResult even = evaluate_layout(a, l, c);  // ceil: 3 layers, memory as 3
  l.stage_layers_max = 3;
  l.stage_memory_layers = 2;
  const LayoutResult light_first = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(light_first.step_time_s, even.step_time_s);
  const double per_layer = layer_activation_bytes(a, l) * 2;  // 2 micro-batches in flight
  EXPECT_NEAR(even.activations_bytes - light_first.activations_bytes, per_layer, 1e-9);
}

TEST(DataParallelOverlap, HidesAtMostTheLastMicroBatchsBackward) {
  Architecture a = tiny_moe();
  a.experts = 0;
  Layout l;
  l.global_batch = 4;
  const ClusterSpec c = tiny_cluster(4);
  const LayoutResult none = evaluate_layout(a, l, c);
  l.dp_overlap = 1;
  const LayoutResult full = evaluate_layout(a, l, c);
  EXPECT_DOUBLE_EQ(full.dp_comm_hidden_s,
                   std::min(none.dp_comm_s, 2.0 / 3.0 * none.compute_s / none.micro_batches));
  EXPECT_NEAR(full.dp_comm_s + full.dp_comm_hidden_s, none.dp_comm_s, 1e-15);
}

}  // namespace
}  // namespace llmb
