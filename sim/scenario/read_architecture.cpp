#include "sim/scenario/read_architecture.h"

#include <fmt/format.h>

#include <cmath>

namespace llmb {
namespace {

std::string shown(double v) {
  return fmt::format("{:g}", v);
}

// The mixture-of-experts keys: all but `experts` need it, and top-k needs a count to pick from.
void read_experts(const Fields& f, Architecture& a) {
  a.experts = f.optional_quantity("experts", Dimension::kCount, positive_integer(1e6)).value_or(0);
  const auto top_k =
      f.optional_quantity("experts_per_token", Dimension::kCount, positive_integer(1e6));
  const auto shared = f.optional_quantity("shared_experts", Dimension::kCount, non_negative(1e6));
  const auto width = f.optional_quantity("expert_ffn", Dimension::kCount, positive_integer(1e7));
  const auto first_dense =
      f.optional_quantity("first_dense_layers", Dimension::kCount, non_negative(1e5));
  const auto interval =
      f.optional_quantity("moe_layer_interval", Dimension::kCount, positive_integer(1e5));
  if (!is_moe(a)) {
    for (const char* key : {"experts_per_token", "shared_experts", "expert_ffn",
                            "first_dense_layers", "moe_layer_interval"})
      if (f.has(key)) f.fail(key, "only with experts (a mixture of experts)");
    return;
  }
  if (!top_k) f.fail("experts", "needs experts_per_token (the top-k each token is routed to)");
  a.experts_per_token = *top_k;
  if (a.experts_per_token > a.experts)
    f.fail("experts_per_token", fmt::format("must not exceed experts ({:g})", a.experts),
           shown(a.experts_per_token));
  a.shared_experts = shared.value_or(0);
  a.expert_ffn = width.value_or(a.ffn);
  a.first_dense_layers = first_dense.value_or(0);
  a.moe_layer_interval = interval.value_or(1);
  if (std::fmod(a.shared_experts, 1.0) != 0)
    f.fail("shared_experts", "must be a whole number", shown(a.shared_experts));
  if (std::fmod(a.first_dense_layers, 1.0) != 0 || a.first_dense_layers >= a.layers)
    f.fail("first_dense_layers",
           fmt::format("must be a whole number below layers ({:g})", a.layers),
           shown(a.first_dense_layers));
  if (moe_layer_count(a) < 1)
    f.fail("moe_layer_interval", "leaves no expert layer", shown(a.moe_layer_interval));
}

// Multi-head latent attention: kv_lora_rank turns it on and needs the head widths.
void read_latent_attention(const Fields& f, Architecture& a) {
  a.kv_lora_rank =
      f.optional_quantity("kv_lora_rank", Dimension::kCount, positive_integer(1e6)).value_or(0);
  const auto q_rank = f.optional_quantity("q_lora_rank", Dimension::kCount, positive_integer(1e6));
  const auto nope =
      f.optional_quantity("qk_nope_head_dim", Dimension::kCount, positive_integer(1e5));
  const auto rope =
      f.optional_quantity("qk_rope_head_dim", Dimension::kCount, positive_integer(1e5));
  const auto v = f.optional_quantity("v_head_dim", Dimension::kCount, positive_integer(1e5));
  if (!is_mla(a)) {
    for (const char* key : {"q_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"})
      if (f.has(key)) f.fail(key, "only with kv_lora_rank (multi-head latent attention)");
    return;
  }
  if (!nope || !rope || !v)
    f.fail("kv_lora_rank",
           "latent attention needs qk_nope_head_dim, qk_rope_head_dim and v_head_dim");
  if (f.has("kv_heads"))
    f.fail("kv_heads", "not with kv_lora_rank: latent attention has no key-value heads");
  a.q_lora_rank = q_rank.value_or(0);
  a.qk_nope_head_dim = *nope;
  a.qk_rope_head_dim = *rope;
  a.v_head_dim = *v;
}

}  // namespace

Architecture read_architecture(const Fields& f) {
  Architecture a;
  a.layers = f.quantity("layers", Dimension::kCount, positive_integer(1e5));
  a.hidden = f.quantity("hidden", Dimension::kCount, positive_integer(1e6));
  a.heads = f.quantity("heads", Dimension::kCount, positive_integer(1e5));
  a.kv_heads =
      f.optional_quantity("kv_heads", Dimension::kCount, positive_integer(1e5)).value_or(a.heads);
  a.ffn =
      f.optional_quantity("ffn", Dimension::kCount, positive_integer(1e7)).value_or(4 * a.hidden);
  a.gated_ffn = f.flag("gated_ffn", false) ? 1 : 0;
  a.vocab = f.quantity("vocab", Dimension::kCount, positive_integer(1e8));
  a.seq_len = f.quantity("seq_len", Dimension::kCount, positive_integer(1e9));
  a.tied_embeddings = f.flag("tied_embeddings", true) ? 1 : 0;
  a.learned_positions = f.flag("learned_positions", false) ? 1 : 0;
  if (std::fmod(a.hidden, a.heads) != 0)
    f.fail("heads", fmt::format("must divide hidden ({:g})", a.hidden), shown(a.heads));
  if (std::fmod(a.heads, a.kv_heads) != 0 || a.kv_heads > a.heads)
    f.fail("kv_heads", fmt::format("must divide heads ({:g})", a.heads), shown(a.kv_heads));
  read_experts(f, a);
  read_latent_attention(f, a);
  f.reject_unknown({"layers",
                    "hidden",
                    "heads",
                    "kv_heads",
                    "ffn",
                    "gated_ffn",
                    "vocab",
                    "seq_len",
                    "tied_embeddings",
                    "learned_positions",
                    "experts",
                    "experts_per_token",
                    "shared_experts",
                    "expert_ffn",
                    "first_dense_layers",
                    "moe_layer_interval",
                    "q_lora_rank",
                    "kv_lora_rank",
                    "qk_nope_head_dim",
                    "qk_rope_head_dim",
                    "v_head_dim"});
  return a;
}

}  // namespace llmb
