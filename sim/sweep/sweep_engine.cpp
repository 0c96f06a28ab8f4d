#include "sim/sweep/sweep_engine.h"

#include <fmt/format.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <future>
#include <iterator>
#include <memory>
#include <mutex>
#include <new>
#include <utility>

#include "kernels/batch_cpu.h"
#include "kernels/batch_cuda.h"
#include "sim/output/output_fields.h"

namespace llmb {
namespace {

constexpr std::uint64_t kMinSummaryChunk = 1 << 14;
constexpr std::uint64_t kMaxSummaryChunks = 1 << 16;
constexpr std::uint64_t kRowChunk = 1 << 13;
// Points ranked on the GPU at a time: 64 bytes of ranking values and sort space per point.
constexpr std::uint64_t kDeviceRankingBatch = 1 << 24;
constexpr std::size_t kHistogramCells =
    static_cast<std::size_t>(kTrainingOutputFields) * kHistogramBins;

// Keeps the best `k` of `points`, best first.
void keep_best(std::vector<RankedPoint>& points, std::size_t k, bool highest) {
  const RanksBefore order{highest};
  if (points.size() > k) {
    std::partial_sort(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(k), points.end(),
                      order);
    points.resize(k);
  } else {
    std::sort(points.begin(), points.end(), order);
  }
}

// The points no other point beats on both time and cost.
void keep_front(std::vector<ParetoPoint>& points) {
  std::sort(points.begin(), points.end(), ParetoOrder{});
  std::vector<ParetoPoint> front;
  double best_cost = INFINITY;
  for (const auto& p : points) {
    if (p.cost < best_cost) {
      front.push_back(p);
      best_cost = p.cost;
    }
  }
  points.swap(front);
}

// Per-chunk state for the rankings, filled by whichever thread runs the chunk.
struct ChunkRankings {
  std::vector<RankedPoint> top;
  std::vector<ParetoPoint> pareto;
};

void rank_point(const SummaryOptions& options, const TrainingOutputs& out, std::uint64_t index,
                ChunkRankings& rankings) {
  if (options.top_k > 0) {
    const double v = output_field(out, options.top_output);
    if (!std::isnan(v)) rankings.top.push_back({v, index});
    if (rankings.top.size() >= 4 * static_cast<std::size_t>(options.top_k))
      keep_best(rankings.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  }
  if (options.pareto)
    rankings.pareto.push_back({out.wall_s, output_field(out, options.pareto_cost_output), index});
}

void finish_rankings(const SummaryOptions& options, std::vector<ChunkRankings>& chunks,
                     SweepSummary& summary) {
  for (auto& chunk : chunks) {
    summary.top.insert(summary.top.end(), chunk.top.begin(), chunk.top.end());
    summary.pareto.insert(summary.pareto.end(), chunk.pareto.begin(), chunk.pareto.end());
  }
  if (options.top_k > 0)
    keep_best(summary.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  if (options.pareto) keep_front(summary.pareto);
}

void finish_chunk_rankings(const SummaryOptions& options, ChunkRankings& rankings) {
  if (options.top_k > 0)
    keep_best(rankings.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  if (options.pareto) keep_front(rankings.pareto);
}

void combine_moments(const std::vector<Moments>& chunk_moments, std::uint64_t chunks,
                     SweepSummary& summary) {
  for (std::uint64_t c = 0; c < chunks; ++c)
    for (int f = 0; f < kTrainingOutputFields; ++f)
      summary.outputs[f].moments =
          moments_combine(summary.outputs[f].moments, chunk_moments[c * kTrainingOutputFields + f]);
}

// Histogram counts of one worker, a bin per output and bin: 7.5 MB, mostly never touched, in
// pages mapped for it that the system zeroes as they are first touched, as 2 MB pages where it
// can (a fault per 4 kB page costs more than a run of a million points on some virtual
// machines; the heap would clear all of it on every run). The range of bins each output
// touched bounds the merge.
class WorkerHistogram {
 public:
  WorkerHistogram() {
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
  ~WorkerHistogram() {
    if (mapped_) munmap(mapped_, kMappedBytes);
  }
  WorkerHistogram(WorkerHistogram&& other) noexcept
      : mapped_(std::exchange(other.mapped_, nullptr)), counts_(other.counts_) {
    std::copy(std::begin(other.low_), std::end(other.low_), std::begin(low_));
    std::copy(std::begin(other.high_), std::end(other.high_), std::begin(high_));
  }
  WorkerHistogram(const WorkerHistogram&) = delete;
  WorkerHistogram& operator=(const WorkerHistogram&) = delete;
  WorkerHistogram& operator=(WorkerHistogram&&) = delete;

  std::uint64_t* output(int f) {
    return counts_ + static_cast<std::size_t>(f) * kHistogramBins;
  }
  void touch(int f, int low, int high) {
    low_[f] = std::min(low_[f], low);
    high_[f] = std::max(high_[f], high);
  }
  int low(int f) const {
    return low_[f];
  }
  int high(int f) const {
    return high_[f];
  }
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

// Worker histograms kept from one summary to the next, cleared: the system zeroes a new mapping
// a page at a time, which costs more than summarising a few million points, while clearing the
// bins a summary touched costs no more than merging them. A few are kept, the rest unmapped.
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

// The histograms of a summary's workers, taken from the pool and given back.
class WorkerHistograms {
 public:
  explicit WorkerHistograms(int workers) {
    for (int w = 0; w < workers; ++w) histograms_.push_back(histogram_pool().take());
  }
  ~WorkerHistograms() {
    for (auto& histogram : histograms_) histogram_pool().give_back(std::move(histogram));
  }
  WorkerHistograms(const WorkerHistograms&) = delete;
  WorkerHistograms& operator=(const WorkerHistograms&) = delete;
  WorkerHistogram& operator[](int worker) { return *histograms_[static_cast<std::size_t>(worker)]; }
  auto begin() const { return histograms_.begin(); }
  auto end() const { return histograms_.end(); }

 private:
  std::vector<std::unique_ptr<WorkerHistogram>> histograms_;
};

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
// it is added, as the sums have always been formed: GCC would otherwise fuse the two where it
// sees fit (-ffp-contract=fast), and the last bits of the variance would depend on its choice.
using Lanes4 = double __attribute__((vector_size(32)));
static_assert(kLanes == 8);

__attribute__((optimize("fp-contract=off"))) void add_to_sums(LaneSums& acc,
                                                              const double* __restrict v) {
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
void count_bins(const double* __restrict v, int count, std::uint64_t* counts, WorkerHistogram& hist,
                int f) {
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
bool only_shift(const double* __restrict v, double shift) {
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

void summarize_chunk_cpu(const SweepPlanView& view, std::uint64_t begin, std::uint64_t end,
                         Moments* moments, WorkerHistogram& histogram,
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

void check_stop(const ExecOptions& exec) {
  if (exec.stop && exec.stop->load()) throw Cancelled();
}

}  // namespace

std::uint64_t OutputSummary::bin_count(int bin) const {
  const int i = bin - first_bin;
  return i >= 0 && i < static_cast<int>(histogram.size()) ? histogram[static_cast<std::size_t>(i)]
                                                          : 0;
}

double OutputSummary::quantile(double q) const {
  const double n = moments.count;
  if (n == 0) return NAN;
  if (moments.min == moments.max) return moments.min;
  const double rank = q * (n - 1);  // 0-based rank of the order statistic
  double before = 0;
  for (int i = 0; i < static_cast<int>(histogram.size()); ++i) {
    const int bin = first_bin + i;
    const double count = static_cast<double>(histogram[static_cast<std::size_t>(i)]);
    if (count == 0 || before + count <= rank) {
      before += count;
      continue;
    }
    double value = 0;
    if (bin == kBinNonPositive)
      value = std::min(0.0, moments.max);
    else if (bin == kBinUnderflow)
      value = moments.min;
    else if (bin == kBinOverflow)
      value = moments.max;
    else {
      // Linear interpolation within the bin, treating its points as evenly spread.
      const double low = histogram_bin_low(bin);
      const double high = histogram_bin_low(bin + 1);
      const double within = (rank - before + 0.5) / count;
      value = low + (high - low) * within;
    }
    return std::clamp(value, moments.min, moments.max);
  }
  return moments.max;
}

Device pick_device(Device requested) {
  if (requested == Device::kAuto) return cuda_device_count() > 0 ? Device::kCuda : Device::kCpu;
  return requested;
}

std::string device_description(Device device, int threads) {
  if (device == Device::kCuda) return fmt::format("CUDA GPU ({})", cuda_device_name());
  return fmt::format("CPU ({} thread{})", threads, threads == 1 ? "" : "s");
}

std::uint64_t summary_chunk_size(std::uint64_t total) {
  return std::max(kMinSummaryChunk, (total + kMaxSummaryChunks - 1) / kMaxSummaryChunks);
}

std::uint64_t summary_memory_bytes(std::uint64_t total, int threads,
                                   const SummaryOptions& options) {
  const std::uint64_t chunk = summary_chunk_size(total);
  const std::uint64_t chunks = (total + chunk - 1) / chunk;
  std::uint64_t bytes = chunks * kTrainingOutputFields * sizeof(Moments);
  bytes += static_cast<std::uint64_t>(threads + 1) * kHistogramCells * sizeof(std::uint64_t);
  bytes += chunks * static_cast<std::uint64_t>(options.top_k) * 4 * sizeof(RankedPoint);
  if (options.pareto) bytes += static_cast<std::uint64_t>(threads) * chunk * sizeof(ParetoPoint);
  return bytes;
}

SweepSummary summarize(const SweepPlan& plan, const SummaryOptions& options,
                       const ExecOptions& exec) {
  const SweepPlanView view = plan.view();
  const std::uint64_t total = view.total;
  const std::uint64_t chunk = summary_chunk_size(total);
  const std::uint64_t chunks = (total + chunk - 1) / chunk;
  SweepSummary summary;
  summary.count = total;
  summary.outputs.resize(kTrainingOutputFields);
  std::vector<Moments> chunk_moments(chunks * kTrainingOutputFields);
  std::vector<ChunkRankings> rankings(options.top_k > 0 || options.pareto ? chunks : 0);
  const bool want_rankings = !rankings.empty();
  std::atomic<std::uint64_t> done{0};
  auto report = [&] {
    if (exec.progress) exec.progress(done.load(), total);
  };

  if (pick_device(exec.device) == Device::kCuda) {
    std::vector<std::uint64_t> histograms(kHistogramCells, 0);
    summarize_cuda(view, chunk, chunk_moments, histograms);
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      // The range of bins that hold points.
      const auto bins = histograms.begin() + static_cast<std::ptrdiff_t>(f) * kHistogramBins;
      int low = 0, high = kHistogramBins - 1;
      while (low <= high && bins[low] == 0) ++low;
      while (high >= low && bins[high] == 0) --high;
      OutputSummary& output = summary.outputs[static_cast<std::size_t>(f)];
      output.first_bin = high < low ? 0 : low;
      output.histogram.assign(bins + output.first_bin, bins + (high < low ? 0 : high + 1));
    }
    if (want_rankings) {
      // Ranked on the device too, a batch at a time: only each batch's best points and front
      // come back, and the batches' are merged here as the CPU merges its chunks'.
      RankingRequest request;
      request.top_k = static_cast<std::size_t>(options.top_k);
      request.top_output = options.top_output;
      request.highest = options.top_highest;
      request.pareto = options.pareto;
      request.cost_output = options.pareto_cost_output;
      rankings.assign((total + kDeviceRankingBatch - 1) / kDeviceRankingBatch, {});
      for (std::size_t b = 0; b < rankings.size(); ++b) {
        check_stop(exec);
        const std::uint64_t begin = b * kDeviceRankingBatch,
                            end = std::min(total, begin + kDeviceRankingBatch);
        rank_points_cuda(view, begin, end, request, rankings[b].top, rankings[b].pareto);
        done += end - begin;
        report();
      }
    }
  } else {
    const int threads = std::max(1, exec.threads);
    const int workers =
        static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), chunks));
    WorkerHistograms worker_histograms(workers);
    parallel_chunks(
        chunks, workers,
        [&](int worker, std::uint64_t c) {
          const std::uint64_t begin = c * chunk, end = std::min(total, begin + chunk);
          summarize_chunk_cpu(
              view, begin, end, &chunk_moments[c * kTrainingOutputFields],
              worker_histograms[worker],
              want_rankings ? [&](const TrainingOutputs& out,
                                  std::uint64_t i) { rank_point(options, out, i, rankings[c]); }
                            : std::function<void(const TrainingOutputs&, std::uint64_t)>());
          if (want_rankings) finish_chunk_rankings(options, rankings[c]);
          done += end - begin;
        },
        report, exec.stop);
    check_stop(exec);
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      int low = kHistogramBins, high = -1;
      for (const auto& h : worker_histograms) {
        low = std::min(low, h->low(f));
        high = std::max(high, h->high(f));
      }
      OutputSummary& output = summary.outputs[static_cast<std::size_t>(f)];
      output.first_bin = high < low ? 0 : low;
      output.histogram.assign(high < low ? 0 : static_cast<std::size_t>(high - low + 1), 0);
      for (const auto& h : worker_histograms) h->add_to(f, output);
    }
  }
  check_stop(exec);
  combine_moments(chunk_moments, chunks, summary);
  finish_rankings(options, rankings, summary);
  return summary;
}

void stream_points(const SweepPlan& plan, const ExecOptions& exec, const ProduceRows& produce,
                   const ConsumeRows& consume) {
  const SweepPlanView view = plan.view();
  const std::uint64_t total = view.total;
  const std::uint64_t chunks = (total + kRowChunk - 1) / kRowChunk;
  const int threads = std::max(1, exec.threads);
  const bool on_gpu = pick_device(exec.device) == Device::kCuda;
  // Chunks are produced a window at a time, in parallel, and consumed in order; the next window
  // is produced while this thread consumes the last (writing rows to a file costs the kernel
  // about as much time as formatting them). Two windows of buffers, each keeping its memory.
  // Eight chunks a thread keep the threads busy to the window's end; at most 64 (and at least
  // one a thread) bound the text in flight: two windows of 64 chunks of 8,192 rows are 380 MB
  // at the 361 bytes of a CSV row of every output.
  const auto workers = static_cast<std::uint64_t>(threads);
  const std::uint64_t window =
      std::max<std::uint64_t>(workers, std::min<std::uint64_t>(8 * workers, 64));
  std::vector<TextBuffer> texts[2] = {std::vector<TextBuffer>(window),
                                      std::vector<TextBuffer>(window)};
  std::vector<std::vector<TrainingOutputs>> buffers(static_cast<std::size_t>(threads),
                                                    std::vector<TrainingOutputs>(kRowChunk));
  std::vector<TrainingOutputs> gpu_outputs(on_gpu ? window * kRowChunk : 0);
  auto produce_window = [&](std::uint64_t first, std::vector<TextBuffer>& slots) {
    const std::uint64_t count = std::min(window, chunks - first);
    const std::uint64_t window_begin = first * kRowChunk;
    if (on_gpu)
      evaluate_points_cuda(view, window_begin, std::min(total, (first + count) * kRowChunk),
                           gpu_outputs.data());
    parallel_chunks(
        count, threads,
        [&](int worker, std::uint64_t k) {
          const std::uint64_t begin = (first + k) * kRowChunk,
                              end = std::min(total, begin + kRowChunk);
          const TrainingOutputs* outputs = nullptr;
          if (on_gpu) {
            outputs = gpu_outputs.data() + (begin - window_begin);
          } else {
            TrainingOutputs* buffer = buffers[static_cast<std::size_t>(worker)].data();
            evaluate_points_cpu(view, begin, end, buffer);
            outputs = buffer;
          }
          slots[k].clear();
          produce(begin, end, outputs, slots[k]);
        },
        {}, exec.stop);
  };
  // A std::async future waits for its task when destroyed, so an exception thrown while
  // consuming leaves no task running on the buffers.
  std::future<void> next;
  if (chunks > 0) next = std::async(std::launch::async, produce_window, 0, std::ref(texts[0]));
  for (std::uint64_t first = 0, window_index = 0; first < chunks; first += window, ++window_index) {
    next.get();
    check_stop(exec);
    std::vector<TextBuffer>& ready = texts[window_index % 2];
    if (first + window < chunks)
      next = std::async(std::launch::async, produce_window, first + window,
                        std::ref(texts[(window_index + 1) % 2]));
    const std::uint64_t count = std::min(window, chunks - first);
    for (std::uint64_t k = 0; k < count; ++k) consume(ready[k].view());
    if (exec.progress) exec.progress(std::min(total, (first + count) * kRowChunk), total);
  }
}

}  // namespace llmb
