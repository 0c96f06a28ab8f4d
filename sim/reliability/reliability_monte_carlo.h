// The interruption process of one run, sampled: P10/P50/P90 of the wall-clock time and of the
// GPU-hours lost, from kernels/reliability_sample.h on CPU threads over fixed chunks of samples
// (or on the GPU).
// Sample i is a pure function of (seed, i), so the result is the same on any thread count.
#pragma once

#include <cstdint>

#include "sim/scenario/scenario.h"

namespace llmb {

struct SampledQuantity {
  double mean = 0;
  double standard_error = 0;  // of the mean
  double p10 = 0, p50 = 0, p90 = 0;
};

struct ReliabilityMonteCarlo {
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  SampledQuantity wall_days;
  SampledQuantity lost_gpu_hours;
  SampledQuantity interruptions;
};

// Samples per chunk: the unit of work a thread takes; results do not depend on it.
inline constexpr std::uint64_t kReliabilityChunk = 1024;

// Throws InputError (at training.reliability.enabled) when the scenario has reliability off or
// nothing that interrupts it: there is no process to sample.
// `on_gpu`: the samples from the CUDA kernel (kernels/reliability_cuda.h) instead of threads;
// they agree with the CPU's to rounding (the device's exp and log).
ReliabilityMonteCarlo sample_run_reliability(const Scenario& scenario, std::uint64_t samples,
                                             std::uint64_t seed, int threads, bool on_gpu = false);

}  // namespace llmb
