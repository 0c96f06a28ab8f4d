// A distribution written in YAML, {dist: triangular, min: 30%, mode: 40%, max: 50%}, read in
// the units of the path it stands for. Sweep files and company scenarios share it.
#pragma once

#include <string>
#include <utility>

#include "kernels/random_draw.h"
#include "sim/units.h"
#include "sim/yaml/fields.h"

namespace llmb {

// Reads the mapping `f` (keys dist and its parameters), parameters in `dimension`; sets
// `kind_name` to the dist as written. Invalid parameters are InputErrors at their key.
Distribution read_distribution(const Fields& f, Dimension dimension, std::string& kind_name);

// The value a deterministic run uses in place of the distribution: the mean of a uniform or
// normal, the median of a log-uniform or log-normal, the mode of a triangular or PERT.
double central_value(const Distribution& d);

// Standard deviations either side of a normal's mean (of a log-normal's log) that its draws
// are clamped to: the tails beyond hold 2 draws in a billion.
inline constexpr double kTailSigmas = 6.0;

// The values draws can take: the support of a bounded distribution, or the clamp of a normal
// or log-normal at kTailSigmas.
std::pair<double, double> draw_range(const Distribution& d);

// Two distinct nonzero points of the support (where it has them), to find which model inputs
// a value moves and by how much.
std::pair<double, double> support_probes(const Distribution& d);

}  // namespace llmb
