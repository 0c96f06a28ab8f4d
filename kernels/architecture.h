// Parameter and FLOP counts of a decoder-only transformer, from its architecture.
#pragma once

#include <cmath>

#include "kernels/hd.h"

namespace llmb {

// Every field is a count; zero heads for kv_heads means "same as heads" (multi-head attention).
struct Architecture {
  double layers = 0;
  double hidden = 0;     // model width d
  double heads = 0;      // query heads; head size is hidden / heads
  double kv_heads = 0;   // key/value heads (grouped-query attention when below heads)
  double ffn = 0;        // feed-forward inner size
  double gated_ffn = 0;  // 1 for a gated (SwiGLU-style) feed-forward with three matrices
  double vocab = 0;
  double seq_len = 0;
  double tied_embeddings = 1;    // 1 when the output projection reuses the input embedding
  double learned_positions = 0;  // 1 for a learned position-embedding table (GPT-2/3 style)
  // Mixture of experts (Shazeer et al. 2017; Mixtral, DeepSeekMoE). experts = 0: dense.
  double experts = 0;             // routed experts in each expert layer
  double experts_per_token = 0;   // top-k: routed experts each token goes to
  double shared_experts = 0;      // experts every token goes to (DeepSeekMoE)
  double expert_ffn = 0;          // feed-forward inner size of one expert; 0: ffn
  double first_dense_layers = 0;  // dense layers before the first expert layer
  double moe_layer_interval = 1;  // from first_dense_layers on, layer i is an expert layer
                                  // when i is a multiple of this (DeepSeek's moe_layer_freq)
  // Multi-head latent attention (DeepSeek-V2, section 2.1): low-rank query and key-value
  // projections. kv_lora_rank = 0: ordinary (grouped-query) attention.
  double q_lora_rank = 0;  // 0: the query is a full h x heads (nope + rope) projection
  double kv_lora_rank = 0;
  double qk_nope_head_dim = 0;
  double qk_rope_head_dim = 0;
  double v_head_dim = 0;
};

LLMB_HD inline bool is_mla(const Architecture& a) {
  return a.kv_lora_rank > 0;
}

// Query-key width of one head: nope + rope parts under MLA, else hidden / heads.
LLMB_HD inline double qk_head_dim(const Architecture& a) {
  return is_mla(a) ? a.qk_nope_head_dim + a.qk_rope_head_dim : a.hidden / a.heads;
}

// Value width of one head.
LLMB_HD inline double v_head_dim(const Architecture& a) {
  return is_mla(a) ? a.v_head_dim : a.hidden / a.heads;
}

// Attention projection weights of one layer. Ordinary attention: Q and output projections
// (d x d each), K and V (d x d_kv each). MLA (DeepSeek-V2, eqs. 9-14, and the released
// modeling code): the query down- and up-projections (or one d x heads qk_dim projection
// without q_lora_rank), the joint key-value down-projection with the shared rope key
// (d x (kv_lora_rank + rope)), its up-projection to the heads' nope keys and values, the
// output projection (heads v_dim x d), and the norms of the two latent vectors.
LLMB_HD inline double attention_params(const Architecture& a) {
  if (is_mla(a)) {
    const double q_width = a.heads * qk_head_dim(a);
    const double q = a.q_lora_rank > 0
                         ? a.hidden * a.q_lora_rank + a.q_lora_rank + a.q_lora_rank * q_width
                         : a.hidden * q_width;
    const double kv_down = a.hidden * (a.kv_lora_rank + a.qk_rope_head_dim) + a.kv_lora_rank;
    const double kv_up = a.kv_lora_rank * a.heads * (a.qk_nope_head_dim + a.v_head_dim);
    const double out = a.heads * a.v_head_dim * a.hidden;
    return q + kv_down + kv_up + out;
  }
  const double kv_heads = a.kv_heads > 0 ? a.kv_heads : a.heads;
  const double kv_width = a.hidden * kv_heads / a.heads;
  return 2.0 * a.hidden * a.hidden + 2.0 * a.hidden * kv_width;
}

// Feed-forward weights of width `inner`: two matrices, three when gated.
LLMB_HD inline double ffn_params(const Architecture& a, double inner) {
  return (a.gated_ffn > 0 ? 3.0 : 2.0) * a.hidden * inner;
}

LLMB_HD inline bool is_moe(const Architecture& a) {
  return a.experts > 0;
}

// Feed-forward width of one expert.
LLMB_HD inline double expert_width(const Architecture& a) {
  return a.expert_ffn > 0 ? a.expert_ffn : a.ffn;
}

// Layers with experts: indices i in [first_dense_layers, layers) that are multiples of
// moe_layer_interval.
LLMB_HD inline double moe_layer_count(const Architecture& a) {
  if (!is_moe(a) || a.first_dense_layers >= a.layers) return 0.0;
  const double k = a.moe_layer_interval >= 1 ? a.moe_layer_interval : 1.0;
  return std::floor((a.layers - 1.0) / k) - std::ceil(a.first_dense_layers / k) + 1.0;
}

LLMB_HD inline double dense_layer_count(const Architecture& a) {
  return a.layers - moe_layer_count(a);
}

// Two layer norms (gain and bias) per layer.
LLMB_HD inline double layer_norm_params(const Architecture& a) {
  return 4.0 * a.hidden;
}

// Weights in one dense transformer layer: attention, the feed-forward, two layer norms.
LLMB_HD inline double layer_params(const Architecture& a) {
  return attention_params(a) + ffn_params(a, a.ffn) + layer_norm_params(a);
}

// Router (one d x experts gate) and shared experts of one expert layer: every token uses them.
LLMB_HD inline double moe_always_params(const Architecture& a) {
  return a.hidden * a.experts + a.shared_experts * ffn_params(a, expert_width(a));
}

// Weights in one expert layer: attention, norms, router, shared and all routed experts.
LLMB_HD inline double moe_layer_params(const Architecture& a) {
  return attention_params(a) + layer_norm_params(a) + moe_always_params(a) +
         a.experts * ffn_params(a, expert_width(a));
}

// The routed experts' weights of all expert layers (what expert parallelism splits).
LLMB_HD inline double routed_expert_params(const Architecture& a) {
  return moe_layer_count(a) * a.experts * ffn_params(a, expert_width(a));
}

// Weights read by the input embedding lookup only; they cost no matrix-multiply FLOPs.
LLMB_HD inline double lookup_only_params(const Architecture& a) {
  const double positions = a.learned_positions > 0 ? a.seq_len * a.hidden : 0.0;
  const double input_embedding = a.tied_embeddings > 0 ? 0.0 : a.vocab * a.hidden;
  return positions + input_embedding;
}

// All weights: layers, the embedding (once if tied, twice if not), positions, final norm.
LLMB_HD inline double total_params(const Architecture& a) {
  const double output_projection = a.vocab * a.hidden;
  return dense_layer_count(a) * layer_params(a) + moe_layer_count(a) * moe_layer_params(a) +
         output_projection + lookup_only_params(a) + 2.0 * a.hidden;
}

// Weights one token uses: all but the routed experts it is not sent to (k of them per
// expert layer are). The input embedding's row counts, as Mistral AI counts Mixtral's 12.9B.
LLMB_HD inline double active_params(const Architecture& a) {
  const double unused_experts = is_moe(a) ? a.experts - a.experts_per_token : 0.0;
  return total_params(a) - moe_layer_count(a) * unused_experts * ffn_params(a, expert_width(a));
}

// Active weights in matrix multiplies (2 FLOPs each per token forward): active_params less
// the lookup-only tables. DeepSeek counts V3's 36.6B activated parameters this way.
LLMB_HD inline double active_matmul_params(const Architecture& a) {
  return active_params(a) - lookup_only_params(a);
}

// Width that attention's score and value products run at, per token and per context position:
// QK^T over heads x qk_dim and scores x V over heads x v_dim, as 2 x this width in all. It is
// the model width for ordinary attention; MLA's wider query-key heads (192 for DeepSeek-V3)
// make it larger.
LLMB_HD inline double attention_core_width(const Architecture& a) {
  return a.heads * (qk_head_dim(a) + v_head_dim(a)) / 2.0;
}

// Training FLOPs per token of attention over the context, beyond the 6 N of the weights:
// QK^T and attention-times-V are 4 s d per layer forward, three times that for forward plus
// backward (Narayanan et al. 2021, eq. 3: the s / 6h term of 72 B s l h^2 (1 + s/6h + V/12lh)).
LLMB_HD inline double attention_training_flop_per_token(double layers, double hidden,
                                                        double seq_len) {
  return 12.0 * layers * hidden * seq_len;
}

}  // namespace llmb
