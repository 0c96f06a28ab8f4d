// One Monte Carlo sample of a company: its inputs with every uncertain input drawn by Philox
// keyed on (seed, sample index, input), then the monthly simulation. The CPU and CUDA backends
// both call company_sample(), so a seed gives the same companies on either.
#pragma once

#include <cstdint>

#include "kernels/company.h"
#include "kernels/hd.h"
#include "kernels/sweep_point.h"

namespace llmb {

struct CompanyPlanView {
  const CompanyInputs* base = nullptr;  // device memory on the GPU
  std::uint64_t samples = 0;
  std::uint64_t seed = 0;
  int random_count = 0;
  const RandomInput* randoms = nullptr;
};

// Writes one value of a random input into the fields it feeds.
LLMB_HD inline void write_random_value(CompanyInputs& in, const RandomInput& random, double value) {
  write_random_value(reinterpret_cast<double*>(&in), random, value);
}

LLMB_HD inline CompanyInputs company_sample_inputs(const CompanyPlanView& plan,
                                                   std::uint64_t index) {
  CompanyInputs in = *plan.base;
  for (int r = 0; r < plan.random_count; ++r)
    write_random_value(in, plan.randoms[r], random_value(plan.randoms[r], plan.seed, index, r));
  return in;
}

LLMB_HD inline CompanyOutcome company_sample(const CompanyPlanView& plan, std::uint64_t index) {
  return simulate_company(company_sample_inputs(plan, index), nullptr);
}

}  // namespace llmb
