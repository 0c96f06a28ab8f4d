// Parameter and FLOP counts of a decoder-only transformer, from its architecture.
#pragma once

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
};

// Weights in one transformer layer: Q and output projections (d x d each), K and V
// (d x d_kv each), the feed-forward matrices, and two layer norms (gain and bias).
LLMB_HD inline double layer_params(const Architecture& a) {
  const double kv_heads = a.kv_heads > 0 ? a.kv_heads : a.heads;
  const double kv_width = a.hidden * kv_heads / a.heads;
  const double attention = 2.0 * a.hidden * a.hidden + 2.0 * a.hidden * kv_width;
  const double feed_forward = (a.gated_ffn > 0 ? 3.0 : 2.0) * a.hidden * a.ffn;
  const double norms = 4.0 * a.hidden;
  return attention + feed_forward + norms;
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
  return a.layers * layer_params(a) + output_projection + lookup_only_params(a) + 2.0 * a.hidden;
}

// Training FLOPs per token of attention over the context, beyond the 6 N of the weights:
// QK^T and attention-times-V are 4 s d per layer forward, three times that for forward plus
// backward (Narayanan et al. 2021, eq. 3: the s / 6h term of 72 B s l h^2 (1 + s/6h + V/12lh)).
LLMB_HD inline double attention_training_flop_per_token(double layers, double hidden,
                                                        double seq_len) {
  return 12.0 * layers * hidden * seq_len;
}

}  // namespace llmb
