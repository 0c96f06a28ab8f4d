// One chunk of a sweep's points summarised on the CPU: each output's moments, and its points
// counted into a worker's histogram.
#pragma once

#include <cstdint>
#include <functional>

#include "kernels/summary.h"
#include "kernels/sweep_point.h"
#include "sim/sweep/worker_histogram.h"

namespace llmb {

// Points [begin, end) into moments[0 .. kTrainingOutputFields) and `histogram`; `rank`, when
// set, sees every point in index order.
void summarize_chunk_cpu(const SweepPlanView& view, std::uint64_t begin, std::uint64_t end,
                         Moments* moments, WorkerHistogram& histogram,
                         const std::function<void(const TrainingOutputs&, std::uint64_t)>& rank);

}  // namespace llmb
