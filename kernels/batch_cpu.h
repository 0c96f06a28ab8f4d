// The CPU backend: points of a sweep evaluated on threads over fixed-size chunks, calling the
// same per-point functions as the CUDA backend.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "kernels/summary.h"
#include "kernels/sweep_point.h"

namespace llmb {

// Runs fn(chunk) for chunk = 0 .. chunks-1 on `threads` threads; each chunk runs on one
// thread. `done_points` (optional) counts progress; `stop` (optional) ends the run early,
// after the chunks already started. fn(worker, chunk) gets the worker's number.
void parallel_chunks(std::uint64_t chunks, int threads,
                     const std::function<void(int worker, std::uint64_t chunk)>& fn,
                     const std::function<void()>& on_wait = {},
                     const std::atomic<bool>* stop = nullptr);

// Evaluates points [begin, end) into out[0 .. end-begin).
void evaluate_points_cpu(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                         TrainingOutputs* out);

// Consecutive points as structure of arrays: values[f][j] is output field f of the block's
// point j.
inline constexpr int kBlockPoints = 64;

struct OutputBlock {
  alignas(64) double values[kTrainingOutputFields][kBlockPoints];
  TrainingOutputs point(int j) const;  // point j's outputs as one struct
};

// Evaluates consecutive points a block at a time, giving the same doubles as
// evaluate_sweep_point(): each input field is an array over the block, written only where it
// changes (the fastest axis, the random draws); the model's two stages run as vector loops
// over the block and its exponentials point by point between them, or once for the block
// when their inputs do not change within it. Holds at most kMaxWalkerGroups groups.
class BlockEvaluator {
 public:
  BlockEvaluator(const SweepPlanView& plan, std::uint64_t first);

  // Evaluates the next `count` points (1 .. kBlockPoints) into out.values[f][0 .. count).
  void next(int count, OutputBlock& out);         // compiled twice: kernels/cpu_clones.h
  std::uint64_t index() const { return index_; }  // the next point's index

 private:
  void set_constant(int field, double value);

  const SweepPlanView& plan_;
  // The next point, and the odometer of the grid: for each group, grid points into its
  // current setting (of `stride`) and that setting.
  std::uint64_t index_;
  std::uint64_t sample_;
  std::uint64_t within_[kMaxWalkerGroups] = {};
  std::uint64_t combo_[kMaxWalkerGroups] = {};
  // The group that sets each input field (-1: the base's value) and the field's place in it.
  int writer_[kTrainingInputFields];
  int writer_position_[kTrainingInputFields] = {};
  alignas(64) double inputs_[kTrainingInputFields][kBlockPoints] = {};
  alignas(64) double start_value_[kBlockPoints] = {};
  alignas(64) double value_lost_[kBlockPoints] = {};
  // Whether inputs_[f] holds one value in every lane, and which (as bits, so NaN compares).
  bool uniform_[kTrainingInputFields] = {};
  std::uint64_t uniform_bits_[kTrainingInputFields] = {};
};

}  // namespace llmb
