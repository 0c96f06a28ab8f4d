// The interruption process on the GPU: the same sample_reliability() as the CPU threads, one
// sample per thread. Built only where nvcc exists; elsewhere it reports that there is no GPU.
#pragma once

#include <cstdint>

#include "kernels/reliability_sample.h"

namespace llmb {

// Samples [begin, end) into host memory out[0 .. end-begin).
void sample_reliability_cuda(const ReliabilityInputs& r, double gpu_count, double productive_s,
                             double restart_spread, std::uint64_t seed, std::uint64_t begin,
                             std::uint64_t end, ReliabilitySample* out);

}  // namespace llmb
