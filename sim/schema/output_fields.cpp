#include "sim/schema/output_fields.h"

#include <array>
#include <string>
#include <vector>

#include "kernels/summary.h"

namespace llmb {

std::span<const OutputField> training_output_fields() {
  using O = TrainingOutputs;
  static const std::array<OutputField, 36> fields{{
      {"flops", Dimension::kFlop, &O::model_flop, 1.0, "Training compute (model FLOPs)"},
      {"hardware_flops", Dimension::kFlop, &O::hardware_flop, 1.0,
       "Executed FLOPs (with recompute)"},
      {"development_flops", Dimension::kFlop, &O::development_flop, 1.0,
       "Development compute (all runs)"},
      {"wall_days", Dimension::kTime, &O::wall_s, 1.0 / 86400.0, "Wall-clock time"},
      {"gpu_hours", Dimension::kGpuHours, &O::gpu_hours, 1.0, "GPU-hours"},
      {"mfu", Dimension::kDimensionless, &O::mfu, 1.0, "Model FLOP utilisation"},
      {"hfu", Dimension::kDimensionless, &O::hfu, 1.0, "Hardware FLOP utilisation"},
      {"facility_power_mw", Dimension::kPower, &O::facility_power_w, 1e-6,
       "Facility power at full load"},
      {"energy_mwh", Dimension::kEnergy, &O::energy_kwh, 1e-3, "Energy"},
      {"co2_t", Dimension::kMass, &O::co2_kg, 1e-3, "CO2 emitted"},
      {"cost.purchase_gpus_usd", Dimension::kUsd, &O::cost_purchase_gpus_usd, 1.0,
       "Purchase: GPUs"},
      {"cost.purchase_cluster_usd", Dimension::kUsd, &O::cost_purchase_cluster_usd, 1.0,
       "Purchase: whole cluster"},
      {"cost.amortized_hardware_usd", Dimension::kUsd, &O::cost_amortized_hardware_usd, 1.0,
       "Amortised: hardware value lost"},
      {"cost.energy_usd", Dimension::kUsd, &O::cost_energy_usd, 1.0, "Amortised: energy"},
      {"cost.amortized_usd", Dimension::kUsd, &O::cost_amortized_usd, 1.0, "Amortised: run total"},
      {"cost.cloud_usd", Dimension::kUsd, &O::cost_cloud_usd, 1.0, "Cloud rental: run"},
      {"cost.development_usd", Dimension::kUsd, &O::cost_development_usd, 1.0,
       "Development (amortised, all runs)"},
      {"cost.amortized_usd_per_eflop", Dimension::kUsd, &O::cost_amortized_usd_per_eflop, 1.0,
       "Amortised per 1e18 FLOP"},
      {"cost.cloud_usd_per_eflop", Dimension::kUsd, &O::cost_cloud_usd_per_eflop, 1.0,
       "Cloud per 1e18 FLOP"},
      // Reliability (kernels/reliability.h); zeros, and ETTR 100%, when it is off.
      {"reliability.interruptions", Dimension::kCount, &O::interruptions, 1.0,
       "Interruptions (expected)"},
      {"reliability.mtbf_hours", Dimension::kTime, &O::mtbf_s, 1.0 / 3600.0,
       "Job MTBF (between interruptions)"},
      {"reliability.ettr", Dimension::kDimensionless, &O::ettr, 1.0,
       "Effective training time ratio"},
      {"reliability.checkpoint_interval_s", Dimension::kTime, &O::checkpoint_interval_s, 1.0,
       "Checkpoint interval used"},
      {"reliability.checkpoint_write_s", Dimension::kTime, &O::checkpoint_write_s, 1.0,
       "Checkpoint write time"},
      {"reliability.best_checkpoint_interval_s", Dimension::kTime, &O::best_checkpoint_interval_s,
       1.0, "Goodput-maximising interval"},
      {"reliability.collapse_write_gb_per_s", Dimension::kBytesPerSecond,
       &O::collapse_write_bytes_per_s, 1e-9, "Storage write below which goodput collapses"},
      {"reliability.productive_days", Dimension::kTime, &O::productive_s, 1.0 / 86400.0,
       "Productive wall-clock time"},
      {"reliability.lost_gpu_hours", Dimension::kGpuHours, &O::lost_gpu_hours, 1.0,
       "Lost GPU-hours (all)"},
      {"reliability.lost_failures_gpu_hours", Dimension::kGpuHours, &O::lost_rework_gpu_hours, 1.0,
       "Lost: work redone after failures"},
      {"reliability.lost_checkpoint_gpu_hours", Dimension::kGpuHours, &O::lost_checkpoint_gpu_hours,
       1.0, "Lost: blocked on checkpoints"},
      {"reliability.lost_restart_gpu_hours", Dimension::kGpuHours, &O::lost_restart_gpu_hours, 1.0,
       "Lost: detect, restart, reload"},
      {"reliability.lost_cloud_usd", Dimension::kUsd, &O::lost_cloud_usd, 1.0,
       "Lost at cloud rates (all)"},
      {"reliability.lost_failures_cloud_usd", Dimension::kUsd, &O::lost_rework_cloud_usd, 1.0,
       "Lost at cloud rates: failures"},
      {"reliability.lost_checkpoint_cloud_usd", Dimension::kUsd, &O::lost_checkpoint_cloud_usd, 1.0,
       "Lost at cloud rates: checkpoints"},
      {"reliability.lost_restart_cloud_usd", Dimension::kUsd, &O::lost_restart_cloud_usd, 1.0,
       "Lost at cloud rates: restarts"},
      {"reliability.lost_amortized_usd", Dimension::kUsd, &O::lost_amortized_usd, 1.0,
       "Lost: share of amortised cost"},
  }};
  static_assert(fields.size() == kTrainingOutputFields, "every TrainingOutputs member has a key");
  return fields;
}

const OutputField* find_output_field(std::string_view key) {
  for (const auto& field : training_output_fields())
    if (field.key == key) return &field;
  return nullptr;
}

std::vector<std::string> output_keys() {
  std::vector<std::string> keys;
  for (const auto& field : training_output_fields()) keys.emplace_back(field.key);
  return keys;
}

}  // namespace llmb
