// The outputs of a training run as the user sees them (sim/schema/result_field.h): a key (the
// JSON path), its dimension, and the scale from the model's base unit to the unit in the key's
// name. Writers, claims and sweeps all go through this one table.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/training_run.h"
#include "sim/schema/result_field.h"
#include "sim/units.h"

namespace llmb {

// Positions in this table are positions in TrainingOutputs (output_field() in kernels/), which
// the sweep backends address by index; a test checks the order.
using OutputField = ResultField<TrainingOutputs>;

std::span<const OutputField> training_output_fields();
const OutputField* find_output_field(std::string_view key);  // nullptr when unknown
std::vector<std::string> output_keys();

}  // namespace llmb
