// Parallel layout of one training step: memory per GPU and step time for a transformer, dense
// or mixture of experts, split by tensor (t), pipeline (p), data (d) and expert (e)
// parallelism, following Megatron-LM (Narayanan et al. 2021; Korthikanti et al. 2022) and
// Megatron-Core's expert parallelism. Plain structs of doubles and inline functions; every
// double is in base units (bytes, s, FLOP, bytes/s).
#pragma once

#include <cmath>

#include "kernels/architecture.h"
#include "kernels/hd.h"
#include "kernels/training_run.h"

namespace llmb {

struct Layout {
  double tp = 1;                 // tensor-parallel size t
  double pp = 1;                 // pipeline-parallel size p
  double dp = 1;                 // data-parallel size d: derived, gpu_count / (t p)
  double interleave = 1;         // virtual stages per GPU v (interleaved 1F1B schedule)
  double micro_batch = 1;        // sequences per micro-batch b
  double global_batch = 1;       // sequences per optimizer step B
  double sequence_parallel = 0;  // 1: layer norms and dropout split over t (Korthikanti 2022)
  double zero = 0;               // ZeRO stage 0..3 (Rajbhandari et al. 2020)
  double recompute = kRecomputeNone;
  double precision_bytes = 2;  // weights, gradients and activations (bf16/fp16)
  // Expert parallelism: each expert layer's routed experts split over e GPUs of the data-
  // parallel group (Megatron-Core, DeepSpeed-MoE); e divides d and the expert count. Experts
  // are also split t ways (Megatron-Core's default expert tensor parallelism equals t).
  double ep = 1;
  double fp8 = 0;  // 1: the linear layers' matrix multiplies in FP8 (see gemm_fp8_seconds)
  // 1: fused attention (FlashAttention, Dao et al. 2022; FlashAttention-2, Dao 2023): the
  // s x s scores stay on chip, never in HBM, and are not stored for the backward (which
  // recomputes them inside the kernel). 0: Megatron-LM 2021's unfused softmax.
  double flash_attention = 0;
  // A stated split of the layers over the stages (0: floor or ceil of layers / p each), given
  // by what it sets: the most layers on one stage (the time), and the activation load of the
  // stage that stores the most, in layers on a stage holding min(p, m) micro-batches.
  double stage_layers_max = 0;
  double stage_memory_layers = 0;
  // The busiest GPU's routed tokens over the mean (0: kExpertLoadImbalance).
  double expert_load_imbalance = 0;
  // Fractions 0..1 of each communication hidden behind computation. The struct's zeros are
  // Megatron-LM 2021 (Narayanan et al.: no overlap); a scenario's defaults are kDefault*Overlap.
  double dp_overlap = 0;
  double tp_overlap = 0;
  double pp_overlap = 0;
  double ep_overlap = 0;
};

struct ClusterSpec {
  double gpu_count = 0;
  double peak_flop_per_s = 0;  // dense, at the training precision
  double hbm_bytes = 0;
  double hbm_bytes_per_s = 0;
  double gpus_per_node = 8;
  double nvlink_bytes_per_s = 0;   // per GPU, one direction (half the datasheet's total)
  double network_bytes_per_s = 0;  // per GPU, one direction, between nodes
  double network_latency_s = 0;    // per message between nodes
  // With fp8 layouts peak_flop_per_s is the FP8 peak; attention, the router and the logits
  // stay at this 16-bit peak (0: peak_flop_per_s).
  double bf16_peak_flop_per_s = 0;
};

// Calibration constants, the same for every layout.
// Fraction of dense peak a large bf16 GEMM sustains on the tensor cores. cuBLAS reaches about
// 80% of the A100's 312 TFLOP/s on large square GEMMs (NVIDIA Deep Learning Performance
// Guide, "Matrix Multiplication Background"); the smaller shapes of a sharded layer are
// further slowed by the memory term below, not by lowering this constant.
inline constexpr double kGemmPeakFraction = 0.80;
// Fraction of NVLink's one-direction bandwidth a ring all-reduce reaches as bus bandwidth:
// about 230 of 300 GB/s on an 8-GPU DGX A100 (NCCL all_reduce_perf, large messages).
inline constexpr double kNvlinkCollectiveFraction = 230.0 / 300.0;
// One message between servers through an InfiniBand switch with NCCL: 5 microseconds end to
// end, an estimate without a measurement behind it (the adapter alone is below 0.6 us: Lenovo
// Press LP1195, ConnectX-6 HDR product guide; NCCL's protocol and the switch add the rest). It
// matters only for small messages; Megatron's Table 1 rows move large ones.
inline constexpr double kNetworkLatencyS = 5e-6;
// Each matrix multiply also moves its operands through HBM once: time = FLOP / (peak x the
// fraction above) + bytes / HBM bandwidth. This additive roofline is the small-shape penalty:
// narrow shards (hidden / t small) have low arithmetic intensity.
// Element-wise kernels (layer norm, GeLU, dropout, softmax, residual adds) are memory-bound;
// they touch each stored activation byte (Korthikanti et al. 2022, eq. 1) this many times per
// forward pass (write in the forward, read again in the following kernel).
inline constexpr double kElementwiseTouchesPerByte = 2.0;
// Overlap defaults for a scenario's layout, as Megatron-Core (core_r0.9.0, 2024) runs them in
// NVIDIA's published GPT and Llama recipes: gradients reduce-scattered bucket by bucket during
// the last micro-batch's backward and parameters all-gathered during the forward
// (--overlap-grad-reduce --overlap-param-gather, capped here by the compute they hide behind);
// tensor-parallel communication not overlapped (--tp-comm-overlap is off by default);
// pipeline sends and receives not overlapped outside the interleaved schedule; the expert
// all-to-all not overlapped (the alltoall token dispatcher runs it between the GEMMs).
// Megatron-LM in 2021 overlapped none of them (the Layout struct's zeros).
inline constexpr double kDefaultDpOverlap = 1.0;
inline constexpr double kDefaultTpOverlap = 0.0;
inline constexpr double kDefaultPpOverlap = 0.0;
inline constexpr double kDefaultEpOverlap = 0.0;
// Routed tokens on the busiest expert-parallel GPU over the mean: the capacity factor of 1.25
// that GShard and the Switch Transformer train with (Fedus et al. 2022, section 2.2 and
// Table 1), read as the load a dropless router's busiest GPU carries. Every expert layer waits
// for its slowest GPU, so it scales the routed experts' time and activations.
inline constexpr double kExpertLoadImbalance = 1.25;
// Fraction of the FP8 dense peak a large FP8 GEMM sustains: DeepGEMM (deepseek-ai, 2025,
// README) reaches up to 1,550 of the H800's 1,979 TFLOP/s with DeepSeek-V3's fine-grained
// (1x128 and 128x128 block) scaling, 0.78; a plain cuBLASLt FP8 GEMM of 8192^3 measures
// about 1,610 on Hopper (0.81). The scaling's promotion to FP32 costs the difference.
inline constexpr double kFp8GemmPeakFraction = 0.78;
// FP8 training quantizes each linear layer's activation input before its GEMM (a read of the
// 2-byte value and a write of the 1-byte one, the amax taken on the way); weights are cast
// once per step and kept (Transformer Engine's FP8 weight cache).
inline constexpr double kFp8CastBytesPerValue = 3.0;
// The FP8 copy of the weights that cache holds: 1 byte per parameter beside the bf16 weights,
// fp32 master weights and Adam state of mixed precision.
inline constexpr double kFp8WeightCacheBytesPerParam = 1.0;
// Adam step traffic per parameter held: read fp32 master, m, v and the gradient, write master,
// m, v and the low-precision copy (4+4+4+2 read, 4+4+4+2 written).
inline constexpr double kOptimizerBytesPerParam = 28.0;
// Mixed-precision Adam (Rajbhandari et al. 2020, section 3.1): 2 bytes of weights, 2 of
// gradients, 12 of optimizer state (fp32 master weights, momentum, variance) per parameter.
inline constexpr double kOptimizerStateBytesPerParam = 12.0;

struct LayoutResult {
  double valid = 0;  // 1 when the layout divides the model and the cluster
  double dp = 0;
  double micro_batches = 0;  // m = B / (b d), per pipeline per step
  // Memory per GPU on the most loaded pipeline stage, bytes.
  double weights_bytes = 0;
  double grads_bytes = 0;
  double optimizer_bytes = 0;
  double activations_bytes = 0;
  double total_bytes = 0;
  double fits = 0;
  // Step time components, seconds.
  double compute_s = 0;  // all micro-batches, all passes, on the busiest stage
  double tp_comm_s = 0;
  double pp_comm_s = 0;
  double bubble_s = 0;
  double dp_comm_s = 0;  // exposed part
  double ep_comm_s = 0;  // expert all-to-all (dispatch and combine), exposed part
  double optimizer_s = 0;
  // The communication hidden behind computation (not in the step time).
  double tp_comm_hidden_s = 0;
  double pp_comm_hidden_s = 0;
  double dp_comm_hidden_s = 0;
  double ep_comm_hidden_s = 0;
  double recompute_s = 0;   // the recomputed forward within compute_s
  double stage_layers = 0;  // layers on the busiest pipeline stage (ceil of layers / p)
  double step_time_s = 0;
  double tokens_per_s = 0;
  double model_flop_per_step = 0;     // forward + backward, no recomputation
  double hardware_flop_per_step = 0;  // recomputation included
  double model_flop_per_s_per_gpu = 0;
  double hardware_flop_per_s_per_gpu = 0;
  double mfu = 0;  // fraction 0..1 of peak, model FLOPs
  double hfu = 0;  // fraction 0..1 of peak, hardware FLOPs
};

LLMB_HD inline double layout_dp(const Layout& l, const ClusterSpec& c) {
  return c.gpu_count / (l.tp * l.pp);
}

LLMB_HD inline bool divides(double divisor, double n) {
  return divisor >= 1 && n >= divisor && std::fmod(n, divisor) == 0;
}

// Layers on the busiest pipeline stage: p stages hold floor or ceil of layers / p each.
LLMB_HD inline double stage_layer_count(const Architecture& a, const Layout& l) {
  return l.stage_layers_max > 0 ? l.stage_layers_max : std::ceil(a.layers / l.pp);
}

// Expert layers on the busiest stage: as many of its layers as there are expert layers (an
// upper bound wherever the dense layers sit).
LLMB_HD inline double stage_moe_layer_count(const Architecture& a, const Layout& l) {
  const double stage = stage_layer_count(a, l);
  const double moe = moe_layer_count(a);
  return moe < stage ? moe : stage;
}

LLMB_HD inline double expert_load_imbalance(const Layout& l) {
  return l.expert_load_imbalance > 0 ? l.expert_load_imbalance : kExpertLoadImbalance;
}

// Weight matrices of one dense layer (layer_params less its norms).
LLMB_HD inline double layer_matrix_params(const Architecture& a) {
  return layer_params(a) - layer_norm_params(a);
}

// Weights one token multiplies in an expert layer: attention, router, shared and top-k experts.
LLMB_HD inline double moe_layer_active_matrix_params(const Architecture& a) {
  return attention_params(a) + moe_always_params(a) +
         a.experts_per_token * ffn_params(a, expert_width(a));
}

// Forward FLOPs of one dense layer for one micro-batch of b sequences: 2 per weight per token,
// plus QK^T and attention x V, 4 s w per token with w the attention core width (Narayanan et
// al. 2021, eq. 3: 24 B s h^2 + 4 B s^2 h for w = h).
LLMB_HD inline double layer_forward_flop(const Architecture& a, double b) {
  const double tokens = b * a.seq_len;
  return 2.0 * tokens * layer_matrix_params(a) + 4.0 * tokens * a.seq_len * attention_core_width(a);
}

// The same for an expert layer: only the experts a token is routed to, and the router.
LLMB_HD inline double moe_layer_forward_flop(const Architecture& a, double b) {
  const double tokens = b * a.seq_len;
  return 2.0 * tokens * moe_layer_active_matrix_params(a) +
         4.0 * tokens * a.seq_len * attention_core_width(a);
}

// Forward FLOPs of the output projection (logits) for b sequences.
LLMB_HD inline double logits_forward_flop(const Architecture& a, double b) {
  return 2.0 * b * a.seq_len * a.vocab * a.hidden;
}

// Seconds for a GEMM of (m x k) times (k x n) under the additive roofline above, at `peak`.
LLMB_HD inline double gemm_seconds_at(double m, double k, double n, double bytes_per_value,
                                      double peak_flop_per_s, const ClusterSpec& c) {
  const double flop = 2.0 * m * k * n;
  const double bytes = bytes_per_value * (m * k + k * n + m * n);
  return flop / (peak_flop_per_s * kGemmPeakFraction) + bytes / c.hbm_bytes_per_s;
}

LLMB_HD inline double gemm_seconds(double m, double k, double n, double bytes_per_value,
                                   const ClusterSpec& c) {
  return gemm_seconds_at(m, k, n, bytes_per_value, c.peak_flop_per_s, c);
}

// The 16-bit peak: attention's core, the router and the logits run at it in FP8 training.
LLMB_HD inline double bf16_peak(const ClusterSpec& c) {
  return c.bf16_peak_flop_per_s > 0 ? c.bf16_peak_flop_per_s : c.peak_flop_per_s;
}

// An FP8 GEMM (m x k) x (k x n): FLOPs at the FP8 peak times kFp8GemmPeakFraction, 1-byte
// operands and a 2-byte output through HBM, and the cast of the m x k input.
LLMB_HD inline double gemm_fp8_seconds(double m, double k, double n, const ClusterSpec& c) {
  const double flop = 2.0 * m * k * n;
  const double bytes = m * k + k * n + 2.0 * m * n + kFp8CastBytesPerValue * m * k;
  return flop / (c.peak_flop_per_s * kFp8GemmPeakFraction) + bytes / c.hbm_bytes_per_s;
}

// A linear layer's GEMM in the layout's precision: FP8 when the layout says so.
LLMB_HD inline double linear_seconds(double m, double k, double n, const Layout& l,
                                     const ClusterSpec& c) {
  if (l.fp8 > 0) return gemm_fp8_seconds(m, k, n, c);
  return gemm_seconds(m, k, n, l.precision_bytes, c);
}

// Activation bytes one layer stores for one micro-batch on one GPU (Korthikanti et al. 2022,
// eqs. 1-4 and Table 2): s b h (34 + 5 a s / h) without parallelism; with t-way tensor
// parallelism s b h (10 + 24/t + 5 a s/(h t)); with sequence parallelism as well, everything
// divided by t. Selective recomputation drops the 5 a s / h attention term; full
// recomputation keeps only the layer's 2 s b h input (divided by t with sequence parallelism).
LLMB_HD inline double layer_activation_bytes(const Architecture& a, const Layout& l) {
  const double sbh = a.seq_len * l.micro_batch * a.hidden;
  const double attention = 5.0 * a.heads * a.seq_len / a.hidden;
  const double t = l.tp;
  const bool sp = l.sequence_parallel > 0;
  if (l.recompute == kRecomputeFull) return sp ? 2.0 * sbh / t : 2.0 * sbh;
  const bool scores_dropped = l.recompute == kRecomputeSelective || l.flash_attention > 0;
  const double kept_attention = scores_dropped ? 0.0 : attention;
  if (sp) return sbh / t * (34.0 + kept_attention);
  return sbh * (10.0 + 24.0 / t + kept_attention / t);
}

// The same for an expert layer: the paper's 4h feed-forward replaced by the expert block.
// Each token's k routed copies (times the load imbalance on the busiest GPU) and the shared
// experts store a feed-forward's inner values of the expert width; the dispatched input and
// the combined output hold k copies of 2h each, split t ways with the tokens.
LLMB_HD inline double moe_layer_activation_bytes(const Architecture& a, const Layout& l) {
  const double dense = layer_activation_bytes(a, l);
  if (l.recompute == kRecomputeFull) return dense;
  const double tokens = a.seq_len * l.micro_batch;
  const double outer = 3.0 * a.hidden / (l.sequence_parallel > 0 ? l.tp : 1.0);
  // What the dense formula counts for its plain 4h feed-forward: 3h outer + 2 x 2 x 4h / t.
  const double standard_ffn = outer + 16.0 * a.hidden / l.tp;
  const double copies = a.experts_per_token * expert_load_imbalance(l) + a.shared_experts;
  const double inner = 2.0 * (a.gated_ffn > 0 ? 3.0 : 2.0) * expert_width(a) / l.tp;
  const double dispatch = 2.0 * 2.0 * a.hidden * a.experts_per_token / l.tp;
  return dense + tokens * (outer + copies * inner + dispatch - standard_ffn);
}

// Seconds of attention's forward for one micro-batch on one GPU, communication excluded: the
// projections (sharded t ways) and the core per head (QK^T, scores x V) at the 16-bit peak.
LLMB_HD inline double attention_forward_seconds(const Architecture& a, const Layout& l,
                                                const ClusterSpec& c) {
  const double t = l.tp;
  const double tokens = l.micro_batch * a.seq_len;
  const double h = a.hidden;
  double s = 0;
  if (is_mla(a)) {
    const double q_width = a.heads * qk_head_dim(a);
    if (a.q_lora_rank > 0) {
      s += linear_seconds(tokens, h, a.q_lora_rank / t, l, c);
      s += linear_seconds(tokens, a.q_lora_rank, q_width / t, l, c);
    } else {
      s += linear_seconds(tokens, h, q_width / t, l, c);
    }
    s += linear_seconds(tokens, h, (a.kv_lora_rank + a.qk_rope_head_dim) / t, l, c);
    s += linear_seconds(tokens, a.kv_lora_rank, a.heads * (a.qk_nope_head_dim + a.v_head_dim) / t,
                        l, c);
    s += linear_seconds(tokens, a.heads * a.v_head_dim / t, h, l, c);
  } else {
    const double kv_heads = a.kv_heads > 0 ? a.kv_heads : a.heads;
    const double qkv_width = h + 2.0 * h * kv_heads / a.heads;
    s += linear_seconds(tokens, h, qkv_width / t, l, c);
    s += linear_seconds(tokens, h / t, h, l, c);
  }
  return s;
}

// Attention's core (QK^T and scores x V) per head and sequence, for the micro-batch's heads
// on one GPU, at the 16-bit peak; what selective recomputation repeats.
LLMB_HD inline double attention_core_seconds(const Architecture& a, const Layout& l,
                                             const ClusterSpec& c) {
  const double peak = bf16_peak(c);
  const double bytes = l.precision_bytes;
  const double s = a.seq_len;
  double per_head = 0;
  if (l.flash_attention > 0) {
    // One fused kernel: the two products' FLOPs, and only Q, K, V and the output through HBM.
    const double flop = 2.0 * s * s * (qk_head_dim(a) + v_head_dim(a));
    const double io = bytes * s * (2.0 * qk_head_dim(a) + 2.0 * v_head_dim(a));
    per_head = flop / (peak * kGemmPeakFraction) + io / c.hbm_bytes_per_s;
  } else {
    per_head = gemm_seconds_at(s, qk_head_dim(a), s, bytes, peak, c) +
               gemm_seconds_at(s, s, v_head_dim(a), bytes, peak, c);
  }
  return per_head * a.heads / l.tp * l.micro_batch;
}

// Element-wise traffic: the unrecomputed activation footprint, sharded as the layout shards it.
LLMB_HD inline double elementwise_seconds(double activation_bytes, const ClusterSpec& c) {
  return kElementwiseTouchesPerByte * activation_bytes / c.hbm_bytes_per_s;
}

// Seconds of one dense layer's forward pass for one micro-batch on one GPU, communication
// excluded: the sharded GEMMs (attention, two or three FFN matrices) plus memory-bound
// element-wise work.
LLMB_HD inline double layer_forward_seconds(const Architecture& a, const Layout& l,
                                            const ClusterSpec& c) {
  const double t = l.tp;
  const double tokens = l.micro_batch * a.seq_len;
  const double h = a.hidden;
  const double ffn_in = (a.gated_ffn > 0 ? 2.0 : 1.0) * a.ffn;
  double s = attention_forward_seconds(a, l, c) + attention_core_seconds(a, l, c);
  s += linear_seconds(tokens, h, ffn_in / t, l, c);
  s += linear_seconds(tokens, a.ffn / t, h, l, c);
  Layout stored = l;
  stored.recompute = kRecomputeNone;
  return s + elementwise_seconds(layer_activation_bytes(a, stored), c);
}

// Seconds of one expert layer's forward for one micro-batch on one GPU, all-to-all excluded:
// attention, the router (a 16-bit GEMM to the experts' scores), the shared experts over every
// token, and this GPU's experts / e local experts over the tokens routed to them: k tokens per
// token on average, times the load imbalance on the busiest GPU, each expert's weights read
// once (which is what makes small expert batches slow).
LLMB_HD inline double moe_layer_forward_seconds(const Architecture& a, const Layout& l,
                                                const ClusterSpec& c) {
  const double t = l.tp;
  const double tokens = l.micro_batch * a.seq_len;
  const double h = a.hidden;
  const double width = expert_width(a);
  const double width_in = (a.gated_ffn > 0 ? 2.0 : 1.0) * width;
  double s = attention_forward_seconds(a, l, c) + attention_core_seconds(a, l, c);
  s += gemm_seconds_at(tokens, h, a.experts, l.precision_bytes, bf16_peak(c), c);
  if (a.shared_experts > 0) {
    s += linear_seconds(tokens, h, a.shared_experts * width_in / t, l, c);
    s += linear_seconds(tokens, a.shared_experts * width / t, h, l, c);
  }
  const double local_experts = a.experts / l.ep;
  const double routed = tokens * a.experts_per_token * expert_load_imbalance(l);
  const double per_expert = routed / local_experts;
  s += local_experts * (linear_seconds(per_expert, h, width_in / t, l, c) +
                        linear_seconds(per_expert, width / t, h, l, c));
  Layout stored = l;
  stored.recompute = kRecomputeNone;
  return s + elementwise_seconds(moe_layer_activation_bytes(a, stored), c);
}

// Ring all-reduce of `bytes` over n GPUs: each sends and receives 2 (n-1)/n of the buffer
// in 2 (n-1) steps.
LLMB_HD inline double ring_allreduce_seconds(double bytes, double n, double bytes_per_s,
                                             double latency_s) {
  if (n <= 1) return 0.0;
  return 2.0 * (n - 1.0) / n * bytes / bytes_per_s + 2.0 * (n - 1.0) * latency_s;
}

// GPUs of one expert-parallel group within a server. Ranks are ordered tensor, expert, data,
// pipeline (Megatron-Core's default order), so the e ranks of a group are consecutive after
// the t ranks of each.
LLMB_HD inline double ep_ranks_per_node(const Layout& l, const ClusterSpec& c) {
  if (l.tp >= c.gpus_per_node) return 1.0;
  const double fit = std::floor(c.gpus_per_node / l.tp);
  return l.ep < fit ? l.ep : fit;
}

// One all-to-all in which every GPU of an e-way group sends `bytes` in all, 1/e to each rank
// (itself included): the share for ranks in the same server over NVLink and the share for
// the others over the network go at once, so the slower sets the time; the exchanges are
// issued together, so one network latency.
LLMB_HD inline double all_to_all_seconds(double bytes, const Layout& l, const ClusterSpec& c) {
  if (l.ep <= 1) return 0.0;
  const double local = ep_ranks_per_node(l, c);
  const double nvlink_s =
      bytes * (local - 1.0) / l.ep / (c.nvlink_bytes_per_s * kNvlinkCollectiveFraction);
  const double remote = l.ep - local;
  if (remote <= 0) return nvlink_s;
  const double network_s = bytes * remote / l.ep / c.network_bytes_per_s;
  return (network_s > nvlink_s ? network_s : nvlink_s) + c.network_latency_s;
}

// Token dispatch and combine of one expert layer for one micro-batch, forward and backward:
// each GPU sends its tokens' k copies of h values (split t ways with the tokens) to the ranks
// holding their experts, and receives as many back. FP8 training dispatches in FP8 (1 byte)
// and combines in 16 bits, as DeepSeek-V3 does (report section 3.3.2); the backward moves
// 16-bit gradients both ways. Full recomputation repeats the forward's two.
LLMB_HD inline double moe_all_to_all_seconds(const Architecture& a, const Layout& l,
                                             const ClusterSpec& c) {
  if (l.ep <= 1) return 0.0;
  const double values =
      l.micro_batch * a.seq_len * a.experts_per_token * a.hidden * expert_load_imbalance(l) / l.tp;
  const double dispatch_bytes = l.fp8 > 0 ? 1.0 : l.precision_bytes;
  const double forward = all_to_all_seconds(values * dispatch_bytes, l, c) +
                         all_to_all_seconds(values * l.precision_bytes, l, c);
  const double backward = 2.0 * all_to_all_seconds(values * l.precision_bytes, l, c);
  return forward + backward + (l.recompute == kRecomputeFull ? forward : 0.0);
}

// Parameters one GPU holds on the first pipeline stage, as two parts: what every GPU of the
// data-parallel group holds (attention, norms, router, shared experts, dense layers, the input
// embedding, the output projection when p = 1; split t ways) and its share of the routed
// experts (split e x t ways).
struct StageParams {
  double dense = 0;
  double experts = 0;
  LLMB_HD double total() const { return dense + experts; }
};

LLMB_HD inline StageParams stage_param_split(const Architecture& a, const Layout& l) {
  const double layers = stage_layer_count(a, l);
  const double moe = stage_moe_layer_count(a, l);
  const double expert = ffn_params(a, expert_width(a));
  const double dense_layers = (layers - moe) * layer_params(a);
  const double moe_shared =
      moe * (attention_params(a) + layer_norm_params(a) + moe_always_params(a));
  const double embedding = a.vocab * a.hidden + lookup_only_params(a);
  const double output = (l.pp <= 1 && a.tied_embeddings <= 0) ? a.vocab * a.hidden : 0.0;
  StageParams p;
  p.dense = (dense_layers + moe_shared + embedding + output) / l.tp;
  p.experts = moe * a.experts * expert / (l.ep * l.tp);
  return p;
}

LLMB_HD inline double stage_params(const Architecture& a, const Layout& l) {
  return stage_param_split(a, l).total();
}

// Bandwidth and latency of a data-parallel-style group of n GPUs whose members are `stride`
// ranks apart: over NVLink inside a server; across servers a group with k members in each
// server reduces hierarchically (NVLink inside, then k NICs in parallel between servers:
// NCCL runs one ring per NIC), so k x the per-GPU network bandwidth, capped by NVLink.
struct GroupLink {
  double bytes_per_s = 0;
  double latency_s = 0;
};

LLMB_HD inline GroupLink group_link(bool across_nodes, double stride, const ClusterSpec& c) {
  const double per_node = stride < c.gpus_per_node ? std::floor(c.gpus_per_node / stride) : 1.0;
  const double nvlink_bw = c.nvlink_bytes_per_s * kNvlinkCollectiveFraction;
  const double network = c.network_bytes_per_s * per_node;
  GroupLink g;
  g.bytes_per_s = across_nodes ? (network < nvlink_bw ? network : nvlink_bw) : nvlink_bw;
  g.latency_s = across_nodes ? c.network_latency_s : 0.0;
  return g;
}

// Hidden and exposed parts of a communication `total_s` of which `fraction` may overlap
// computation lasting `window_s`.
LLMB_HD inline double hidden_seconds(double total_s, double fraction, double window_s) {
  const double wanted = total_s * (fraction < 0 ? 0.0 : (fraction > 1 ? 1.0 : fraction));
  return wanted < window_s ? wanted : window_s;
}

LLMB_HD inline bool layout_is_valid(const Architecture& a, const Layout& l, const ClusterSpec& c) {
  const double dp = layout_dp(l, c);
  const bool moe = is_moe(a);
  const bool interleave_ok =
      l.interleave <= 1 || (l.pp > 1 && std::fmod(a.layers, l.pp * l.interleave) == 0);
  const bool ep_ok = l.ep == 1 || (moe && divides(l.ep, a.experts) && divides(l.ep, dp));
  return divides(l.tp, a.heads) && l.tp <= c.gpus_per_node && l.pp >= 1 && l.pp <= a.layers &&
         std::fmod(l.pp, 1.0) == 0 && l.interleave >= 1 && std::fmod(l.interleave, 1.0) == 0 &&
         interleave_ok && dp >= 1 && std::fmod(dp, 1.0) == 0 && l.micro_batch >= 1 &&
         divides(l.micro_batch * dp, l.global_batch) && l.zero >= 0 && l.zero <= 3 &&
         (l.sequence_parallel <= 0 || l.tp > 1) && ep_ok;
}

LLMB_HD inline LayoutResult evaluate_layout(const Architecture& a, const Layout& l,
                                            const ClusterSpec& c) {
  LayoutResult r;
  const double dp = layout_dp(l, c);
  r.dp = dp;
  if (!layout_is_valid(a, l, c)) return r;
  r.valid = 1;
  const double m = l.global_batch / (l.micro_batch * dp);
  r.micro_batches = m;
  const double layers_per_stage = stage_layer_count(a, l);
  const double moe_per_stage = stage_moe_layer_count(a, l);
  const double dense_per_stage = layers_per_stage - moe_per_stage;
  r.stage_layers = layers_per_stage;

  // Memory on the first stage, which holds the most activations in 1F1B. The routed experts'
  // state is split over the e x t GPUs that hold them, and ZeRO splits it further over the
  // d / e replicas of each expert.
  const StageParams split = stage_param_split(a, l);
  const double expert_dp = dp / l.ep;
  auto sharded = [&](double per_param, double stage) {
    const bool on = l.zero >= stage;
    return per_param * (split.dense / (on ? dp : 1.0) + split.experts / (on ? expert_dp : 1.0));
  };
  const double wbytes = l.precision_bytes;
  r.weights_bytes = sharded(wbytes + (l.fp8 > 0 ? kFp8WeightCacheBytesPerParam : 0.0), 3);
  r.grads_bytes = sharded(wbytes, 2);
  r.optimizer_bytes = sharded(kOptimizerStateBytesPerParam, 1);
  // 1F1B: the first stage holds p micro-batches of its layers, L activations-of-a-layer in
  // all; interleaving adds the factor 1 + (p-1)/(p v) (Korthikanti et al. 2022, section 4.2.3).
  // A stated split: stage i holds min(p - i, m) micro-batches of its layers, and the loader
  // gives the largest of layers x micro-batches as stage_memory_layers x min(p, m).
  const double in_flight = l.pp < m ? l.pp : m;
  const double memory_scale =
      l.stage_memory_layers > 0 ? l.stage_memory_layers / layers_per_stage : 1.0;
  double act = (dense_per_stage * layer_activation_bytes(a, l) +
                moe_per_stage * moe_layer_activation_bytes(a, l)) *
               in_flight * memory_scale;
  if (l.interleave > 1) act *= 1.0 + (l.pp - 1.0) / (l.pp * l.interleave);
  // Full recomputation rebuilds one layer's complete activations during its backward pass.
  if (l.recompute == kRecomputeFull) {
    Layout stored = l;
    stored.recompute = kRecomputeNone;
    act += moe_per_stage > 0 ? moe_layer_activation_bytes(a, stored)
                             : layer_activation_bytes(a, stored);
  }
  // Embedding dropout mask and output (Korthikanti et al. 2022, section 4.3): s b h per
  // micro-batch in flight on the first stage; with p = 1 also the fp32 logits, 4 s b V / t.
  const double sb = a.seq_len * l.micro_batch;
  act += sb * a.hidden * in_flight / (l.sequence_parallel > 0 ? l.tp : 1.0);
  if (l.pp <= 1) act += 4.0 * sb * a.vocab / l.tp;
  r.activations_bytes = act;
  r.total_bytes = r.weights_bytes + r.grads_bytes + r.optimizer_bytes + r.activations_bytes;
  r.fits = r.total_bytes <= c.hbm_bytes ? 1 : 0;

  // FLOPs for the whole step: forward + backward = 3 forwards; full recomputation adds one
  // forward of every layer (not of the logits), selective one of the attention core.
  const double dense_layers = dense_layer_count(a);
  const double moe_layers = moe_layer_count(a);
  const double layer_fwd = layer_forward_flop(a, l.global_batch);
  const double moe_fwd = moe_layer_forward_flop(a, l.global_batch);
  const double logits_fwd = logits_forward_flop(a, l.global_batch);
  const double layers_fwd = dense_layers * layer_fwd + moe_layers * moe_fwd;
  r.model_flop_per_step = 3.0 * (layers_fwd + logits_fwd);
  double recompute_flop = 0;
  if (l.recompute == kRecomputeFull) recompute_flop = layers_fwd;
  // (Fused attention recomputes its scores inside its own backward; not counted here.)
  if (l.recompute == kRecomputeSelective && l.flash_attention <= 0)
    recompute_flop =
        a.layers * 4.0 * l.global_batch * a.seq_len * a.seq_len * attention_core_width(a);
  r.hardware_flop_per_step = r.model_flop_per_step + recompute_flop;

  // One micro-batch through the busiest pipeline stage (all v chunks): forward, backward
  // (twice the forward's GEMM work), and the recomputed forward.
  const double fwd = layer_forward_seconds(a, l, c);
  const double moe_fwd_s = moe_per_stage > 0 ? moe_layer_forward_seconds(a, l, c) : 0.0;
  double recompute_dense = 0, recompute_moe = 0;
  if (l.recompute == kRecomputeFull) {
    recompute_dense = fwd;
    recompute_moe = moe_fwd_s;
  }
  if (l.recompute == kRecomputeSelective && l.flash_attention <= 0) {
    recompute_dense = attention_core_seconds(a, l, c);
    recompute_moe = recompute_dense;
  }
  // The last stage also computes the logits and the loss (3 passes of the output GEMM).
  const double logits_s =
      3.0 * gemm_seconds_at(sb, a.hidden, a.vocab / l.tp, l.precision_bytes, bf16_peak(c), c);
  const double stage_recompute = dense_per_stage * recompute_dense + moe_per_stage * recompute_moe;
  const double stage_compute =
      dense_per_stage * 3.0 * fwd + moe_per_stage * 3.0 * moe_fwd_s + stage_recompute + logits_s;

  // Tensor parallelism: 2 all-reduces of b s h values per layer in the forward and 2 in the
  // backward (Narayanan et al. 2021, section 3.3); recomputation repeats the forward's two.
  // With sequence parallelism they become reduce-scatter + all-gather of the same volume.
  const double tp_bytes = sb * a.hidden * l.precision_bytes;
  const double tp_bw = c.nvlink_bytes_per_s * kNvlinkCollectiveFraction;
  const double tp_one = ring_allreduce_seconds(tp_bytes, l.tp, tp_bw, 0.0);
  const double tp_count = 4.0 + (l.recompute == kRecomputeFull ? 2.0 : 0.0);
  const double stage_tp_all = layers_per_stage * tp_count * tp_one;

  // Pipeline point-to-point: one activation forward and one gradient back per chunk boundary,
  // b s h values, split t ways (scatter-gather, Narayanan et al. 2021, section 4.1), over the
  // network when a stage fills a node, else over NVLink.
  double stage_p2p_all = 0;
  if (l.pp > 1) {
    const bool across_nodes = l.tp * l.pp > c.gpus_per_node;
    const double bw = across_nodes ? c.network_bytes_per_s : c.nvlink_bytes_per_s;
    const double lat = across_nodes ? c.network_latency_s : 0.0;
    stage_p2p_all = 2.0 * l.interleave * (tp_bytes / l.tp / bw + lat);
  }
  // Expert parallelism: the dispatch and combine all-to-alls of each expert layer.
  const double stage_ep_all = moe_per_stage * moe_all_to_all_seconds(a, l, c);

  // Overlap: each communication hides behind the stage's computation up to its fraction.
  const double tp_hidden = hidden_seconds(stage_tp_all, l.tp_overlap, stage_compute);
  const double pp_hidden = hidden_seconds(stage_p2p_all, l.pp_overlap, stage_compute);
  const double ep_hidden = hidden_seconds(stage_ep_all, l.ep_overlap, stage_compute);
  const double stage_tp = stage_tp_all - tp_hidden;
  const double stage_p2p = stage_p2p_all - pp_hidden;
  const double stage_ep = stage_ep_all - ep_hidden;

  const double per_micro_batch = stage_compute + stage_tp + stage_p2p + stage_ep;
  r.compute_s = m * stage_compute;
  r.recompute_s = m * stage_recompute;
  r.tp_comm_s = m * stage_tp;
  r.pp_comm_s = m * stage_p2p;
  r.ep_comm_s = m * stage_ep;
  r.tp_comm_hidden_s = m * tp_hidden;
  r.pp_comm_hidden_s = m * pp_hidden;
  r.ep_comm_hidden_s = m * ep_hidden;
  // Pipeline bubble: (p-1)/v micro-batch slots (Narayanan et al. 2021, section 2.2).
  r.bubble_s = (l.pp - 1.0) / l.interleave * per_micro_batch;

  // Data-parallel gradient all-reduce (reduce-scatter + all-gather with ZeRO, same volume),
  // over the network once the replicas span nodes; the experts' gradients reduce over their
  // d / e replicas, e x t ranks apart.
  const bool dp_across_nodes = l.tp * l.pp * dp > c.gpus_per_node;
  const GroupLink dense_link = group_link(dp_across_nodes, l.tp * l.pp, c);
  const GroupLink expert_link =
      group_link(l.tp * dp > c.gpus_per_node && expert_dp > 1, l.tp * l.ep, c);
  // ZeRO-3 also all-gathers the weights before the forward and again before the backward of
  // every micro-batch (it keeps no full copy between them), then reduce-scatters the gradients
  // once: an all-gather is half an all-reduce, so (2 m + 1) / 2 all-reduces; with one
  // micro-batch, 3 instead of 2 times the model's bytes (Rajbhandari et al. 2020, 7.2.2).
  const double zero_volume = l.zero >= 3 ? (2.0 * m + 1.0) / 2.0 : 1.0;
  const double expert_reduce_s =
      split.experts > 0 ? ring_allreduce_seconds(split.experts * l.precision_bytes, expert_dp,
                                                 expert_link.bytes_per_s, expert_link.latency_s)
                        : 0.0;
  const double dp_all =
      zero_volume * (ring_allreduce_seconds(split.dense * l.precision_bytes, dp,
                                            dense_link.bytes_per_s, dense_link.latency_s) +
                     expert_reduce_s);
  // Overlapped, the reduction runs during the last micro-batch's backward (two thirds of its
  // compute); with ZeRO-3 the parameter gathers are prefetched during every micro-batch.
  const double dp_window = (l.zero >= 3 ? m : 2.0 / 3.0) * stage_compute;
  r.dp_comm_hidden_s = hidden_seconds(dp_all, l.dp_overlap, dp_window);
  r.dp_comm_s = dp_all - r.dp_comm_hidden_s;
  // Optimizer step: memory-bound over the parameters this GPU updates.
  r.optimizer_s = sharded(kOptimizerBytesPerParam, 1) / c.hbm_bytes_per_s;

  r.step_time_s = r.compute_s + r.tp_comm_s + r.pp_comm_s + r.ep_comm_s + r.bubble_s + r.dp_comm_s +
                  r.optimizer_s;
  r.tokens_per_s = l.global_batch * a.seq_len / r.step_time_s;
  r.model_flop_per_s_per_gpu = r.model_flop_per_step / r.step_time_s / c.gpu_count;
  r.hardware_flop_per_s_per_gpu = r.hardware_flop_per_step / r.step_time_s / c.gpu_count;
  r.mfu = r.model_flop_per_s_per_gpu / c.peak_flop_per_s;
  r.hfu = r.hardware_flop_per_s_per_gpu / c.peak_flop_per_s;
  return r;
}

}  // namespace llmb
