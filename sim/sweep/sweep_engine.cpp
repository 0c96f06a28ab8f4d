#include "sim/sweep/sweep_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kernels/batch_cpu.h"
#include "kernels/batch_cuda.h"
#include "sim/output/output_fields.h"

namespace llmb {
namespace {

constexpr std::uint64_t kMinSummaryChunk = 1 << 14;
constexpr std::uint64_t kMaxSummaryChunks = 1 << 16;
constexpr std::uint64_t kRowChunk = 1 << 13;
constexpr std::size_t kHistogramCells =
    static_cast<std::size_t>(kTrainingOutputFields) * kHistogramBins;

bool ranks_before(const RankedPoint& a, const RankedPoint& b, bool highest) {
  if (a.value != b.value) return highest ? a.value > b.value : a.value < b.value;
  return a.index < b.index;
}

// Keeps the best `k` of `points`, best first.
void keep_best(std::vector<RankedPoint>& points, std::size_t k, bool highest) {
  auto order = [highest](const RankedPoint& a, const RankedPoint& b) {
    return ranks_before(a, b, highest);
  };
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
  std::sort(points.begin(), points.end(), [](const ParetoPoint& a, const ParetoPoint& b) {
    if (a.wall_s != b.wall_s) return a.wall_s < b.wall_s;
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.index < b.index;
  });
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

// One chunk's moments and histogram counts on the CPU, a block of points at a time: each
// output's values are summed in eight interleaved lanes around a shift (the chunk's first
// value), which vectorises and stays deterministic, and runs of equal bins are counted once.
constexpr int kBlock = 64;
constexpr int kLanes = 8;

struct LaneSums {
  double shift = 0;
  double s1[kLanes] = {};
  double s2[kLanes] = {};
  double min = INFINITY;
  double max = -INFINITY;
};

void summarize_chunk_cpu(const SweepPlanView& view, std::uint64_t begin, std::uint64_t end,
                         Moments* moments, std::uint64_t* histogram,
                         const std::function<void(const TrainingOutputs&, std::uint64_t)>& rank) {
  LaneSums sums[kTrainingOutputFields];
  alignas(64) double values[kTrainingOutputFields][kBlock];
  alignas(64) int bins[kBlock];
  SweepWalker walker;
  walker.start(view, begin);
  for (std::uint64_t block = begin; block < end; block += kBlock) {
    const int n = static_cast<int>(std::min<std::uint64_t>(kBlock, end - block));
    for (int j = 0; j < n; ++j) {
      const TrainingOutputs out = evaluate_training(walker.inputs());
      for (int f = 0; f < kTrainingOutputFields; ++f) values[f][j] = output_field(out, f);
      if (rank) rank(out, walker.index);
      walker.advance();
    }
    // A short block (the chunk's last) is padded with the shift, which adds nothing to the sums.
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      LaneSums& acc = sums[f];
      double* v = values[f];
      if (block == begin) acc.shift = v[0];
      for (int j = n; j < kBlock; ++j) v[j] = acc.shift;
      for (int j = 0; j < kBlock; j += kLanes) {
        for (int lane = 0; lane < kLanes; ++lane) {
          const double d = v[j + lane] - acc.shift;
          acc.s1[lane] += d;
          acc.s2[lane] += d * d;
        }
      }
      for (int j = 0; j < n; ++j) {
        acc.min = v[j] < acc.min ? v[j] : acc.min;
        acc.max = v[j] > acc.max ? v[j] : acc.max;
      }
      for (int j = 0; j < kBlock; ++j) bins[j] = histogram_bin(v[j]);
      std::uint64_t* counts = histogram + static_cast<std::size_t>(f) * kHistogramBins;
      int run_bin = bins[0];
      std::uint64_t run = 0;
      for (int j = 0; j < n; ++j) {
        const int bin = bins[j];
        if (bin != run_bin) {
          counts[run_bin] += run;
          run_bin = bin;
          run = 0;
        }
        ++run;
      }
      counts[run_bin] += run;
    }
  }
  const double count = static_cast<double>(end - begin);
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const LaneSums& acc = sums[f];
    double s1 = 0, s2 = 0;
    for (int lane = 0; lane < kLanes; ++lane) {
      s1 += acc.s1[lane];
      s2 += acc.s2[lane];
    }
    Moments& m = moments[f];
    m.count = count;
    m.mean = acc.shift + s1 / count;
    m.m2 = std::max(0.0, s2 - s1 * s1 / count);
    m.min = acc.min;
    m.max = acc.max;
  }
}

void check_stop(const ExecOptions& exec) {
  if (exec.stop && exec.stop->load()) throw Cancelled();
}

}  // namespace

