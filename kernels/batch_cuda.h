// The CUDA backend: the same per-point functions as the CPU backend, in kernels. Built only
// where nvcc exists; elsewhere these report that no GPU is available.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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

}  // namespace llmb
