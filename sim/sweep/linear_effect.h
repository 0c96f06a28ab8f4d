// How a numeric input path moves a model's inputs (an array of doubles): in proportion to its
// value, or to a constant. A random input must act this way so that one draw, times a scale,
// sets each field it feeds. Sweeps (TrainingInputs) and companies (CompanyInputs) share it.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kernels/sweep_point.h"
#include "sim/input_error.h"
#include "sim/units.h"

namespace llmb {

struct LinearEffect {
  std::map<int, double> scales;  // field -> value per unit of the path
  std::map<int, double> fixed;   // field -> the constant it takes whatever the value
};

// `load_at(value)` loads the model with the path at `value` and returns its inputs as doubles.
// nullopt unless every field that moves is proportional to the value. Probe values must be
// distinct and nonzero.
std::optional<LinearEffect> linear_effect(
    const std::vector<double>& base, const std::vector<double>& probes,
    const std::function<std::vector<double>(double value)>& load_at);

// The random input drawing `distribution` into the fields `effect` scales. Writes the fixed
// fields into `base`; `used` collects fields already drawn, which may not be drawn twice.
RandomInput random_input_from(const LinearEffect& effect, const Distribution& distribution,
                              const std::string& path, const SourceLoc& where, std::set<int>& used,
                              double* base);

// Sets the random input's clamp to the distribution's draw range and checks that the model
// takes both ends: `load_at(value)` loads it with the path at `value` and throws InputError
// where it refuses. A refusal becomes an error at the distribution, naming the end it reached.
void check_draw_range(RandomInput& random, const std::string& path, const SourceLoc& where,
                      Dimension dimension, const std::function<void(double value)>& load_at);

}  // namespace llmb
