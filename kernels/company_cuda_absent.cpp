// Without nvcc there is no CUDA backend; the CLI checks for a GPU before it gets here.
#include <stdexcept>

#include "kernels/company_cuda.h"

namespace llmb {

void simulate_companies_cuda(const CompanyPlanView&, std::uint64_t, std::uint64_t,
                             CompanyOutcome*) {
  throw std::logic_error("this build has no CUDA backend");
}

}  // namespace llmb
