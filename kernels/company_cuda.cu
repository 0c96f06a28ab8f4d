#include <cuda_runtime.h>

#include "kernels/company_cuda.h"
#include "kernels/cuda_memory.cuh"

namespace llmb {
namespace {

constexpr int kThreads = 128;  // each thread holds a CompanyInputs (about 7.7 kB) locally

__global__ void company_kernel(CompanyPlanView plan, std::uint64_t begin, std::uint64_t count,
                               CompanyOutcome* out) {
  const std::uint64_t step = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
  for (std::uint64_t i = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x;
       i < count; i += step)
    out[i] = company_sample(plan, begin + i);
}

}  // namespace

void simulate_companies_cuda(const CompanyPlanView& plan, std::uint64_t begin, std::uint64_t end,
                             CompanyOutcome* out) {
  const std::uint64_t count = end - begin;
  if (count == 0) return;
  const cuda::DeviceBuffer<CompanyInputs> base(plan.base, 1);
  const cuda::DeviceBuffer<RandomInput> randoms(plan.randoms,
                                                static_cast<std::size_t>(plan.random_count));
  const cuda::DeviceBuffer<CompanyOutcome> outcomes(count);
  CompanyPlanView device = plan;
  device.base = base.data;
  device.randoms = randoms.data;
  const std::uint64_t wanted = (count + kThreads - 1) / kThreads;
  const unsigned blocks = static_cast<unsigned>(wanted < 65535 * 32 ? wanted : 65535 * 32);
  company_kernel<<<blocks, kThreads>>>(device, begin, count, outcomes.data);
  cuda::check(cudaGetLastError(), "company kernel launch");
  cuda::check(
      cudaMemcpy(out, outcomes.data, count * sizeof(CompanyOutcome), cudaMemcpyDeviceToHost),
      "cudaMemcpy");
}

}  // namespace llmb
