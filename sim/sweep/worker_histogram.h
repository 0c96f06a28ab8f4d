// The histogram counts each CPU worker adds a sweep's points to, before they are merged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "kernels/summary.h"
#include "kernels/sweep_point.h"
#include "sim/sweep/sweep_engine.h"

namespace llmb {

inline constexpr std::size_t kHistogramCells =
    static_cast<std::size_t>(kTrainingOutputFields) * kHistogramBins;

// Histogram counts of one worker, a bin per output and bin: 14 MB, mostly never touched, in
// pages mapped for it that the system zeroes as they are first touched, as 2 MB pages where it
// can (a fault per 4 kB page costs more than a run of a million points on some virtual
// machines; the heap would clear all of it on every run). The range of bins each output
// touched bounds the merge.
class WorkerHistogram {
 public:
  WorkerHistogram();
  ~WorkerHistogram();
  WorkerHistogram(WorkerHistogram&& other) noexcept;
  WorkerHistogram(const WorkerHistogram&) = delete;
  WorkerHistogram& operator=(const WorkerHistogram&) = delete;
  WorkerHistogram& operator=(WorkerHistogram&&) = delete;

  std::uint64_t* output(int f) { return counts_ + static_cast<std::size_t>(f) * kHistogramBins; }
  void touch(int f, int low, int high) {
    low_[f] = std::min(low_[f], low);
    high_[f] = std::max(high_[f], high);
  }
  int low(int f) const { return low_[f]; }
  int high(int f) const { return high_[f]; }
  // Zeroes the counts this worker touched, as a new mapping would be.
  void clear() {
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      if (high_[f] >= low_[f]) std::fill(output(f) + low_[f], output(f) + high_[f] + 1, 0);
      low_[f] = kHistogramBins;
      high_[f] = -1;
    }
  }
  // Adds this worker's counts of output f to `into`, whose range must cover this worker's.
  void add_to(int f, OutputSummary& into) const {
    const std::uint64_t* counts = counts_ + static_cast<std::size_t>(f) * kHistogramBins;
    for (int bin = low_[f]; bin <= high_[f]; ++bin)
      into.histogram[static_cast<std::size_t>(bin - into.first_bin)] += counts[bin];
  }

 private:
  static constexpr std::uintptr_t kHugePage = 2 << 20;
  // The counts, rounded up to whole huge pages, and one more to align them.
  static constexpr std::size_t kMappedBytes =
      (kHistogramCells * sizeof(std::uint64_t) + kHugePage - 1) / kHugePage * kHugePage + kHugePage;
  void* mapped_ = nullptr;
  std::uint64_t* counts_ = nullptr;
  int low_[kTrainingOutputFields];
  int high_[kTrainingOutputFields];
};

// The histograms of a summary's workers. They are kept from one summary to the next, cleared:
// the system zeroes a new mapping a page at a time, which costs more than summarising a few
// million points, while clearing the bins a summary touched costs no more than merging them.
class WorkerHistograms {
 public:
  explicit WorkerHistograms(int workers);  // from the pool, or mapped
  ~WorkerHistograms();                     // cleared, back to the pool
  WorkerHistograms(const WorkerHistograms&) = delete;
  WorkerHistograms& operator=(const WorkerHistograms&) = delete;
  WorkerHistogram& operator[](int worker) { return *histograms_[static_cast<std::size_t>(worker)]; }
  auto begin() const { return histograms_.begin(); }
  auto end() const { return histograms_.end(); }

 private:
  std::vector<std::unique_ptr<WorkerHistogram>> histograms_;
};

}  // namespace llmb