double OutputSummary::quantile(double q) const {
  const double n = moments.count;
  if (n == 0) return NAN;
  if (moments.min == moments.max) return moments.min;
  const double rank = q * (n - 1);  // 0-based rank of the order statistic
  double before = 0;
  for (int bin = 0; bin < kHistogramBins; ++bin) {
    const double count = static_cast<double>(histogram[bin]);
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
  std::vector<std::uint64_t> histograms(kHistogramCells, 0);
  std::vector<ChunkRankings> rankings(options.top_k > 0 || options.pareto ? chunks : 0);
  const bool want_rankings = !rankings.empty();
  std::atomic<std::uint64_t> done{0};
  auto report = [&] {
    if (exec.progress) exec.progress(done.load(), total);
  };

  if (pick_device(exec.device) == Device::kCuda) {
    summarize_cuda(view, chunk, chunk_moments, histograms);
    if (want_rankings) {
      // Rankings need each point's outputs: evaluated on the GPU, ranked here.
      std::vector<TrainingOutputs> outputs(chunk);
      for (std::uint64_t c = 0; c < chunks; ++c) {
        check_stop(exec);
        const std::uint64_t begin = c * chunk, end = std::min(total, begin + chunk);
        evaluate_points_cuda(view, begin, end, outputs.data());
        for (std::uint64_t i = begin; i < end; ++i)
          rank_point(options, outputs[i - begin], i, rankings[c]);
        finish_chunk_rankings(options, rankings[c]);
        done += end - begin;
        report();
      }
    }
  } else {
    const int threads = std::max(1, exec.threads);
    // Worker 0 counts into the result; the others into their own histograms, added after.
    const int workers =
        static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(threads), chunks));
    std::vector<std::vector<std::uint64_t>> thread_histograms(
        static_cast<std::size_t>(workers - 1), std::vector<std::uint64_t>(kHistogramCells, 0));
    parallel_chunks(
        chunks, workers,
        [&](int worker, std::uint64_t c) {
          const std::uint64_t begin = c * chunk, end = std::min(total, begin + chunk);
          std::uint64_t* counts =
              worker == 0 ? histograms.data()
                          : thread_histograms[static_cast<std::size_t>(worker - 1)].data();
          summarize_chunk_cpu(
              view, begin, end, &chunk_moments[c * kTrainingOutputFields], counts,
              want_rankings ? [&](const TrainingOutputs& out,
                                  std::uint64_t i) { rank_point(options, out, i, rankings[c]); }
                            : std::function<void(const TrainingOutputs&, std::uint64_t)>());
          if (want_rankings) finish_chunk_rankings(options, rankings[c]);
          done += end - begin;
        },
        report, exec.stop);
    check_stop(exec);
    for (const auto& h : thread_histograms)
      for (std::size_t i = 0; i < kHistogramCells; ++i) histograms[i] += h[i];
  }
  check_stop(exec);
  combine_moments(chunk_moments, chunks, summary);
  for (int f = 0; f < kTrainingOutputFields; ++f)
    summary.outputs[f].histogram.assign(
        histograms.begin() + static_cast<std::ptrdiff_t>(f) * kHistogramBins,
        histograms.begin() + static_cast<std::ptrdiff_t>(f + 1) * kHistogramBins);
  finish_rankings(options, rankings, summary);
  return summary;
}

void stream_points(
    const SweepPlan& plan, const ExecOptions& exec,
    const std::function<std::string(std::uint64_t, std::uint64_t, const TrainingOutputs*)>& produce,
    const std::function<void(const std::string&)>& consume) {
  const SweepPlanView view = plan.view();
  const std::uint64_t total = view.total;
  const std::uint64_t chunks = (total + kRowChunk - 1) / kRowChunk;
  const int threads = std::max(1, exec.threads);
  const bool on_gpu = pick_device(exec.device) == Device::kCuda;
  // Chunks are produced a window at a time, in parallel, and consumed in order.
  const std::uint64_t window = 8 * static_cast<std::uint64_t>(threads);
  std::vector<std::string> texts(window);
  std::vector<std::vector<TrainingOutputs>> buffers(static_cast<std::size_t>(threads),
                                                    std::vector<TrainingOutputs>(kRowChunk));
  std::vector<TrainingOutputs> gpu_outputs(on_gpu ? window * kRowChunk : 0);
  for (std::uint64_t first = 0; first < chunks; first += window) {
    check_stop(exec);
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
          texts[k] = produce(begin, end, outputs);
        },
        {}, exec.stop);
    check_stop(exec);
    for (std::uint64_t k = 0; k < count; ++k) consume(texts[k]);
    if (exec.progress) exec.progress(std::min(total, (first + count) * kRowChunk), total);
  }
}

}  // namespace llmb
