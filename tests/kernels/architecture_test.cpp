#include "kernels/architecture.h"

#include <gtest/gtest.h>

namespace llmb {
namespace {

// GPT-3 175B: 96 layers, width 12288, 96 heads, 4x feed-forward, a 50257-token vocabulary
// shared by input and output, 2048 learned positions (Brown et al. 2020, Table 2.1).
Architecture gpt3_175b() {
  Architecture a;
  a.layers = 96;
  a.hidden = 12288;
  a.heads = 96;
  a.ffn = 4 * 12288;
  a.vocab = 50257;
  a.seq_len = 2048;
  a.tied_embeddings = 1;
  a.learned_positions = 1;
  return a;
}

// Llama 2 (Touvron et al. 2023, Table 1 and section 2.2; widths from the released configs):
// SwiGLU feed-forward, 32000-token vocabulary, separate input and output embeddings.
Architecture llama2(double layers, double hidden, double heads, double kv_heads, double ffn) {
  Architecture a;
  a.layers = layers;
  a.hidden = hidden;
  a.heads = heads;
  a.kv_heads = kv_heads;
  a.ffn = ffn;
  a.gated_ffn = 1;
  a.vocab = 32000;
  a.seq_len = 4096;
  a.tied_embeddings = 0;
  return a;
}

TEST(LayerParams, DenseLayerIsTwelveHiddenSquaredPlusNorms) {
  // Q, K, V, O: 4 h^2; feed-forward h x 4h and 4h x h: 8 h^2; two norms of gain and bias: 4 h.
  Architecture a;
  a.hidden = 100;
  a.heads = 4;
  a.ffn = 400;
  EXPECT_DOUBLE_EQ(layer_params(a), 12 * 100.0 * 100 + 4 * 100);
}

TEST(LayerParams, GatedFeedForwardHasThreeMatrices) {
  Architecture a;
  a.hidden = 100;
  a.heads = 4;
  a.ffn = 300;
  const double plain = layer_params(a);
  a.gated_ffn = 1;
  EXPECT_DOUBLE_EQ(layer_params(a) - plain, 100.0 * 300);  // the third h x ffn matrix
}

TEST(LayerParams, ZeroKeyValueHeadsMeansMultiHeadAttention) {
  Architecture a = llama2(1, 4096, 32, 0, 11008);
  Architecture b = a;
  b.kv_heads = 32;
  EXPECT_DOUBLE_EQ(layer_params(a), layer_params(b));
}

TEST(LayerParams, GroupedQueryAttentionShrinksKeyAndValueWeights) {
  // Llama 2 70B: 64 query heads share 8 K/V heads, so K and V are h x h/8 each instead of
  // h x h: 2 x 8192 x (8192 - 1024) = 117,440,512 fewer weights per layer.
  const Architecture gqa = llama2(80, 8192, 64, 8, 28672);
  Architecture mha = gqa;
  mha.kv_heads = 64;
  EXPECT_DOUBLE_EQ(layer_params(mha) - layer_params(gqa), 2.0 * 8192 * (8192 - 1024));
  EXPECT_DOUBLE_EQ(layer_params(mha) - layer_params(gqa), 117440512.0);
}

TEST(TotalParams, Gpt3Is174Point6Billion) {
  // 96 layers x (12 h^2 + 4 h) = 173,950,894,080; output embedding 50257 h = 617,558,016;
  // positions 2048 h = 25,165,824; final norm 2 h = 24,576. Sum: 174,593,642,496. Brown et al.
  // 2020 round this to 175.0B; biases of the linear layers (about 0.1B) are not counted.
  EXPECT_DOUBLE_EQ(total_params(gpt3_175b()), 174593642496.0);
  EXPECT_NEAR(total_params(gpt3_175b()), 175e9, 0.005 * 175e9);
}

TEST(TotalParams, TiedEmbeddingIsCountedOnce) {
  Architecture tied = gpt3_175b();
  Architecture untied = tied;
  untied.tied_embeddings = 0;
  EXPECT_DOUBLE_EQ(total_params(untied) - total_params(tied), 50257.0 * 12288);
}

TEST(TotalParams, Llama2SevenBillionMatchesThePaperWithinOnePercent) {
  // 32 x (4 h^2 + 3 x 4096 x 11008 + 4 h) + 2 x 32000 h + 2 h = 6,738,681,856.
  const double n = total_params(llama2(32, 4096, 32, 32, 11008));
  EXPECT_DOUBLE_EQ(n, 6738681856.0);
  EXPECT_NEAR(n, 6.74e9, 0.01 * 6.74e9);  // Touvron et al. 2023, published_runs.csv llama2-7b
}

TEST(TotalParams, Llama2ThirteenBillionMatchesThePaperWithinOnePercent) {
  // 40 x (4 h^2 + 3 x 5120 x 13824 + 4 h) + 2 x 32000 h + 2 h = 13,016,279,040.
  const double n = total_params(llama2(40, 5120, 40, 40, 13824));
  EXPECT_DOUBLE_EQ(n, 13016279040.0);
  EXPECT_NEAR(n, 13.0e9, 0.01 * 13.0e9);  // Touvron et al. 2023, published_runs.csv llama2-13b
}

TEST(TotalParams, Llama2SeventyBillionMatchesThePaperWithinOnePercent) {
  // 80 x (2 h^2 + 2 h x 1024 + 3 x 8192 x 28672 + 4 h) + 2 x 32000 h + 2 h = 68,977,967,104.
  const double n = total_params(llama2(80, 8192, 64, 8, 28672));
  EXPECT_DOUBLE_EQ(n, 68977967104.0);
  EXPECT_NEAR(n, 69.0e9, 0.01 * 69.0e9);  // Touvron et al. 2023, published_runs.csv llama2-70b
}

TEST(LookupOnlyParams, AreLearnedPositionsAndAnUntiedInputEmbedding) {
  EXPECT_DOUBLE_EQ(lookup_only_params(gpt3_175b()), 2048.0 * 12288);
  const Architecture llama = llama2(32, 4096, 32, 32, 11008);
  EXPECT_DOUBLE_EQ(lookup_only_params(llama), 32000.0 * 4096);
}

TEST(AttentionFlop, IsTwelveTimesLayersContextAndWidth) {
  // 4 s h forward per layer for QK^T and AV, x3 for forward and backward: 12 L s h per token.
  EXPECT_DOUBLE_EQ(attention_training_flop_per_token(96, 12288, 2048), 12.0 * 96 * 2048 * 12288);
  EXPECT_DOUBLE_EQ(attention_training_flop_per_token(2, 10, 5), 1200.0);
}

TEST(AttentionFlop, MatchesNarayananTermRelativeToSixN) {
  // Narayanan et al. 2021, eq. 3: attention adds s / (6 h) to 72 B s L h^2 (x 4/3 without
  // recomputation gives 6 x 12 L h^2 per token for weights). So attention / (6 x 12 L h^2)
  // = s / (6 h).
  const double layers = 96, hidden = 12288, seq = 2048;
  const double weights_flop = 6.0 * 12.0 * layers * hidden * hidden;
  EXPECT_DOUBLE_EQ(attention_training_flop_per_token(layers, hidden, seq) / weights_flop,
                   seq / (6.0 * hidden));
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

// A small mixture of experts worked by hand: 4 layers of width 8 (8 heads, no GQA), 4
// non-gated experts of width 16 with top 2 and 1 shared expert, the first layer dense
// (ffn 32), untied embeddings over 10 tokens.
Architecture small_moe() {
  Architecture a;
  a.layers = 4;
  a.hidden = 8;
  a.heads = 8;
  a.ffn = 32;
  a.vocab = 10;
  a.seq_len = 4;
  a.tied_embeddings = 0;
  a.experts = 4;
  a.experts_per_token = 2;
  a.shared_experts = 1;
  a.expert_ffn = 16;
  a.first_dense_layers = 1;
  return a;
}

TEST(MoeParams, ExpertLayersAreThoseFromTheFirstDenseOnAtTheInterval) {
  Architecture a = small_moe();
  EXPECT_DOUBLE_EQ(moe_layer_count(a), 3);  // layers 1, 2, 3
  a.moe_layer_interval = 2;
  EXPECT_DOUBLE_EQ(moe_layer_count(a), 1);  // layer 2 only (DeepSeek's i % freq == 0)
  a.first_dense_layers = 0;
  EXPECT_DOUBLE_EQ(moe_layer_count(a), 2);  // layers 0 and 2
}

TEST(MoeParams, TotalCountsEveryExpertAndActiveOnlyTopKPlusShared) {
  const Architecture a = small_moe();
  const double attention = 4 * 8 * 8;  // Q, K, V, O
  const double norms = 4 * 8;
  const double expert = 2 * 8 * 16;  // up and down, not gated
  const double dense_layer = attention + 2 * 8 * 32 + norms;
  const double router = 8 * 4;
  const double moe_layer = attention + norms + router + (4 + 1) * expert;
  const double embeddings = 2 * 10 * 8;
  const double final_norm = 2 * 8;
  EXPECT_DOUBLE_EQ(total_params(a), dense_layer + 3 * moe_layer + embeddings + final_norm);
  EXPECT_DOUBLE_EQ(active_params(a), total_params(a) - 3 * (4 - 2) * expert);
  EXPECT_DOUBLE_EQ(active_matmul_params(a), active_params(a) - 10 * 8);  // less the lookup
  EXPECT_DOUBLE_EQ(routed_expert_params(a), 3 * 4 * expert);
}

TEST(MoeParams, OneExpertWithTopOneIsTheDenseModelPlusItsRouter) {
  Architecture dense = small_moe();
  dense.experts = 0;
  dense.first_dense_layers = 0;
  Architecture moe = dense;
  moe.experts = 1;
  moe.experts_per_token = 1;
  moe.shared_experts = 0;
  moe.expert_ffn = dense.ffn;
  EXPECT_DOUBLE_EQ(total_params(moe) - total_params(dense), 4 * 8 * 1.0);  // 4 routers, h x 1
  EXPECT_DOUBLE_EQ(active_params(moe), total_params(moe));
}

TEST(LatentAttention, ProjectionsAreTheLowRankFactorsAndTheirNorms) {
  Architecture a;
  a.hidden = 16;
  a.heads = 2;
  a.q_lora_rank = 6;
  a.kv_lora_rank = 4;
  a.qk_nope_head_dim = 3;
  a.qk_rope_head_dim = 2;
  a.v_head_dim = 5;
  const double q = 16 * 6 + 6 + 6 * 2 * (3 + 2);  // down, norm, up to 2 heads of 5
  const double kv_down = 16 * (4 + 2) + 4;        // latent plus the shared rope key, norm
  const double kv_up = 4 * 2 * (3 + 5);           // nope keys and values of 2 heads
  const double out = 2 * 5 * 16;
  EXPECT_DOUBLE_EQ(attention_params(a), q + kv_down + kv_up + out);
  a.q_lora_rank = 0;  // a full query projection
  EXPECT_DOUBLE_EQ(attention_params(a), 16 * 2 * 5 + kv_down + kv_up + out);
  // Scores over 2 heads of 5 and values over 2 heads of 5: (10 + 10) / 2.
  EXPECT_DOUBLE_EQ(attention_core_width(a), 10);
}

TEST(AttentionCoreWidth, IsTheModelWidthWithoutLatentAttention) {
  Architecture a;
  a.hidden = 4096;
  a.heads = 32;
  a.kv_heads = 8;
  EXPECT_DOUBLE_EQ(attention_core_width(a), 4096);
}

// Mixtral 8x7B (Jiang et al. 2024, Table 1): Mistral AI counts 46.7B total, 12.9B per token.
TEST(MoeParams, Mixtral8x7bIs46Point7BTotalAnd12Point9BActive) {
  Architecture a = llama2(32, 4096, 32, 8, 14336);
  a.experts = 8;
  a.experts_per_token = 2;
  EXPECT_NEAR(total_params(a), 46.7e9, 0.01 * 46.7e9);
  EXPECT_NEAR(active_params(a), 12.9e9, 0.01 * 12.9e9);
}

// DeepSeek-V3 (technical report section 4.2; config.json and README_WEIGHTS.md of
// deepseek-ai/DeepSeek-V3): 671B total, 36.6B activated without the input embedding.
TEST(MoeParams, DeepSeekV3Is671BTotalAnd36Point6BActivated) {
  Architecture a;
  a.layers = 61;
  a.hidden = 7168;
  a.heads = 128;
  a.ffn = 18432;
  a.gated_ffn = 1;
  a.vocab = 129280;
  a.seq_len = 4096;
  a.tied_embeddings = 0;
  a.experts = 256;
  a.experts_per_token = 8;
  a.shared_experts = 1;
  a.expert_ffn = 2048;
  a.first_dense_layers = 3;
  a.q_lora_rank = 1536;
  a.kv_lora_rank = 512;
  a.qk_nope_head_dim = 128;
  a.qk_rope_head_dim = 64;
  a.v_head_dim = 128;
  EXPECT_DOUBLE_EQ(moe_layer_count(a), 58);
  EXPECT_NEAR(total_params(a), 671e9, 0.01 * 671e9);
  EXPECT_NEAR(active_matmul_params(a), 36.6e9, 0.01 * 36.6e9);
}

}  // namespace
}  // namespace llmb
