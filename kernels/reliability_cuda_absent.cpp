// Without nvcc there is no CUDA backend; the CLI checks for a GPU before it gets here.
#include <stdexcept>

#include "kernels/reliability_cuda.h"

namespace llmb {

void sample_reliability_cuda(const ReliabilityInputs&, double, double, double, std::uint64_t,
                             std::uint64_t, std::uint64_t, ReliabilitySample*) {
  throw std::logic_error("this build has no CUDA backend");
}

}  // namespace llmb
