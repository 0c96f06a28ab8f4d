#include <cuda_runtime.h>

#include "kernels/cuda_memory.cuh"
#include "kernels/reliability_cuda.h"

namespace llmb {
namespace {

constexpr int kThreads = 128;

__global__ void reliability_kernel(ReliabilityInputs r, double gpu_count, double productive_s,
                                   double restart_spread, std::uint64_t seed, std::uint64_t begin,
                                   std::uint64_t count, ReliabilitySample* out) {
  const std::uint64_t step = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
  for (std::uint64_t i = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x;
       i < count; i += step)
    out[i] = sample_reliability(r, gpu_count, productive_s, restart_spread, seed, begin + i);
}

}  // namespace

void sample_reliability_cuda(const ReliabilityInputs& r, double gpu_count, double productive_s,
                             double restart_spread, std::uint64_t seed, std::uint64_t begin,
                             std::uint64_t end, ReliabilitySample* out) {
  const std::uint64_t count = end - begin;
  if (count == 0) return;
  const cuda::DeviceBuffer<ReliabilitySample> samples(count);
  const std::uint64_t wanted = (count + kThreads - 1) / kThreads;
  const unsigned blocks = static_cast<unsigned>(wanted < 65535 * 32 ? wanted : 65535 * 32);
  reliability_kernel<<<blocks, kThreads>>>(r, gpu_count, productive_s, restart_spread, seed, begin,
                                           count, samples.data);
  cuda::check(cudaGetLastError(), "reliability kernel launch");
  cuda::check(
      cudaMemcpy(out, samples.data, count * sizeof(ReliabilitySample), cudaMemcpyDeviceToHost),
      "cudaMemcpy");
}

}  // namespace llmb
