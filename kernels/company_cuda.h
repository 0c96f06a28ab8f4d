// The company Monte Carlo on a CUDA GPU: one thread per sample, calling company_sample() as
// the CPU backend does. Built only where nvcc exists; elsewhere it reports no GPU.
#pragma once

#include <cstdint>

#include "kernels/company_sample.h"

namespace llmb {

// Simulates samples [begin, end) of `plan` (host pointers) on the GPU into host memory
// out[0 .. end-begin).
void simulate_companies_cuda(const CompanyPlanView& plan, std::uint64_t begin, std::uint64_t end,
                             CompanyOutcome* out);

}  // namespace llmb
