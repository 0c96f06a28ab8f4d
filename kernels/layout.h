// Parallel layout of one training step: memory per GPU and step time for a dense transformer
// split by tensor (t), pipeline (p) and data (d) parallelism, following Megatron-LM
// (Narayanan et al. 2021; Korthikanti et al. 2022). Plain structs of doubles and inline
// functions; every double is in base units (bytes, s, FLOP, bytes/s).
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
// Fraction of the data-parallel gradient all-reduce hidden behind the backward pass. Megatron-
// LM in 2021 reduced gradients after the pipeline flush without overlap.
inline constexpr double kDataParallelOverlap = 0.0;
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
  double optimizer_s = 0;
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

// Weight matrices of one layer (layer_params less its norms).
LLMB_HD inline double layer_matrix_params(const Architecture& a) {
  return layer_params(a) - 4.0 * a.hidden;
}

// Forward FLOPs of one layer for one micro-batch of b sequences: 2 per weight per token, plus
// QK^T and attention x V, 4 s h per token (Narayanan et al. 2021, eq. 3: 24 B s h^2 + 4 B s^2 h).
LLMB_HD inline double layer_forward_flop(const Architecture& a, double b) {
  const double tokens = b * a.seq_len;
  return 2.0 * tokens * layer_matrix_params(a) + 4.0 * tokens * a.seq_len * a.hidden;
}

// Forward FLOPs of the output projection (logits) for b sequences.
LLMB_HD inline double logits_forward_flop(const Architecture& a, double b) {
  return 2.0 * b * a.seq_len * a.vocab * a.hidden;
}

// Seconds for a GEMM of (m x k) times (k x n) under the additive roofline above.
LLMB_HD inline double gemm_seconds(double m, double k, double n, double bytes_per_value,
                                   const ClusterSpec& c) {
  const double flop = 2.0 * m * k * n;
  const double bytes = bytes_per_value * (m * k + k * n + m * n);
  return flop / (c.peak_flop_per_s * kGemmPeakFraction) + bytes / c.hbm_bytes_per_s;
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
  const double kept_attention = l.recompute == kRecomputeSelective ? 0.0 : attention;
  if (sp) return sbh / t * (34.0 + kept_attention);
  return sbh * (10.0 + 24.0 / t + kept_attention / t);
}

// Seconds of one layer's forward pass for one micro-batch on one GPU, communication excluded:
// the sharded GEMMs (QKV, attention core per head, output projection, two FFN matrices) plus
// memory-bound element-wise work.
LLMB_HD inline double layer_forward_seconds(const Architecture& a, const Layout& l,
                                            const ClusterSpec& c) {
  const double t = l.tp;
  const double bytes = l.precision_bytes;
  const double tokens = l.micro_batch * a.seq_len;
  const double h = a.hidden;
  const double kv_heads = a.kv_heads > 0 ? a.kv_heads : a.heads;
  const double qkv_width = h + 2.0 * h * kv_heads / a.heads;
  const double head_size = h / a.heads;
  const double heads_per_gpu = a.heads / t;
  const double ffn_in = (a.gated_ffn > 0 ? 2.0 : 1.0) * a.ffn;
  double s = gemm_seconds(tokens, h, qkv_width / t, bytes, c);
  s += gemm_seconds(tokens, h / t, h, bytes, c);
  s += gemm_seconds(tokens, h, ffn_in / t, bytes, c);
  s += gemm_seconds(tokens, a.ffn / t, h, bytes, c);
  // QK^T and scores x V, per head and sequence.
  const double per_head = gemm_seconds(a.seq_len, head_size, a.seq_len, bytes, c) +
                          gemm_seconds(a.seq_len, a.seq_len, head_size, bytes, c);
  s += per_head * heads_per_gpu * l.micro_batch;
  // Element-wise traffic: the unrecomputed activation footprint, sharded as the layout shards it.
  Layout stored = l;
  stored.recompute = kRecomputeNone;
  s += kElementwiseTouchesPerByte * layer_activation_bytes(a, stored) / c.hbm_bytes_per_s;
  return s;
}

// Ring all-reduce of `bytes` over n GPUs: each sends and receives 2 (n-1)/n of the buffer
// in 2 (n-1) steps.
LLMB_HD inline double ring_allreduce_seconds(double bytes, double n, double bytes_per_s,
                                             double latency_s) {
  if (n <= 1) return 0.0;
  return 2.0 * (n - 1.0) / n * bytes / bytes_per_s + 2.0 * (n - 1.0) * latency_s;
}

