#include "kernels/batch_cpu.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "kernels/cpu_clones.h"

namespace llmb {

void parallel_chunks(std::uint64_t chunks, int threads,
                     const std::function<void(int, std::uint64_t)>& fn,
                     const std::function<void()>& on_wait, const std::atomic<bool>* stop) {
  std::atomic<std::uint64_t> next{0};
  std::atomic<int> running{threads};
  std::mutex mutex;
  std::condition_variable finished;
  std::exception_ptr failure;
  auto worker = [&](int id) {
    try {
      while (!(stop && stop->load(std::memory_order_relaxed)) && !failure) {
        const std::uint64_t chunk = next.fetch_add(1, std::memory_order_relaxed);
        if (chunk >= chunks) break;
        fn(id, chunk);
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      if (!failure) failure = std::current_exception();
    }
    std::lock_guard lock(mutex);
    if (--running == 0) finished.notify_all();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker, t);
  {
    std::unique_lock lock(mutex);
    while (running > 0) {
      finished.wait_for(lock, std::chrono::milliseconds(100));
      if (on_wait) {
        lock.unlock();
        on_wait();
        lock.lock();
      }
    }
  }
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

namespace {

// Positions of fields in the arrays of doubles that TrainingInputs and TrainingOutputs are.
constexpr int kRecomputeField =
    static_cast<int>(offsetof(TrainingInputs, recompute) / sizeof(double));
constexpr int kBasisField =
    static_cast<int>(offsetof(TrainingInputs, utilization_basis) / sizeof(double));
constexpr int kDepreciationField =
    static_cast<int>(offsetof(TrainingInputs, depreciation_per_year) / sizeof(double));
constexpr int kReliabilityField =
    static_cast<int>(offsetof(TrainingInputs, reliability_enabled) / sizeof(double));
constexpr int kAgeField =
    static_cast<int>(offsetof(TrainingInputs, hardware_age_years) / sizeof(double));
constexpr int kWallField = static_cast<int>(offsetof(TrainingOutputs, wall_s) / sizeof(double));

// The lane copies below unroll fully only while the structs have fewer fields than this.
constexpr int kLaneUnroll = 128;
static_assert(kTrainingInputFields <= kLaneUnroll && kTrainingOutputFields <= kLaneUnroll,
              "raise the unroll counts of the lane copies (#pragma GCC unroll) with kLaneUnroll");

// Lanes of inputs and outputs; the two never overlap, which the vector loops need to know.
using InputLanes = double[kTrainingInputFields][kBlockPoints];
using OutputLanes = double[kTrainingOutputFields][kBlockPoints];
using InputPtr = const double (*__restrict)[kBlockPoints];
using OutputPtr = double (*__restrict)[kBlockPoints];

inline TrainingInputs lane_inputs(InputPtr in, int j) {
  TrainingInputs x;
#pragma GCC unroll 128
  for (int f = 0; f < kTrainingInputFields; ++f) *input_field(x, f) = in[f][j];
  return x;
}

inline TrainingOutputs lane_outputs(const double (*out)[kBlockPoints], int j) {
  TrainingOutputs o;
#pragma GCC unroll 128
  for (int f = 0; f < kTrainingOutputFields; ++f) reinterpret_cast<double*>(&o)[f] = out[f][j];
  return o;
}

inline void store_lane(const TrainingOutputs& o, OutputPtr out, int j) {
#pragma GCC unroll 128
  for (int f = 0; f < kTrainingOutputFields; ++f) out[f][j] = output_field(o, f);
}

// Stage one over every lane (lanes past the block's points hold stale inputs; their results
// are never read). The time basis, recomputation mode and whether reliability is on are the
// block's, as constants, so that without reliability the loop has no branches and vectorises
// (the reliability model's branches and bisection run lane by lane). The lane copies must
// unroll fully for that (kLaneUnroll above).
template <int Basis, int Recompute, int Reliable>
LLMB_CPU_CLONES void time_and_energy_lanes(InputPtr in, OutputPtr out) {
  for (int j = 0; j < kBlockPoints; ++j) {
    TrainingInputs x = lane_inputs(in, j);
    x.utilization_basis = Basis;
    x.recompute = Recompute;
    x.reliability_enabled = Reliable;
    TrainingOutputs o{};
    training_time_and_energy(x, o);
    store_lane(o, out, j);
  }
}

using StageOne = void (*)(InputPtr, OutputPtr);

template <int Basis, int Reliable>
constexpr StageOne stage_one_for(int recompute) {
  return recompute == 0   ? time_and_energy_lanes<Basis, 0, Reliable>
         : recompute == 1 ? time_and_energy_lanes<Basis, 1, Reliable>
                          : time_and_energy_lanes<Basis, 2, Reliable>;
}

template <int Reliable>
constexpr StageOne stage_one_for(int basis, int recompute) {
  return basis == 0   ? stage_one_for<0, Reliable>(recompute)
         : basis == 1 ? stage_one_for<1, Reliable>(recompute)
                      : stage_one_for<2, Reliable>(recompute);
}

// The loop for a block whose basis, recomputation mode and reliability switch are `basis`,
// `recompute` and `reliable` in every lane, or null when one is not a known constant.
StageOne stage_one(double basis, double recompute, double reliable) {
  static_assert(kBasisMfu == 0 && kBasisHardwareThroughput == 1 && kBasisDuration == 2);
  static_assert(kRecomputeNone == 0 && kRecomputeSelective == 1 && kRecomputeFull == 2);
  const bool known = (basis == 0 || basis == 1 || basis == 2) &&
                     (recompute == 0 || recompute == 1 || recompute == 2) &&
                     (reliable == 0 || reliable == 1);
  if (!known) return nullptr;
  const int b = static_cast<int>(basis), r = static_cast<int>(recompute);
  return reliable == 0 ? stage_one_for<0>(b, r) : stage_one_for<1>(b, r);
}

LLMB_CPU_CLONES void costs_lanes(InputPtr in, const double* __restrict start_value,
                                 const double* __restrict value_lost, OutputPtr out) {
  for (int j = 0; j < kBlockPoints; ++j) {
    const TrainingInputs x = lane_inputs(in, j);
    TrainingOutputs o = lane_outputs(out, j);
    training_costs(x, start_value[j], value_lost[j], o);
    store_lane(o, out, j);
  }
}

// The lane's value of `field` when every lane holds the same one, else NaN.
double uniform_value(const double* lanes, int count) {
  for (int j = 1; j < count; ++j)
    if (!(lanes[j] == lanes[0])) return NAN;
  return lanes[0];
}

}  // namespace

TrainingOutputs OutputBlock::point(int j) const {
  return lane_outputs(values, j);
}

BlockEvaluator::BlockEvaluator(const SweepPlanView& plan, std::uint64_t first)
    : plan_(plan), index_(first), sample_(first % plan.samples) {
  if (plan.group_count > kMaxWalkerGroups)
    throw std::length_error("a sweep has at most 32 groups of axes");
  const std::uint64_t grid = first / plan.samples;
  for (int g = 0; g < plan.group_count; ++g) {
    const AxisGroup& group = plan.groups[g];
    within_[g] = grid % group.stride;
    combo_[g] = combo_of(group, grid);
  }
  // Which group sets each field (the last, as in sweep_point_inputs()); -1: the base's value.
  std::fill(std::begin(writer_), std::end(writer_), -1);
  for (int g = 0; g < plan.group_count; ++g) {
    for (int k = 0; k < plan.groups[g].field_count; ++k) {
      const int field = plan.fields[plan.groups[g].field_begin + k];
      writer_[field] = g;
      writer_position_[field] = k;
    }
  }
}

void BlockEvaluator::set_constant(int field, double value) {
  if (uniform_[field] && uniform_bits_[field] == double_bits(value)) return;
  for (int j = 0; j < kBlockPoints; ++j) inputs_[field][j] = value;
  uniform_[field] = true;
  uniform_bits_[field] = double_bits(value);
}

LLMB_CPU_CLONES void BlockEvaluator::next(int count, OutputBlock& out) {
  const std::uint64_t first = index_;
  const std::uint64_t n = static_cast<std::uint64_t>(count);
  // Grid points the block moves on by (its last point is on the first's grid point + steps).
  const std::uint64_t samples = plan_.samples;
  const std::uint64_t steps = samples == 1 ? n - 1 : (sample_ + n - 1) / samples;
  const std::uint64_t next_steps = samples == 1 ? n : (sample_ + n) / samples;

  // Which inputs change within the block: the fields of groups whose setting changes, and the
  // random inputs' fields. The others hold one value in every lane.
  bool group_varies[kMaxWalkerGroups];
  for (int g = 0; g < plan_.group_count; ++g)
    group_varies[g] = within_[g] + steps >= plan_.groups[g].stride;
  bool varies[kTrainingInputFields];
  for (int f = 0; f < kTrainingInputFields; ++f) {
    const int g = writer_[f];
    varies[f] = g >= 0 && group_varies[g];
    if (varies[f]) continue;
    const AxisGroup* group = g >= 0 ? &plan_.groups[g] : nullptr;
    set_constant(f, group ? plan_.values[group->value_begin + combo_[g] * group->field_count +
                                         writer_position_[f]]
                          : reinterpret_cast<const double*>(&plan_.base)[f]);
  }
  for (int r = 0; r < plan_.random_count; ++r)
    for (int k = 0; k < plan_.randoms[r].field_count; ++k)
      varies[plan_.randoms[r].fields[k]] = true;
  for (int f = 0; f < kTrainingInputFields; ++f)
    if (varies[f]) uniform_[f] = false;

  // Settings of the groups that change, lane by lane, each group counting through its
  // settings as an odometer wheel; the others move on without changing setting, or to the next
  // setting exactly at the block's end.
  for (int g = 0; g < plan_.group_count; ++g) {
    const AxisGroup& group = plan_.groups[g];
    if (!group_varies[g]) {
      within_[g] += next_steps;
      if (within_[g] == group.stride) {
        within_[g] = 0;
        if (++combo_[g] == group.combos) combo_[g] = 0;
      }
      continue;
    }
    std::uint64_t sample = sample_, within = within_[g], combo = combo_[g];
    const int* fields = plan_.fields + group.field_begin;
    for (int j = 0; j < count; ++j) {
      const double* row = plan_.values + group.value_begin + combo * group.field_count;
      for (int k = 0; k < group.field_count; ++k)
        if (writer_[fields[k]] == g) inputs_[fields[k]][j] = row[k];
      if (++sample < samples) continue;
      sample = 0;
      if (++within < group.stride) continue;
      within = 0;
      if (++combo == group.combos) combo = 0;
    }
    within_[g] = within;
    combo_[g] = combo;
  }
  sample_ = samples == 1 ? 0 : (sample_ + n) % samples;
  index_ += n;

  // The random draws, which override the grid's settings as in sweep_point_inputs().
  for (int r = 0; r < plan_.random_count; ++r) {
    const RandomInput& random = plan_.randoms[r];
    for (int j = 0; j < count; ++j) {
      const double value = random_value(random, plan_.seed, first + j, r);
      for (int k = 0; k < random.field_count; ++k)
        inputs_[random.fields[k]][j] = random.scales[k] * value;
    }
  }

  auto block_value = [&](int field) {
    return varies[field] ? uniform_value(inputs_[field], count) : inputs_[field][0];
  };
  const StageOne stage = stage_one(block_value(kBasisField), block_value(kRecomputeField),
                                   block_value(kReliabilityField));
  if (!stage) {
    // Modes that differ within the block: point by point.
    for (int j = 0; j < count; ++j)
      store_lane(evaluate_training(lane_inputs(inputs_, j)), out.values, j);
    return;
  }
  stage(inputs_, out.values);
  if (varies[kDepreciationField] || varies[kAgeField]) {
    for (int j = 0; j < count; ++j) start_value_[j] = start_value_fraction(lane_inputs(inputs_, j));
  } else {
    const double start = start_value_fraction(lane_inputs(inputs_, 0));
    for (int j = 0; j < count; ++j) start_value_[j] = start;
  }
  for (int j = 0; j < count; ++j) {
    TrainingInputs x{};
    x.depreciation_per_year = inputs_[kDepreciationField][j];
    TrainingOutputs o{};
    o.wall_s = out.values[kWallField][j];
    value_lost_[j] = run_value_lost_fraction(x, o);
  }
  costs_lanes(inputs_, start_value_, value_lost_, out.values);
}

void evaluate_points_cpu(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                         TrainingOutputs* out) {
  BlockEvaluator evaluator(plan, begin);
  OutputBlock block;
  for (std::uint64_t first = begin; first < end; first += kBlockPoints) {
    const int count = static_cast<int>(std::min<std::uint64_t>(kBlockPoints, end - first));
    evaluator.next(count, block);
    for (int j = 0; j < count; ++j) out[first - begin + j] = block.point(j);
  }
}

}  // namespace llmb
