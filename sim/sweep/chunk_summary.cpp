#include "sim/sweep/chunk_summary.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>

#include "kernels/batch_cpu.h"
#include "kernels/cpu_clones.h"

namespace llmb {
namespace {

// One chunk's moments and histogram counts on the CPU, a block of points at a time: each
// output's values are summed in eight interleaved lanes around a shift (the chunk's first
// value), which vectorises and stays deterministic; a block whose values share one bin counts
// it once.
constexpr int kBlock = kBlockPoints;
constexpr int kLanes = 8;
static_assert(kBlock % kLanes == 0);

struct LaneSums {
  double shift = 0;
  alignas(32) double s1[kLanes] = {};
  alignas(32) double s2[kLanes] = {};
  alignas(32) double min[kLanes] = {INFINITY, INFINITY, INFINITY, INFINITY,
                                    INFINITY, INFINITY, INFINITY, INFINITY};
  alignas(32) double max[kLanes] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY,
                                    -INFINITY, -INFINITY, -INFINITY, -INFINITY};
};

// Adds a block's values (padded to kBlock with the shift, which adds nothing) to the sums,
// lane by lane in index order, four lanes to a vector register. Each square is rounded before
// it is added (the build never fuses a multiply and an add: kernels/cpu_clones.h).
using Lanes4 = double __attribute__((vector_size(32)));
static_assert(kLanes == 8);

inline void add_to_sums(LaneSums& acc, const double* __restrict v) {
  Lanes4 s1[2], s2[2], min[2], max[2];
  std::memcpy(s1, acc.s1, sizeof s1);
  std::memcpy(s2, acc.s2, sizeof s2);
  std::memcpy(min, acc.min, sizeof min);
  std::memcpy(max, acc.max, sizeof max);
  const Lanes4 shift = {acc.shift, acc.shift, acc.shift, acc.shift};
  for (int j = 0; j < kBlock; j += kLanes) {
    for (int half = 0; half < 2; ++half) {
      Lanes4 x;
      std::memcpy(&x, v + j + 4 * half, sizeof x);
      const Lanes4 d = x - shift;
      s1[half] += d;
      s2[half] += d * d;
      min[half] = x < min[half] ? x : min[half];
      max[half] = x > max[half] ? x : max[half];
    }
  }
  std::memcpy(acc.s1, s1, sizeof s1);
  std::memcpy(acc.s2, s2, sizeof s2);
  std::memcpy(acc.min, min, sizeof min);
  std::memcpy(acc.max, max, sizeof max);
}

// Counts a block's bins: once for a block in one bin (an output that does not change), one
// increment per point when every point's bin differs from its neighbour's (an output that
// changes with every point), else run by run, so that no increment waits on the one before.
inline void count_bins(const double* __restrict v, int count, std::uint64_t* counts,
                       WorkerHistogram& hist, int f) {
  alignas(64) int bins[kBlock];
  for (int j = 0; j < kBlock; ++j) bins[j] = histogram_bin(v[j]);
  // Lanes past the block's points repeat its last bin, which changes neither range nor runs.
  for (int j = count; j < kBlock; ++j) bins[j] = bins[count - 1];
  int low = bins[0], high = bins[0], changes = 0;
  for (int j = 1; j < kBlock; ++j) {
    low = std::min(low, bins[j]);
    high = std::max(high, bins[j]);
    changes += bins[j] != bins[j - 1];
  }
  hist.touch(f, low, high);
  if (low == high) {
    counts[low] += static_cast<std::uint64_t>(count);
  } else if (changes == count - 1) {
    for (int j = 0; j < count; ++j) ++counts[bins[j]];
  } else {
    int start = 0;
    for (int j = 1; j < count; ++j) {
      if (bins[j] != bins[j - 1]) {
        counts[bins[j - 1]] += static_cast<std::uint64_t>(j - start);
        start = j;
      }
    }
    counts[bins[count - 1]] += static_cast<std::uint64_t>(count - start);
  }
}

// Whether a block adds nothing to the sums: every value is the shift (so each difference is
// +0, which leaves a sum as it is) and the shift is finite (inf - inf would be NaN).
inline bool only_shift(const double* __restrict v, double shift) {
  long equal = 0;
  for (int j = 0; j < kBlock; ++j) equal += v[j] == shift;
  return equal == kBlock && std::isfinite(shift);
}

// The smallest and largest value in index order, as a sequential pass finds them: of values
// that compare equal (+0 and -0), the first. Lanes find the same value but perhaps the other
// zero, so a chunk whose extreme is a zero is walked again point by point, once for all the
// outputs (`walk`) that need it.
void exact_extremes(const SweepPlanView& view, std::uint64_t begin, std::uint64_t end,
                    const bool (&walk)[kTrainingOutputFields], Moments* moments) {
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    if (!walk[f]) continue;
    moments[f].min = INFINITY;
    moments[f].max = -INFINITY;
  }
  BlockEvaluator evaluator(view, begin);
  OutputBlock block;
  for (std::uint64_t first = begin; first < end; first += kBlock) {
    const int n = static_cast<int>(std::min<std::uint64_t>(kBlock, end - first));
    evaluator.next(n, block);
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      if (!walk[f]) continue;
      Moments& m = moments[f];
      for (int j = 0; j < n; ++j) {
        const double x = block.values[f][j];
        m.min = x < m.min ? x : m.min;
        m.max = x > m.max ? x : m.max;
      }
    }
  }
}

}  // namespace

