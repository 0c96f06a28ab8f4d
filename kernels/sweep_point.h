// A sweep point from its flat index: the grid coordinates by mixed radix (nothing is
// materialised), the random inputs by Philox, then the training model. The CUDA backend calls
// sweep_point_inputs() point by point; the CPU backend walks blocks of consecutive points
// (BlockEvaluator, kernels/batch_cpu.h) and gives the same inputs, as tests check. Any point
// can be recomputed from its index alone.
#pragma once

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "kernels/hd.h"
#include "kernels/random_draw.h"
#include "kernels/training_run.h"

namespace llmb {

// TrainingInputs is addressed field by field as an array of doubles.
static_assert(std::is_standard_layout_v<TrainingInputs>);
inline constexpr int kTrainingInputFields = sizeof(TrainingInputs) / sizeof(double);
static_assert(sizeof(TrainingInputs) == kTrainingInputFields * sizeof(double));

LLMB_HD inline double* input_field(TrainingInputs& in, int field) {
  return reinterpret_cast<double*>(&in) + field;
}

inline constexpr int kMaxFieldsPerRandomInput = 4;

// A random input: one draw, written to each target field times its scale (a path may feed
// several fields, as model.params feeds params and flop_params). Draws are clamped to
// [low, high], the range the loader checked the model accepts: a normal's or log-normal's far
// tails (beyond 6 standard deviations, 2 draws in a billion) never reach the model.
struct RandomInput {
  Distribution distribution;
  int field_count = 0;
  int fields[kMaxFieldsPerRandomInput] = {};
  double scales[kMaxFieldsPerRandomInput] = {};
  double low = -INFINITY;
  double high = INFINITY;
  int whole_number = 0;  // 1: the input takes whole numbers (a GPU count); draws are rounded
};

// The value random input number r takes at point (or sample) `index`.
LLMB_HD inline double random_value(const RandomInput& random, std::uint64_t seed,
                                   std::uint64_t index, int r) {
  const double value = draw(random.distribution, seed, index, static_cast<std::uint32_t>(r));
  // low and high of a whole-number input are whole, so the rounded draw stays between them.
  // Comparisons, not fmin/fmax: draws are never NaN, and on the CPU fmin and fmax are library
  // calls (their NaN rules) where these are two instructions.
  const double raised = value < random.low ? random.low : value;
  const double clamped = raised > random.high ? random.high : raised;
  return random.whole_number ? round(clamped) : clamped;
}

// Writes one value of a random input into the fields it feeds, in a model's inputs seen as an
// array of doubles (TrainingInputs, CompanyInputs).
LLMB_HD inline void write_random_value(double* fields, const RandomInput& random, double value) {
  for (int k = 0; k < random.field_count; ++k) fields[random.fields[k]] = random.scales[k] * value;
}

// A grid axis group (one axis, zipped axes, or axes resolved together because they touch the
// same inputs): `combos` settings, each writing `field_count` fields.
struct AxisGroup {
  std::uint64_t combos = 0;
  std::uint64_t stride = 0;  // grid index step between consecutive combos (last group fastest)
  int field_begin = 0;       // into SweepPlanView::fields
  int field_count = 0;
  std::uint64_t value_begin =
      0;  // into SweepPlanView::values: combo c, field k at begin + c*count + k
};

// The most axis groups a sweep may have (the CPU backend keeps each group's odometer wheel).
inline constexpr int kMaxWalkerGroups = 32;

// Everything a backend needs, as plain arrays (device pointers on the GPU).
struct SweepPlanView {
  TrainingInputs base;
  std::uint64_t grid_points = 1;
  std::uint64_t samples = 1;  // Monte Carlo draws per grid point
  std::uint64_t total = 1;    // grid_points x samples
  std::uint64_t seed = 0;
  int group_count = 0;
  const AxisGroup* groups = nullptr;
  int field_total = 0;
  const int* fields = nullptr;
  std::uint64_t value_total = 0;
  const double* values = nullptr;
  int random_count = 0;
  const RandomInput* randoms = nullptr;
};

// Point `index` (0 <= index < total) is grid point index / samples, draw index % samples.
LLMB_HD inline std::uint64_t grid_index_of(const SweepPlanView& plan, std::uint64_t index) {
  return index / plan.samples;
}

// The combo of group g at grid index `grid`.
LLMB_HD inline std::uint64_t combo_of(const AxisGroup& group, std::uint64_t grid) {
  return (grid / group.stride) % group.combos;
}

LLMB_HD inline TrainingInputs sweep_point_inputs(const SweepPlanView& plan, std::uint64_t index) {
  TrainingInputs in = plan.base;
  const std::uint64_t grid = grid_index_of(plan, index);
  for (int g = 0; g < plan.group_count; ++g) {
    const AxisGroup& group = plan.groups[g];
    const double* row = plan.values + group.value_begin + combo_of(group, grid) * group.field_count;
    for (int k = 0; k < group.field_count; ++k)
      *input_field(in, plan.fields[group.field_begin + k]) = row[k];
  }
  for (int r = 0; r < plan.random_count; ++r)
    write_random_value(input_field(in, 0), plan.randoms[r],
                       random_value(plan.randoms[r], plan.seed, index, r));
  return in;
}

// The value random input r took at point `index`, for reports.
LLMB_HD inline double sweep_random_value(const SweepPlanView& plan, std::uint64_t index, int r) {
  return random_value(plan.randoms[r], plan.seed, index, r);
}

LLMB_HD inline TrainingOutputs evaluate_sweep_point(const SweepPlanView& plan,
                                                    std::uint64_t index) {
  return evaluate_training(sweep_point_inputs(plan, index));
}

}  // namespace llmb
