#include "sim/schema/input_fields.h"

#include <array>

#include "kernels/sweep_point.h"

namespace llmb {

std::span<const InputField> training_input_fields() {
  using I = TrainingInputs;
  static const std::array<InputField, 38> fields{{
      {"params", &I::params},
      {"flop_params", &I::flop_params},
      {"attention_layers", &I::attention_layers},
      {"attention_width", &I::attention_width},
      {"seq_len", &I::seq_len},
      {"tokens", &I::tokens},
      {"gpu_count", &I::gpu_count},
      {"peak_flop_per_s", &I::peak_flop_per_s},
      {"recompute", &I::recompute},
      {"utilization_basis", &I::utilization_basis},
      {"mfu", &I::mfu},
      {"hardware_flop_per_s_per_gpu", &I::hardware_flop_per_s_per_gpu},
      {"duration_s", &I::duration_s},
      {"server_power_per_gpu_w", &I::server_power_per_gpu_w},
      {"average_power_fraction", &I::average_power_fraction},
      {"pue", &I::pue},
      {"grid_kg_co2_per_kwh", &I::grid_kg_co2_per_kwh},
      {"gpu_price_usd", &I::gpu_price_usd},
      {"server_cost_factor", &I::server_cost_factor},
      {"interconnect_cost_factor", &I::interconnect_cost_factor},
      {"cloud_usd_per_gpu_hour", &I::cloud_usd_per_gpu_hour},
      {"electricity_usd_per_kwh", &I::electricity_usd_per_kwh},
      {"depreciation_per_year", &I::depreciation_per_year},
      {"hardware_age_years", &I::hardware_age_years},
      {"development_multiplier", &I::development_multiplier},
      {"reliability_enabled", &I::reliability_enabled},
      {"gpus_per_node", &I::gpus_per_node},
      {"failures_per_node_s", &I::failures_per_node_s},
      {"failure_stop_fraction", &I::failure_stop_fraction},
      {"planned_interruptions_per_s", &I::planned_interruptions_per_s},
      {"detect_s", &I::detect_s},
      {"restart_s", &I::restart_s},
      {"checkpoint_interval_s", &I::checkpoint_interval_s},
      {"checkpoint_bytes", &I::checkpoint_bytes},
      {"checkpoint_write_bytes_per_s", &I::checkpoint_write_bytes_per_s},
      {"checkpoint_read_bytes_per_s", &I::checkpoint_read_bytes_per_s},
      {"checkpoint_async", &I::checkpoint_async},
      {"checkpoint_async_stall_s", &I::checkpoint_async_stall_s},
  }};
  static_assert(fields.size() == kTrainingInputFields, "every TrainingInputs member has a name");
  return fields;
}

}  // namespace llmb