// Compiled twice (kernels/cpu_clones.h), with the lane helpers above inlined into each copy.
LLMB_CPU_CLONES void summarize_chunk_cpu(
    const SweepPlanView& view, std::uint64_t begin, std::uint64_t end, Moments* moments,
    WorkerHistogram& histogram,
    const std::function<void(const TrainingOutputs&, std::uint64_t)>& rank) {
  LaneSums sums[kTrainingOutputFields];
  // Whether an output took more than one value in the chunk (a block reached the sums). One
  // that did not is its first value throughout: its extremes are that value, sign of zero and
  // all, as a sequential pass finds them.
  bool varied[kTrainingOutputFields] = {};
  BlockEvaluator evaluator(view, begin);
  OutputBlock block;
  for (std::uint64_t first = begin; first < end; first += kBlock) {
    const int n = static_cast<int>(std::min<std::uint64_t>(kBlock, end - first));
    evaluator.next(n, block);
    if (rank) {
      for (int j = 0; j < n; ++j) rank(block.point(j), first + static_cast<std::uint64_t>(j));
    }
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      LaneSums& acc = sums[f];
      double* v = block.values[f];
      if (first == begin) {
        // The shift is the chunk's first value, so it starts the extremes (blocks of only the
        // shift are not added).
        acc.shift = v[0];
        if (!std::isnan(acc.shift)) {
          std::fill(std::begin(acc.min), std::end(acc.min), acc.shift);
          std::fill(std::begin(acc.max), std::end(acc.max), acc.shift);
        }
      }
      for (int j = n; j < kBlock; ++j) v[j] = acc.shift;
      if (only_shift(v, acc.shift)) {
        const int bin = histogram_bin(acc.shift);
        histogram.output(f)[bin] += static_cast<std::uint64_t>(n);
        histogram.touch(f, bin, bin);
        continue;
      }
      varied[f] = true;
      add_to_sums(acc, v);
      count_bins(v, n, histogram.output(f), histogram, f);
    }
  }
  const double count = static_cast<double>(end - begin);
  bool walk_again[kTrainingOutputFields] = {};
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const LaneSums& acc = sums[f];
    double s1 = 0, s2 = 0;
    Moments& m = moments[f];
    m.min = INFINITY;
    m.max = -INFINITY;
    for (int lane = 0; lane < kLanes; ++lane) {
      s1 += acc.s1[lane];
      s2 += acc.s2[lane];
      m.min = acc.min[lane] < m.min ? acc.min[lane] : m.min;
      m.max = acc.max[lane] > m.max ? acc.max[lane] : m.max;
    }
    m.count = count;
    m.mean = acc.shift + s1 / count;
    m.m2 = std::max(0.0, s2 - s1 * s1 / count);
    walk_again[f] = varied[f] && (m.min == 0 || m.max == 0);
  }
  if (std::find(std::begin(walk_again), std::end(walk_again), true) != std::end(walk_again))
    exact_extremes(view, begin, end, walk_again, moments);
}

}  // namespace llmb