// Parameters one GPU holds on the first pipeline stage: its share of the layers plus the
// input embedding (and the output projection when p = 1), all split t ways.
LLMB_HD inline double stage_params(const Architecture& a, const Layout& l) {
  const double layers = a.layers / l.pp * layer_params(a);
  const double embedding = a.vocab * a.hidden + lookup_only_params(a);
  const double output = (l.pp <= 1 && a.tied_embeddings <= 0) ? a.vocab * a.hidden : 0.0;
  return (layers + embedding + output) / l.tp;
}

LLMB_HD inline LayoutResult evaluate_layout(const Architecture& a, const Layout& l,
                                            const ClusterSpec& c) {
  LayoutResult r;
  const double dp = layout_dp(l, c);
  r.dp = dp;
  const double layers_per_chunk = a.layers / (l.pp * l.interleave);
  const bool valid = divides(l.tp, a.heads) && l.tp <= c.gpus_per_node && divides(l.pp, a.layers) &&
                     l.interleave >= 1 && std::fmod(layers_per_chunk, 1.0) == 0 &&
                     layers_per_chunk >= 1 && (l.interleave <= 1 || l.pp > 1) && dp >= 1 &&
                     std::fmod(dp, 1.0) == 0 && l.micro_batch >= 1 &&
                     divides(l.micro_batch * dp, l.global_batch) && l.zero >= 0 && l.zero <= 3 &&
                     (l.sequence_parallel <= 0 || l.tp > 1);
  if (!valid) return r;
  r.valid = 1;
  const double m = l.global_batch / (l.micro_batch * dp);
  r.micro_batches = m;

  // Memory on the first stage, which holds the most activations in 1F1B.
  const double params = stage_params(a, l);
  const double wbytes = l.precision_bytes;
  r.weights_bytes = params * wbytes / (l.zero >= 3 ? dp : 1.0);
  r.grads_bytes = params * wbytes / (l.zero >= 2 ? dp : 1.0);
  r.optimizer_bytes = params * kOptimizerStateBytesPerParam / (l.zero >= 1 ? dp : 1.0);
  // 1F1B: the first stage holds p micro-batches of its layers, L activations-of-a-layer in
  // all; interleaving adds the factor 1 + (p-1)/(p v) (Korthikanti et al. 2022, section 4.2.3).
  const double in_flight = l.pp < m ? l.pp : m;
  double act = layer_activation_bytes(a, l) * (a.layers / l.pp) * in_flight;
  if (l.interleave > 1) act *= 1.0 + (l.pp - 1.0) / (l.pp * l.interleave);
  // Full recomputation rebuilds one layer's complete activations during its backward pass.
  if (l.recompute == kRecomputeFull) {
    Layout stored = l;
    stored.recompute = kRecomputeNone;
    act += layer_activation_bytes(a, stored);
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
  const double layer_fwd = layer_forward_flop(a, l.global_batch);
  const double logits_fwd = logits_forward_flop(a, l.global_batch);
  r.model_flop_per_step = 3.0 * (a.layers * layer_fwd + logits_fwd);
  double recompute_flop = 0;
  if (l.recompute == kRecomputeFull) recompute_flop = a.layers * layer_fwd;
  if (l.recompute == kRecomputeSelective)
    recompute_flop = a.layers * 4.0 * l.global_batch * a.seq_len * a.seq_len * a.hidden;
  r.hardware_flop_per_step = r.model_flop_per_step + recompute_flop;

  // One micro-batch through one pipeline stage (all v chunks): forward, backward (twice the
  // forward's GEMM work), and the recomputed forward.
  const double fwd = layer_forward_seconds(a, l, c);
  double recompute_s = 0;
  if (l.recompute == kRecomputeFull) recompute_s = fwd;
  if (l.recompute == kRecomputeSelective) {
    const double head_size = a.hidden / a.heads;
    recompute_s = (gemm_seconds(a.seq_len, head_size, a.seq_len, l.precision_bytes, c) +
                   gemm_seconds(a.seq_len, a.seq_len, head_size, l.precision_bytes, c)) *
                  a.heads / l.tp * l.micro_batch;
  }
  const double layers_per_stage = a.layers / l.pp;
  // The last stage also computes the logits and the loss (3 passes of the output GEMM).
  const double logits_s = 3.0 * gemm_seconds(sb, a.hidden, a.vocab / l.tp, l.precision_bytes, c);
  const double stage_compute = layers_per_stage * (3.0 * fwd + recompute_s) + logits_s;

  // Tensor parallelism: 2 all-reduces of b s h values per layer in the forward and 2 in the
  // backward (Narayanan et al. 2021, section 3.3); recomputation repeats the forward's two.
  // With sequence parallelism they become reduce-scatter + all-gather of the same volume.
  const double tp_bytes = sb * a.hidden * l.precision_bytes;
  const double tp_bw = c.nvlink_bytes_per_s * kNvlinkCollectiveFraction;
  const double tp_one = ring_allreduce_seconds(tp_bytes, l.tp, tp_bw, 0.0);
  const double tp_count = 4.0 + (l.recompute == kRecomputeFull ? 2.0 : 0.0);
  const double stage_tp = layers_per_stage * tp_count * tp_one;

  // Pipeline point-to-point: one activation forward and one gradient back per chunk boundary,
  // b s h values, split t ways (scatter-gather, Narayanan et al. 2021, section 4.1), over the
  // network when a stage fills a node, else over NVLink.
  double stage_p2p = 0;
  if (l.pp > 1) {
    const bool across_nodes = l.tp * l.pp > c.gpus_per_node;
    const double bw = across_nodes ? c.network_bytes_per_s : c.nvlink_bytes_per_s;
    const double lat = across_nodes ? c.network_latency_s : 0.0;
    stage_p2p = 2.0 * l.interleave * (tp_bytes / l.tp / bw + lat);
  }

  const double per_micro_batch = stage_compute + stage_tp + stage_p2p;
  r.compute_s = m * stage_compute;
  r.tp_comm_s = m * stage_tp;
  r.pp_comm_s = m * stage_p2p;
  // Pipeline bubble: (p-1)/v micro-batch slots (Narayanan et al. 2021, section 2.2).
  r.bubble_s = (l.pp - 1.0) / l.interleave * per_micro_batch;

  // Data-parallel gradient all-reduce (reduce-scatter + all-gather with ZeRO, same volume),
  // over the network once the replicas span nodes.
  // A replica group with k GPUs in each node reduces hierarchically: NVLink inside the node,
  // then k NICs in parallel between nodes (NCCL runs one ring per NIC), so k x the per-GPU
  // network bandwidth, capped by NVLink.
  const bool dp_across_nodes = l.tp * l.pp * dp > c.gpus_per_node;
  const double dp_per_node =
      l.tp * l.pp < c.gpus_per_node ? std::floor(c.gpus_per_node / (l.tp * l.pp)) : 1.0;
  const double nvlink_bw = c.nvlink_bytes_per_s * kNvlinkCollectiveFraction;
  const double dp_network = c.network_bytes_per_s * dp_per_node;
  const double dp_bw =
      dp_across_nodes ? (dp_network < nvlink_bw ? dp_network : nvlink_bw) : nvlink_bw;
  const double dp_lat = dp_across_nodes ? c.network_latency_s : 0.0;
  // ZeRO-3 also all-gathers the weights before the forward and again before the backward:
  // 3 instead of 2 times the model's bytes (Rajbhandari et al. 2020, section 7.2.2).
  const double zero_volume = l.zero >= 3 ? 1.5 : 1.0;
  r.dp_comm_s = (1.0 - kDataParallelOverlap) * zero_volume *
                ring_allreduce_seconds(params * l.precision_bytes, dp, dp_bw, dp_lat);
  // Optimizer step: memory-bound over the parameters this GPU updates.
  r.optimizer_s = params / (l.zero >= 1 ? dp : 1.0) * kOptimizerBytesPerParam / c.hbm_bytes_per_s;

  r.step_time_s =
      r.compute_s + r.tp_comm_s + r.pp_comm_s + r.bubble_s + r.dp_comm_s + r.optimizer_s;
  r.tokens_per_s = l.global_batch * a.seq_len / r.step_time_s;
  r.model_flop_per_s_per_gpu = r.model_flop_per_step / r.step_time_s / c.gpu_count;
  r.hardware_flop_per_s_per_gpu = r.hardware_flop_per_step / r.step_time_s / c.gpu_count;
  r.mfu = r.model_flop_per_s_per_gpu / c.peak_flop_per_s;
  r.hfu = r.hardware_flop_per_s_per_gpu / c.peak_flop_per_s;
  return r;
}

}  // namespace llmb
