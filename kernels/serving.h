// What serving a model costs: demand (requests per day) -> throughput of a replica -> a fleet of
// GPUs -> dollars per day, per query and per million tokens. Plain structs of doubles and inline
// functions, shared by the `serve` command, the company model and any batch backend. Every
// double is in base units (parameters, bytes, FLOP/s, s, USD).
#pragma once

#include <cmath>
#include <type_traits>

#include "kernels/hd.h"
#include "kernels/training_run.h"

namespace llmb {

inline constexpr double kSecondsPerDay = 24.0 * kSecondsPerHour;

struct ServingInputs {
  double active_params = 0;       // weights used per generated token
  double bytes_per_param = 0;     // 2 (bf16/fp16), 1 (int8, fp8), 0.5 (int4, fp4)
  double kv_bytes_per_token = 0;  // KV-cache bytes per token of context per replica (0: ignored)
  double prompt_tokens = 0;       // per request
  double output_tokens = 0;       // per request
  double peak_flop_per_s = 0;     // per GPU, dense, at the serving precision
  double hbm_bytes_per_s = 0;     // per GPU
  double hbm_bytes = 0;           // per GPU
  // 0: the fewest GPUs whose memory holds the weights and the KV cache of a full batch, rounded
  // up to 1, 2, 4 or 8, or to a multiple of 8 beyond (tensor parallelism within a server).
  double gpus_per_replica = 0;
  double batch_size = 0;             // sequences decoded together per replica
  double compute_utilization = 0;    // achieved / peak FLOP/s in compute-bound phases, 0..1
  double bandwidth_utilization = 0;  // achieved / peak HBM bandwidth in decode, 0..1
  double measured_output_tokens_per_s_per_gpu = 0;  // > 0: replaces the throughput model
  double peak_to_average = 0;    // the fleet is provisioned for the peak: peak / mean demand
  double fleet_utilization = 0;  // further derating of the fleet's usable throughput, (0, 1]
  double usd_per_gpu_hour = 0;   // what one GPU-hour costs the operator (rented or owned)
  double total_params = 0;       // weights held in memory (mixture of experts); 0: active_params
};
// Sweeps and the company model address the inputs field by field, as an array of doubles.
static_assert(std::is_standard_layout_v<ServingInputs>);
static_assert(sizeof(ServingInputs) == 17 * sizeof(double));

struct ServingThroughput {
  double gpus_per_replica = 0;
  double decode_step_s = 0;          // one token for every sequence of the batch
  double prefill_s_per_request = 0;  // the prompt's forward pass
  double output_tokens_per_s_per_gpu = 0;
  double requests_per_s_per_gpu = 0;
  double memory_bound = 0;  // 1 when the decode step is set by HBM bandwidth, 0 by compute
  double memory_bytes_per_replica = 0;  // weights plus the KV cache of a full batch
  double fits = 0;  // 1 when that fits in the replica's HBM (always, when the GPUs were derived)
};

struct ServingCost {
  double requests_per_day = 0;
  double tokens_per_day = 0;  // prompt plus output tokens
  double gpus = 0;            // the fleet
  double gpu_hours_per_day = 0;
  double usd_per_day = 0;
  double usd_per_query = 0;  // 0 without requests
  // Per million tokens processed, prompt and output together (tokens_per_day); 0 without tokens.
  double usd_per_million_tokens = 0;
  double usd_per_million_output_tokens = 0;  // per million generated tokens only
  double replicas = 0;             // 0 for a stated fleet that is not a whole number of replicas
  double fleet_busy_fraction = 0;  // mean demand / the fleet's modelled capacity
};

// Weights read per decode step and held in memory.
LLMB_HD inline double serving_weight_bytes(const ServingInputs& in) {
  return in.active_params * in.bytes_per_param;
}
LLMB_HD inline double serving_resident_weight_bytes(const ServingInputs& in) {
  return (in.total_params > 0 ? in.total_params : in.active_params) * in.bytes_per_param;
}

// Weights plus the KV cache of a full batch at the longest context (prompt plus output).
LLMB_HD inline double serving_memory_bytes(const ServingInputs& in) {
  return serving_resident_weight_bytes(in) +
         in.batch_size * (in.prompt_tokens + in.output_tokens) * in.kv_bytes_per_token;
}

// The GPUs a replica needs to hold its memory: 1, 2, 4 or 8 (tensor parallelism within a
// server divides heads and layers evenly in powers of two), then whole servers of 8.
LLMB_HD inline double replica_gpus_for_memory(double memory_bytes, double hbm_bytes) {
  const double needed = fmax(1.0, ceil(memory_bytes / hbm_bytes));
  if (needed <= 8) {
    double gpus = 1;
    while (gpus < needed) gpus *= 2;
    return gpus;
  }
  return 8 * ceil(needed / 8);
}

// Throughput of one replica (Pope et al. 2022, Efficiently Scaling Transformer Inference,
// section 2; the roofline of Williams et al. 2009):
// - Decode generates one token per sequence per step. Every step reads the replica's weights
//   once, whatever the batch, plus the batch's KV cache, so at small batches the step is set
//   by HBM bandwidth; its matrix multiplies, 2 FLOPs per active weight per sequence, set it
//   only at large batches. The step is the slower of the two.
// - Prefill runs the prompt through the model in one pass of large matrix multiplies: compute
//   bound, 2 FLOPs per active weight per prompt token. Attention over the context is left out
//   (a few percent of the FLOPs at the contexts of 2023 chat models).
// - Prefill and decode share the GPUs, so a request occupies the replica for its prefill plus
//   its share of the decode steps: prefill + output_tokens x step / batch.
// The KV cache read per step is that of the mean context during decode, prompt + output / 2.
LLMB_HD inline ServingThroughput serving_throughput(const ServingInputs& in) {
  ServingThroughput out;
  out.memory_bytes_per_replica = serving_memory_bytes(in);
  out.gpus_per_replica = in.gpus_per_replica > 0
                             ? in.gpus_per_replica
                             : replica_gpus_for_memory(out.memory_bytes_per_replica, in.hbm_bytes);
  out.fits = out.memory_bytes_per_replica <= out.gpus_per_replica * in.hbm_bytes ? 1.0 : 0.0;

  const double gpus = out.gpus_per_replica;
  const double mean_context = in.prompt_tokens + 0.5 * in.output_tokens;
  const double step_bytes =
      serving_weight_bytes(in) + in.batch_size * mean_context * in.kv_bytes_per_token;
  const double memory_s = step_bytes / (gpus * in.hbm_bytes_per_s * in.bandwidth_utilization);
  const double compute_flop_per_s = gpus * in.peak_flop_per_s * in.compute_utilization;
  const double compute_s = 2.0 * in.active_params * in.batch_size / compute_flop_per_s;
  out.memory_bound = memory_s >= compute_s ? 1.0 : 0.0;
  out.decode_step_s = fmax(memory_s, compute_s);
  out.prefill_s_per_request = 2.0 * in.active_params * in.prompt_tokens / compute_flop_per_s;

  if (in.measured_output_tokens_per_s_per_gpu > 0) {
    // A measured rate includes prefill and scheduling; the step follows from it at this batch.
    out.output_tokens_per_s_per_gpu = in.measured_output_tokens_per_s_per_gpu;
    out.requests_per_s_per_gpu = out.output_tokens_per_s_per_gpu / in.output_tokens;
    out.decode_step_s = in.batch_size / (out.output_tokens_per_s_per_gpu * gpus);
    out.prefill_s_per_request = 0;
    return out;
  }
  const double replica_s_per_request =
      out.prefill_s_per_request + in.output_tokens * out.decode_step_s / in.batch_size;
  out.requests_per_s_per_gpu = 1.0 / (replica_s_per_request * gpus);
  out.output_tokens_per_s_per_gpu = out.requests_per_s_per_gpu * in.output_tokens;
  return out;
}

// The cost of a stated fleet serving `requests_per_day` (SemiAnalysis' method: GPUs x 24 h x
// price, divided among the day's queries).
LLMB_HD inline ServingCost serving_cost_of_fleet(const ServingInputs& in, double gpus,
                                                 double requests_per_day) {
  ServingCost out;
  const ServingThroughput throughput = serving_throughput(in);
  out.requests_per_day = requests_per_day;
  out.tokens_per_day = requests_per_day * (in.prompt_tokens + in.output_tokens);
  out.gpus = gpus;
  const double replicas = gpus / throughput.gpus_per_replica;
  out.replicas = replicas == floor(replicas) ? replicas : 0.0;
  out.gpu_hours_per_day = gpus * 24.0;
  out.usd_per_day = out.gpu_hours_per_day * in.usd_per_gpu_hour;
  out.usd_per_query = requests_per_day > 0 ? out.usd_per_day / requests_per_day : 0.0;
  out.usd_per_million_tokens =
      out.tokens_per_day > 0 ? out.usd_per_day / out.tokens_per_day * 1e6 : 0.0;
  const double output_tokens_per_day = requests_per_day * in.output_tokens;
  out.usd_per_million_output_tokens =
      output_tokens_per_day > 0 ? out.usd_per_day / output_tokens_per_day * 1e6 : 0.0;
  const double capacity_per_day = gpus * throughput.requests_per_s_per_gpu * kSecondsPerDay;
  out.fleet_busy_fraction = capacity_per_day > 0 ? requests_per_day / capacity_per_day : 0.0;
  return out;
}

// The fleet sized from demand: enough whole replicas for the peak (mean x peak_to_average) at
// the usable fraction of their throughput, then costed as a stated fleet.
LLMB_HD inline ServingCost serving_cost(const ServingInputs& in, double requests_per_day) {
  const ServingThroughput throughput = serving_throughput(in);
  const double replica_requests_per_s =
      throughput.requests_per_s_per_gpu * throughput.gpus_per_replica;
  const double needed = requests_per_day / kSecondsPerDay * in.peak_to_average /
                        (replica_requests_per_s * in.fleet_utilization);
  // A hair below the quotient, so that a whole number reached with rounding error (3 as
  // 3.0000000000000004) does not buy a replica.
  const double replicas = ceil(needed * (1.0 - 1e-12));
  ServingCost out =
      serving_cost_of_fleet(in, replicas * throughput.gpus_per_replica, requests_per_day);
  out.replicas = replicas;
  return out;
}

// What one GPU-hour costs its owner: the training model's amortised cost of a run of one GPU
// for one hour, so hardware value lost at the depreciation rate (from the cluster's price per
// GPU: GPU x server factor x interconnect factor, aged) plus the energy drawn (server power per
// GPU x average power fraction x PUE x electricity price). One definition of both formulas.
LLMB_HD inline double owned_usd_per_gpu_hour(const TrainingInputs& owner) {
  TrainingInputs one = owner;
  one.gpu_count = 1;
  one.utilization_basis = kBasisDuration;
  one.duration_s = kSecondsPerHour;
  return evaluate_training(one).cost_amortized_usd;
}

}  // namespace llmb
