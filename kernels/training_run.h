// The cost of one training run: FLOPs -> time on a cluster -> GPU-hours, energy, dollars.
// Plain structs of doubles and inline functions, shared by the single-scenario run, the CPU
// batch backend and the CUDA backend. Every double is in base units (FLOP, s, W, USD, kg).
#pragma once

#include <cmath>

#include "kernels/architecture.h"
#include "kernels/hd.h"
#include "kernels/reliability.h"

namespace llmb {

// Activation recomputation modes (Korthikanti et al. 2022), stored as doubles so that the
// whole input is one array of doubles that sweeps can address field by field.
inline constexpr double kRecomputeNone = 0;
inline constexpr double kRecomputeSelective = 1;  // attention scores and softmax only
inline constexpr double kRecomputeFull = 2;       // every layer's forward pass

// What sets the run's wall-clock time.
inline constexpr double kBasisMfu = 0;  // model-FLOP utilisation of peak
inline constexpr double kBasisHardwareThroughput =
    1;                                       // achieved FLOP/s per GPU, recompute included
inline constexpr double kBasisDuration = 2;  // a stated wall-clock time

inline constexpr double kSecondsPerHour = 3600.0;
// A year of 365 days, as in Cottier et al. 2024 (365 x 24 hours per year).
inline constexpr double kSecondsPerYear = 365.0 * 24.0 * kSecondsPerHour;

struct TrainingInputs {
  // Model and data.
  double params = 0;            // all weights, for reporting
  double flop_params = 0;       // weights in matrix multiplies per token (the active ones, MoE)
  double attention_layers = 0;  // zero without an architecture: no attention term
  double attention_width = 0;   // heads x head size
  double seq_len = 0;
  double tokens = 0;
  // Cluster.
  double gpu_count = 0;
  double peak_flop_per_s = 0;  // per GPU, dense, at the training precision
  // Utilisation.
  double recompute = kRecomputeNone;
  double utilization_basis = kBasisMfu;
  double mfu = 0;                          // fraction 0..1 of peak, model FLOPs
  double hardware_flop_per_s_per_gpu = 0;  // achieved, recomputation included
  double duration_s = 0;
  // Power and emissions.
  double server_power_per_gpu_w = 0;  // server power at full load / GPUs per server
  double average_power_fraction = 0;  // average draw over the run / full-load power
  double pue = 0;                     // facility power / IT power
  double grid_kg_co2_per_kwh = 0;
  // Costs.
  double gpu_price_usd = 0;
  double server_cost_factor = 0;        // server price / (GPUs per server x GPU price)
  double interconnect_cost_factor = 0;  // cluster price / server price
  double cloud_usd_per_gpu_hour = 0;
  double electricity_usd_per_kwh = 0;
  double depreciation_per_year = 0;   // continuous rate of value loss (0.14 OOM/y = 0.322 /y)
  double hardware_age_years = 0;      // age of the hardware when the run starts
  double development_multiplier = 0;  // total development compute / final run compute
  // Reliability (kernels/reliability.h): interruptions, checkpoints and restarts.
  double reliability_enabled = 0;  // 0: the cluster never stops
  double gpus_per_node = 0;
  double failures_per_node_s = 0;
  double failure_stop_fraction = 0;
  double planned_interruptions_per_s = 0;
  double detect_s = 0;
  double restart_s = 0;
  double checkpoint_interval_s = 0;  // 0: Young's optimum
  double checkpoint_bytes = 0;
  double checkpoint_write_bytes_per_s = 0;
  double checkpoint_read_bytes_per_s = 0;
  double checkpoint_async = 0;
  double checkpoint_async_stall_s = 0;
};

struct TrainingOutputs {
  double model_flop = 0;     // 6 N D plus attention: the FLOPs MFU counts
  double hardware_flop = 0;  // model FLOPs plus recomputation: the FLOPs the GPUs execute
  double development_flop = 0;
  double wall_s = 0;
  double gpu_hours = 0;
  double mfu = 0;  // achieved, whatever the basis
  double hfu = 0;
  double facility_power_w = 0;  // at full load, PUE included
  double energy_kwh = 0;
  double co2_kg = 0;
  double cost_purchase_gpus_usd = 0;
  double cost_purchase_cluster_usd = 0;
  double cost_amortized_hardware_usd = 0;
  double cost_energy_usd = 0;
  double cost_amortized_usd = 0;  // hardware value lost during the run plus energy
  double cost_cloud_usd = 0;
  double cost_development_usd = 0;  // amortized basis, all experiments plus the final run
  // Per 1e18 model FLOPs: a price of compute that compares GPU generations and cluster sizes.
  double cost_amortized_usd_per_eflop = 0;
  double cost_cloud_usd_per_eflop = 0;
  // Reliability: zero (ETTR 1) when it is off. wall_s and gpu_hours above include the losses.
  double interruptions = 0;
  double mtbf_s = 0;
  double ettr = 0;
  double checkpoint_interval_s = 0;
  double checkpoint_write_s = 0;
  double best_checkpoint_interval_s = 0;
  double collapse_write_bytes_per_s = 0;
  double productive_s = 0;  // wall-clock time the run computes forward
  double lost_gpu_hours = 0;
  double lost_rework_gpu_hours = 0;
  double lost_checkpoint_gpu_hours = 0;
  double lost_restart_gpu_hours = 0;
  double lost_cloud_usd = 0;
  double lost_rework_cloud_usd = 0;
  double lost_checkpoint_cloud_usd = 0;
  double lost_restart_cloud_usd = 0;
  double lost_amortized_usd = 0;  // the amortised cost's share spent in lost time
};

// Training compute per token: 6 FLOPs per weight per token for forward and backward (Kaplan
// et al. 2020, section 2.1), plus attention over the context when the architecture is known.
LLMB_HD inline double model_flop_per_token(const TrainingInputs& in) {
  return 6.0 * in.flop_params +
         attention_training_flop_per_token(in.attention_layers, in.attention_width, in.seq_len);
}

// FLOPs that recomputation adds per token. Full recomputation repeats the forward pass, a
// third of forward plus backward (so 6 N D becomes 8 N D); selective recomputation repeats
// only the attention core's forward pass (Korthikanti et al. 2022, section 4).
LLMB_HD inline double recompute_flop_per_token(const TrainingInputs& in) {
  if (in.recompute == kRecomputeFull) return model_flop_per_token(in) / 3.0;
  if (in.recompute == kRecomputeSelective)
    return attention_training_flop_per_token(in.attention_layers, in.attention_width, in.seq_len) /
           3.0;
  return 0.0;
}

// The reliability model's inputs, as kernels/reliability.h takes them.
LLMB_HD inline ReliabilityInputs reliability_inputs(const TrainingInputs& in) {
  ReliabilityInputs r;
  r.enabled = in.reliability_enabled;
  r.gpus_per_node = in.gpus_per_node;
  r.failures_per_node_s = in.failures_per_node_s;
  r.stop_fraction = in.failure_stop_fraction;
  r.planned_per_s = in.planned_interruptions_per_s;
  r.detect_s = in.detect_s;
  r.restart_s = in.restart_s;
  r.checkpoint_interval_s = in.checkpoint_interval_s;
  r.checkpoint_bytes = in.checkpoint_bytes;
  r.write_bytes_per_s = in.checkpoint_write_bytes_per_s;
  r.read_bytes_per_s = in.checkpoint_read_bytes_per_s;
  r.checkpoint_async = in.checkpoint_async;
  r.async_stall_s = in.checkpoint_async_stall_s;
  return r;
}

// The losses to interruptions and checkpoints, on top of the steady-state time `time_s` (or,
// for a stated duration, inside it), and the wall-clock time with them.
LLMB_HD inline void apply_reliability(const TrainingInputs& in, double time_s,
                                      TrainingOutputs& out) {
  const ReliabilityOutputs r = evaluate_reliability(reliability_inputs(in), in.gpu_count, time_s,
                                                    in.utilization_basis == kBasisDuration);
  out.wall_s = r.elapsed_s;
  out.interruptions = r.interruptions;
  out.mtbf_s = r.mtbf_s;
  out.ettr = r.ettr;
  out.checkpoint_interval_s = r.checkpoint_interval_s;
  out.checkpoint_write_s = r.checkpoint_write_s;
  out.best_checkpoint_interval_s = r.best_interval_s;
  out.collapse_write_bytes_per_s = r.collapse_write_bytes_per_s;
  out.productive_s = r.elapsed_s - r.lost_rework_s - r.lost_checkpoint_s - r.lost_restart_s;
  const double gpus_per_hour = in.gpu_count / kSecondsPerHour;
  out.lost_rework_gpu_hours = r.lost_rework_s * gpus_per_hour;
  out.lost_checkpoint_gpu_hours = r.lost_checkpoint_s * gpus_per_hour;
  out.lost_restart_gpu_hours = r.lost_restart_s * gpus_per_hour;
  out.lost_gpu_hours =
      out.lost_rework_gpu_hours + out.lost_checkpoint_gpu_hours + out.lost_restart_gpu_hours;
}

LLMB_HD inline double wall_seconds(const TrainingInputs& in, double model_flop,
                                   double hardware_flop) {
  if (in.utilization_basis == kBasisDuration) return in.duration_s;
  if (in.utilization_basis == kBasisHardwareThroughput)
    return hardware_flop / (in.gpu_count * in.hardware_flop_per_s_per_gpu);
  return model_flop / (in.gpu_count * in.peak_flop_per_s * in.mfu);
}

// Fraction of its value hardware loses over `years` at a continuous depreciation rate.
// Cottier et al. 2024 (section 2.2) use the first-order form rate x years; this is the exact
// exponential it approximates, equal to it for runs much shorter than a year.
LLMB_HD inline double value_lost_fraction(double depreciation_per_year, double years) {
  return -expm1(-depreciation_per_year * years);
}

// evaluate_training() in two stages around its two exponentials, so that a batch of points can
// run each stage as a vector loop and the exponentials (libm, point by point) between them.
// The compute, time, utilisation, energy and purchase prices of a run.
LLMB_HD inline void training_time_and_energy(const TrainingInputs& in, TrainingOutputs& out) {
  out.model_flop = model_flop_per_token(in) * in.tokens;
  out.hardware_flop = out.model_flop + recompute_flop_per_token(in) * in.tokens;
  out.development_flop = out.model_flop * in.development_multiplier;

  apply_reliability(in, wall_seconds(in, out.model_flop, out.hardware_flop), out);
  out.gpu_hours = in.gpu_count * out.wall_s / kSecondsPerHour;
  const double peak_cluster_flop = in.gpu_count * in.peak_flop_per_s * out.wall_s;
  out.mfu = out.model_flop / peak_cluster_flop;
  out.hfu = out.hardware_flop / peak_cluster_flop;

  // Energy after Cottier et al. 2024 (appendix A.4): server power per GPU, times the average
  // fraction of it drawn over a run, times the facility's PUE.
  out.facility_power_w = in.gpu_count * in.server_power_per_gpu_w * in.pue;
  out.energy_kwh =
      out.facility_power_w * in.average_power_fraction * out.wall_s / kSecondsPerHour / 1000.0;
  out.co2_kg = out.energy_kwh * in.grid_kg_co2_per_kwh;

  out.cost_purchase_gpus_usd = in.gpu_count * in.gpu_price_usd;
  out.cost_purchase_cluster_usd =
      out.cost_purchase_gpus_usd * in.server_cost_factor * in.interconnect_cost_factor;
}

// Fraction of its purchase price hardware is still worth when the run starts.
LLMB_HD inline double start_value_fraction(const TrainingInputs& in) {
  return exp(-in.depreciation_per_year * in.hardware_age_years);
}

LLMB_HD inline double run_value_lost_fraction(const TrainingInputs& in,
                                              const TrainingOutputs& out) {
  return value_lost_fraction(in.depreciation_per_year, out.wall_s / kSecondsPerYear);
}

// The costs, from the first stage's outputs and the two fractions above.
LLMB_HD inline void training_costs(const TrainingInputs& in, double start_value, double value_lost,
                                   TrainingOutputs& out) {
  // Amortised ownership: the value the cluster loses over the run, from its value at the
  // start of the run, plus the energy bought.
  const double start_value_usd = out.cost_purchase_cluster_usd * start_value;
  out.cost_amortized_hardware_usd = start_value_usd * value_lost;
  out.cost_energy_usd = out.energy_kwh * in.electricity_usd_per_kwh;
  out.cost_amortized_usd = out.cost_amortized_hardware_usd + out.cost_energy_usd;

  out.cost_cloud_usd = out.gpu_hours * in.cloud_usd_per_gpu_hour;
  out.cost_development_usd = out.cost_amortized_usd * in.development_multiplier;
  out.cost_amortized_usd_per_eflop = out.cost_amortized_usd / out.model_flop * 1e18;
  out.cost_cloud_usd_per_eflop = out.cost_cloud_usd / out.model_flop * 1e18;

  // What the losses cost: at the cloud rate, and as the lost time's share of the amortised cost.
  out.lost_rework_cloud_usd = out.lost_rework_gpu_hours * in.cloud_usd_per_gpu_hour;
  out.lost_checkpoint_cloud_usd = out.lost_checkpoint_gpu_hours * in.cloud_usd_per_gpu_hour;
  out.lost_restart_cloud_usd = out.lost_restart_gpu_hours * in.cloud_usd_per_gpu_hour;
  out.lost_cloud_usd = out.lost_gpu_hours * in.cloud_usd_per_gpu_hour;
  out.lost_amortized_usd = out.cost_amortized_usd * (out.lost_gpu_hours / out.gpu_hours);
}

LLMB_HD inline TrainingOutputs evaluate_training(const TrainingInputs& in) {
  TrainingOutputs out;
  training_time_and_energy(in, out);
  training_costs(in, start_value_fraction(in), run_value_lost_fraction(in, out), out);
  return out;
}

}  // namespace llmb
