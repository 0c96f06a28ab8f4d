#include "sim/schema/output_fields.h"

#include <array>
#include <string>
#include <vector>

#include "kernels/summary.h"

namespace llmb {

std::span<const OutputField> training_output_fields() {
  using O = TrainingOutputs;
  static const std::array<OutputField, 36> fields{{
      {"flops", Dimension::kFlop, &member_value<O, &O::model_flop>,
       "Training compute (model FLOPs)", false, 1.0},
      {"hardware_flops", Dimension::kFlop, &member_value<O, &O::hardware_flop>,
       "Executed FLOPs (with recompute)", false, 1.0},
      {"development_flops", Dimension::kFlop, &member_value<O, &O::development_flop>,
       "Development compute (all runs)", false, 1.0},
      {"wall_days", Dimension::kTime, &member_value<O, &O::wall_s>, "Wall-clock time", false,
       1.0 / 86400.0},
      {"gpu_hours", Dimension::kGpuHours, &member_value<O, &O::gpu_hours>, "GPU-hours", false, 1.0},
      {"mfu", Dimension::kDimensionless, &member_value<O, &O::mfu>, "Model FLOP utilisation", true,
       1.0},
      {"hfu", Dimension::kDimensionless, &member_value<O, &O::hfu>, "Hardware FLOP utilisation",
       true, 1.0},
      {"facility_power_mw", Dimension::kPower, &member_value<O, &O::facility_power_w>,
       "Facility power at full load", false, 1e-6},
      {"energy_mwh", Dimension::kEnergy, &member_value<O, &O::energy_kwh>, "Energy", false, 1e-3},
      {"co2_t", Dimension::kMass, &member_value<O, &O::co2_kg>, "CO2 emitted", false, 1e-3},
      {"cost.purchase_gpus_usd", Dimension::kUsd, &member_value<O, &O::cost_purchase_gpus_usd>,
       "Purchase: GPUs", false, 1.0},
      {"cost.purchase_cluster_usd", Dimension::kUsd,
       &member_value<O, &O::cost_purchase_cluster_usd>, "Purchase: whole cluster", false, 1.0},
      {"cost.amortized_hardware_usd", Dimension::kUsd,
       &member_value<O, &O::cost_amortized_hardware_usd>, "Amortised: hardware value lost", false,
       1.0},
      {"cost.energy_usd", Dimension::kUsd, &member_value<O, &O::cost_energy_usd>,
       "Amortised: energy", false, 1.0},
      {"cost.amortized_usd", Dimension::kUsd, &member_value<O, &O::cost_amortized_usd>,
       "Amortised: run total", false, 1.0},
      {"cost.cloud_usd", Dimension::kUsd, &member_value<O, &O::cost_cloud_usd>, "Cloud rental: run",
       false, 1.0},
      {"cost.development_usd", Dimension::kUsd, &member_value<O, &O::cost_development_usd>,
       "Development (amortised, all runs)", false, 1.0},
      {"cost.amortized_usd_per_eflop", Dimension::kUsd,
       &member_value<O, &O::cost_amortized_usd_per_eflop>, "Amortised per 1e18 FLOP", false, 1.0},
      {"cost.cloud_usd_per_eflop", Dimension::kUsd, &member_value<O, &O::cost_cloud_usd_per_eflop>,
       "Cloud per 1e18 FLOP", false, 1.0},
      // Reliability (kernels/reliability.h); zeros, and ETTR 100%, when it is off.
      {"reliability.interruptions", Dimension::kCount, &member_value<O, &O::interruptions>,
       "Interruptions (expected)", false, 1.0},
      {"reliability.mtbf_hours", Dimension::kTime, &member_value<O, &O::mtbf_s>,
       "Job MTBF (between interruptions)", false, 1.0 / 3600.0},
      {"reliability.ettr", Dimension::kDimensionless, &member_value<O, &O::ettr>,
       "Effective training time ratio", true, 1.0},
      {"reliability.checkpoint_interval_s", Dimension::kTime,
       &member_value<O, &O::checkpoint_interval_s>, "Checkpoint interval used", false, 1.0},
      {"reliability.checkpoint_write_s", Dimension::kTime, &member_value<O, &O::checkpoint_write_s>,
       "Checkpoint write time", false, 1.0},
      {"reliability.best_checkpoint_interval_s", Dimension::kTime,
       &member_value<O, &O::best_checkpoint_interval_s>, "Goodput-maximising interval", false, 1.0},
      {"reliability.collapse_write_gb_per_s", Dimension::kBytesPerSecond,
       &member_value<O, &O::collapse_write_bytes_per_s>,
       "Storage write below which goodput collapses", false, 1e-9},
      {"reliability.productive_days", Dimension::kTime, &member_value<O, &O::productive_s>,
       "Productive wall-clock time", false, 1.0 / 86400.0},
      {"reliability.lost_gpu_hours", Dimension::kGpuHours, &member_value<O, &O::lost_gpu_hours>,
       "Lost GPU-hours (all)", false, 1.0},
      {"reliability.lost_failures_gpu_hours", Dimension::kGpuHours,
       &member_value<O, &O::lost_rework_gpu_hours>, "Lost: work redone after failures", false, 1.0},
      {"reliability.lost_checkpoint_gpu_hours", Dimension::kGpuHours,
       &member_value<O, &O::lost_checkpoint_gpu_hours>, "Lost: blocked on checkpoints", false, 1.0},
      {"reliability.lost_restart_gpu_hours", Dimension::kGpuHours,
       &member_value<O, &O::lost_restart_gpu_hours>, "Lost: detect, restart, reload", false, 1.0},
      {"reliability.lost_cloud_usd", Dimension::kUsd, &member_value<O, &O::lost_cloud_usd>,
       "Lost at cloud rates (all)", false, 1.0},
      {"reliability.lost_failures_cloud_usd", Dimension::kUsd,
       &member_value<O, &O::lost_rework_cloud_usd>, "Lost at cloud rates: failures", false, 1.0},
      {"reliability.lost_checkpoint_cloud_usd", Dimension::kUsd,
       &member_value<O, &O::lost_checkpoint_cloud_usd>, "Lost at cloud rates: checkpoints", false,
       1.0},
      {"reliability.lost_restart_cloud_usd", Dimension::kUsd,
       &member_value<O, &O::lost_restart_cloud_usd>, "Lost at cloud rates: restarts", false, 1.0},
      {"reliability.lost_amortized_usd", Dimension::kUsd, &member_value<O, &O::lost_amortized_usd>,
       "Lost: share of amortised cost", false, 1.0},
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
