// Runs a resolved sweep on the CPU or a CUDA GPU: every point streamed in order (rows), or
// reduced to summaries, the lowest/highest points of an output and the Pareto front of cost
// against time. Results are identical for any thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/ranking.h"
#include "kernels/summary.h"
#include "sim/execution.h"
#include "sim/sweep/sweep_plan.h"
#include "sim/sweep/text_buffer.h"

namespace llmb {

struct SummaryOptions {
  int top_k = 0;
  int top_output = -1;  // index into training_output_fields()
  bool top_highest = false;
  bool pareto = false;
  int pareto_cost_output = -1;  // cost axis of the front; time is wall_days
};

struct OutputSummary {
  Moments moments;
  // Counts of histogram bins first_bin, first_bin + 1, ...: the range that holds every point
  // (the whole histogram is 49,154 bins, and allocating it per output would cost more than
  // summarising a million points).
  int first_bin = 0;
  std::vector<std::uint64_t> histogram;
  std::uint64_t bin_count(int bin) const;  // any bin, zero outside the range
  double quantile(double q) const;         // from the histogram, within the bin resolution
};

struct SweepSummary {
  std::uint64_t count = 0;
  std::vector<OutputSummary> outputs;  // kTrainingOutputFields, in training_output_fields() order
  std::vector<RankedPoint> top;        // best first
  std::vector<ParetoPoint> pareto;     // by increasing wall time
};

// Points per chunk for summaries: a function of the total only, so that the order in which
// partial results combine, and so every bit of the result, is the same for any thread count.
std::uint64_t summary_chunk_size(std::uint64_t total);
// Bytes a summary run allocates, checked before it starts.
std::uint64_t summary_memory_bytes(std::uint64_t total, int threads, const SummaryOptions& options);

SweepSummary summarize(const SweepPlan& plan, const SummaryOptions& options,
                       const ExecOptions& exec);

// Every point in index order: produce(begin, end, outputs, text) formats a chunk into an empty
// buffer (on any thread); consume(text) receives the chunks in order on the calling thread.
using ProduceRows =
    std::function<void(std::uint64_t, std::uint64_t, const TrainingOutputs*, TextBuffer&)>;
using ConsumeRows = std::function<void(std::string_view)>;
void stream_points(const SweepPlan& plan, const ExecOptions& exec, const ProduceRows& produce,
                   const ConsumeRows& consume);

}  // namespace llmb
