// Without nvcc there is no CUDA backend: no devices, and asking for one is an error the CLI
// checks for before it gets here.
#include <stdexcept>

#include "kernels/batch_cuda.h"

namespace llmb {

int cuda_device_count() {
  return 0;
}
std::string cuda_device_name() {
  return {};
}

void evaluate_points_cuda(const SweepPlanView&, std::uint64_t, std::uint64_t, TrainingOutputs*) {
  throw std::logic_error("this build has no CUDA backend");
}

void summarize_cuda(const SweepPlanView&, std::uint64_t, std::vector<Moments>&,
                    std::vector<std::uint64_t>&) {
  throw std::logic_error("this build has no CUDA backend");
}

void rank_points_cuda(const SweepPlanView&, std::uint64_t, std::uint64_t, const RankingRequest&,
                      std::vector<RankedPoint>&, std::vector<ParetoPoint>&) {
  throw std::logic_error("this build has no CUDA backend");
}

}  // namespace llmb
