#include "sim/sweep/sweep_engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>

#include "kernels/batch_cpu.h"
#include "kernels/batch_cuda.h"
#include "sim/sweep/chunk_summary.h"
#include "sim/sweep/sweep_rankings.h"
#include "sim/sweep/worker_histogram.h"

namespace llmb {
namespace {

constexpr std::uint64_t kMinSummaryChunk = 1 << 14;
constexpr std::uint64_t kMaxSummaryChunks = 1 << 16;
// Points ranked on the GPU at a time: 64 bytes of ranking values and sort space per point.
constexpr std::uint64_t kDeviceRankingBatch = 1 << 24;

void combine_moments(const std::vector<Moments>& chunk_moments, std::uint64_t chunks,
                     SweepSummary& summary) {
  for (std::uint64_t c = 0; c < chunks; ++c)
    for (int f = 0; f < kTrainingOutputFields; ++f)
      summary.outputs[f].moments =
          moments_combine(summary.outputs[f].moments, chunk_moments[c * kTrainingOutputFields + f]);
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
        throw_if_stopped(exec);
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
    throw_if_stopped(exec);
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
  throw_if_stopped(exec);
  combine_moments(chunk_moments, chunks, summary);
  finish_rankings(options, rankings, summary);
  return summary;
}

}  // namespace llmb
