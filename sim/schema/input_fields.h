// The model's inputs by name, in struct order: for reports that show every input a run used
// and for tools that recompute the model elsewhere (the numpy comparison in scripts/bench).
#pragma once

#include <span>
#include <string_view>

#include "kernels/training_run.h"

namespace llmb {

struct InputField {
  std::string_view name;  // the TrainingInputs member's name
  double TrainingInputs::*member;
};

std::span<const InputField> training_input_fields();

}  // namespace llmb
