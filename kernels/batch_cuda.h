// The CUDA backend: the same per-point functions as the CPU backend, in kernels. Built only
// where nvcc exists; elsewhere these report that no GPU is available.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/ranking.h"
#include "kernels/summary.h"
#include "kernels/sweep_point.h"

namespace llmb {

// Number of usable CUDA devices at run time; 0 without the CUDA build or without a GPU.
int cuda_device_count();
std::string cuda_device_name();  // of device 0

// Evaluates points [begin, end) on the GPU into host memory out[0 .. end-begin).
void evaluate_points_cuda(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                          TrainingOutputs* out);

// On-device reduction: moments of every output per chunk of `chunk_size` points (chunk_moments
// gets chunks x kTrainingOutputFields entries, chunk-major) and the histogram of every output
// (kTrainingOutputFields x kHistogramBins counts, added to).
void summarize_cuda(const SweepPlanView& plan, std::uint64_t chunk_size,
                    std::vector<Moments>& chunk_moments, std::vector<std::uint64_t>& histograms);

// What to rank points by on the device.
struct RankingRequest {
  std::size_t top_k = 0;  // 0: no top points
  int top_output = 0;     // training output field
  bool highest = false;
  bool pareto = false;
  int cost_output = 0;  // the Pareto front's cost, a training output field
};

// On-device rankings of points [begin, end): `top` gets the best request.top_k by
// request.top_output (NaN values left out), best first; `front` the Pareto front of
// request.cost_output against wall time (RanksBefore and ParetoOrder in kernels/ranking.h).
// Only those points come back to the host.
void rank_points_cuda(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                      const RankingRequest& request, std::vector<RankedPoint>& top,
                      std::vector<ParetoPoint>& front);

}  // namespace llmb
