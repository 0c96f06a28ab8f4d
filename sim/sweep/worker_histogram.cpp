#include "sim/sweep/worker_histogram.h"

#include <sys/mman.h>

#include <algorithm>
#include <iterator>
#include <mutex>
#include <new>

namespace llmb {
namespace {

// The histograms WorkerHistograms keeps between summaries: a few, the rest unmapped.
class HistogramPool {
 public:
  std::unique_ptr<WorkerHistogram> take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return std::make_unique<WorkerHistogram>();
    auto histogram = std::move(free_.back());
    free_.pop_back();
    return histogram;
  }
  void give_back(std::unique_ptr<WorkerHistogram> histogram) {
    histogram->clear();
    std::lock_guard lock(mutex_);
    if (free_.size() < kKept) free_.push_back(std::move(histogram));
  }

 private:
  static constexpr std::size_t kKept = 8;
  std::mutex mutex_;
  std::vector<std::unique_ptr<WorkerHistogram>> free_;
};

HistogramPool& histogram_pool() {
  static HistogramPool pool;
  return pool;
}

}  // namespace

WorkerHistogram::WorkerHistogram() {
  void* pages =
      mmap(nullptr, kMappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) throw std::bad_alloc();
  mapped_ = pages;
  const std::uintptr_t aligned =
      (reinterpret_cast<std::uintptr_t>(pages) + kHugePage - 1) & ~(kHugePage - 1);
  counts_ = reinterpret_cast<std::uint64_t*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(counts_, kMappedBytes - kHugePage, MADV_HUGEPAGE);  // advice only: may be refused
#endif
  std::fill(std::begin(low_), std::end(low_), kHistogramBins);
  std::fill(std::begin(high_), std::end(high_), -1);
}

WorkerHistogram::~WorkerHistogram() {
  if (mapped_) munmap(mapped_, kMappedBytes);
}

WorkerHistogram::WorkerHistogram(WorkerHistogram&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)), counts_(other.counts_) {
  std::copy(std::begin(other.low_), std::end(other.low_), std::begin(low_));
  std::copy(std::begin(other.high_), std::end(other.high_), std::begin(high_));
}

WorkerHistograms::WorkerHistograms(int workers) {
  for (int w = 0; w < workers; ++w) histograms_.push_back(histogram_pool().take());
}

WorkerHistograms::~WorkerHistograms() {
  for (auto& histogram : histograms_) histogram_pool().give_back(std::move(histogram));
}

}  // namespace llmb
