// The outputs of a training run as the user sees them: a key (the JSON path), its dimension,
// and the scale from the model's base unit to the unit in the key's name. Writers, claims and
// sweeps all go through this one table.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/training_run.h"
#include "sim/units.h"

namespace llmb {

struct OutputField {
  std::string_view key;  // "cost.cloud_usd"; dots are JSON nesting
  Dimension dimension;   // of the base value, for parsing published figures
  double TrainingOutputs::*member;
  double key_unit_per_base;  // wall_days = wall_s / 86400
  std::string_view label;    // for tables

  double base_value(const TrainingOutputs& out) const { return out.*member; }
  double key_value(const TrainingOutputs& out) const { return out.*member * key_unit_per_base; }
};

std::span<const OutputField> training_output_fields();
const OutputField* find_output_field(std::string_view key);  // nullptr when unknown
std::vector<std::string> output_keys();

}  // namespace llmb
