// The CUDA backend: a launch per batch, the kernel bodies calling the same LLMB_HD functions
// as the CPU backend (sweep_point.h, summary.h).
#include <cuda_runtime.h>
#include <thrust/copy.h>
#include <thrust/device_vector.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/remove.h>
#include <thrust/scan.h>
#include <thrust/sort.h>
#include <thrust/transform.h>

#include <algorithm>
#include <string>

#include "kernels/batch_cuda.h"
#include "kernels/cuda_memory.cuh"

namespace llmb {
namespace {

using cuda::check;
using cuda::DeviceBuffer;

// The plan's arrays copied to the device; view() points at them.
class DevicePlan {
 public:
  explicit DevicePlan(const SweepPlanView& host)
      : groups_(host.groups, static_cast<std::size_t>(host.group_count)),
        fields_(host.fields, static_cast<std::size_t>(host.field_total)),
        values_(host.values, static_cast<std::size_t>(host.value_total)),
        randoms_(host.randoms, static_cast<std::size_t>(host.random_count)),
        view_(host) {
    view_.groups = groups_.data;
    view_.fields = fields_.data;
    view_.values = values_.data;
    view_.randoms = randoms_.data;
  }
  const SweepPlanView& view() const { return view_; }

 private:
  DeviceBuffer<AxisGroup> groups_;
  DeviceBuffer<int> fields_;
  DeviceBuffer<double> values_;
  DeviceBuffer<RandomInput> randoms_;
  SweepPlanView view_;
};

constexpr int kThreads = 256;

__global__ void evaluate_kernel(SweepPlanView plan, std::uint64_t begin, std::uint64_t count,
                                TrainingOutputs* out) {
  const std::uint64_t step = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
  for (std::uint64_t i = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x;
       i < count; i += step)
    out[i] = evaluate_sweep_point(plan, begin + i);
}

// One block per chunk: each thread accumulates every output's moments over a strided share of
// the chunk, the block combines them in a fixed tree order, and histogram counts go to global
// memory with one atomic per group of lanes that share a bin.
__global__ void summarize_kernel(SweepPlanView plan, std::uint64_t chunk_size, std::uint64_t chunks,
                                 Moments* chunk_moments, unsigned long long* histograms) {
  // Raw storage: __shared__ variables cannot have constructors, and Moments has initialisers.
  __shared__ alignas(Moments) unsigned char shared_bytes[kThreads * sizeof(Moments)];
  Moments* shared = reinterpret_cast<Moments*>(shared_bytes);
  const int lane = threadIdx.x & 31;
  for (std::uint64_t chunk = blockIdx.x; chunk < chunks; chunk += gridDim.x) {
    const std::uint64_t begin = chunk * chunk_size;
    const std::uint64_t end = begin + chunk_size < plan.total ? begin + chunk_size : plan.total;
    Moments mine[kTrainingOutputFields];
    for (std::uint64_t base = begin; base < end; base += blockDim.x) {
      const std::uint64_t i = base + threadIdx.x;
      const bool valid = i < end;
      TrainingOutputs out{};
      if (valid) out = evaluate_sweep_point(plan, i);
      for (int f = 0; f < kTrainingOutputFields; ++f) {
        const double x = output_field(out, f);
        if (valid) moments_add(mine[f], x);
        const int bin = valid ? histogram_bin(x) : -1;
        const unsigned peers = __match_any_sync(0xffffffffu, bin);
        if (bin >= 0 && lane == __ffs(peers) - 1)
          atomicAdd(&histograms[static_cast<std::size_t>(f) * kHistogramBins + bin],
                    static_cast<unsigned long long>(__popc(peers)));
      }
    }
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      shared[threadIdx.x] = mine[f];
      __syncthreads();
      for (int width = kThreads / 2; width > 0; width /= 2) {
        if (threadIdx.x < width)
          shared[threadIdx.x] = moments_combine(shared[threadIdx.x], shared[threadIdx.x + width]);
        __syncthreads();
      }
      if (threadIdx.x == 0) chunk_moments[chunk * kTrainingOutputFields + f] = shared[0];
      __syncthreads();
    }
  }
}

// Every point's ranking values: the ranked output and (wall time, cost) for the front.
__global__ void ranking_kernel(SweepPlanView plan, std::uint64_t begin, std::uint64_t count,
                               int top_output, int cost_output, RankedPoint* ranked,
                               ParetoPoint* pareto) {
  const std::uint64_t step = static_cast<std::uint64_t>(gridDim.x) * blockDim.x;
  for (std::uint64_t i = blockIdx.x * static_cast<std::uint64_t>(blockDim.x) + threadIdx.x;
       i < count; i += step) {
    const TrainingOutputs out = evaluate_sweep_point(plan, begin + i);
    if (ranked) ranked[i] = RankedPoint{output_field(out, top_output), begin + i};
    if (pareto) pareto[i] = ParetoPoint{out.wall_s, output_field(out, cost_output), begin + i};
  }
}

struct ValueIsNan {
  __device__ bool operator()(const RankedPoint& p) const { return isnan(p.value); }
};

// A cost for the running minimum: a NaN cost is never below another, so it never lowers it.
struct CostForMinimum {
  __device__ double operator()(const ParetoPoint& p) const {
    return isnan(p.cost) ? INFINITY : p.cost;
  }
};

struct Smaller {
  __device__ double operator()(double a, double b) const { return a < b ? a : b; }
};

// On the front: cheaper than every point before it in ParetoOrder.
struct BelowEarlierCosts {
  __device__ bool operator()(const ParetoPoint& p, double earlier_minimum) const {
    return p.cost < earlier_minimum;
  }
};

struct IsSet {
  __device__ bool operator()(bool flag) const { return flag; }
};

int blocks_for(std::uint64_t work) {
  const std::uint64_t wanted = (work + kThreads - 1) / kThreads;
  return static_cast<int>(wanted < 65535ull * 16 ? (wanted == 0 ? 1 : wanted) : 65535ull * 16);
}

}  // namespace

int cuda_device_count() {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no device" status
    return 0;
  }
  return count;
}

std::string cuda_device_name() {
  cudaDeviceProp properties{};
  if (cudaGetDeviceProperties(&properties, 0) != cudaSuccess) return {};
  return properties.name;
}

void evaluate_points_cuda(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                          TrainingOutputs* out) {
  const std::uint64_t count = end - begin;
  if (count == 0) return;
  DevicePlan device(plan);
  DeviceBuffer<TrainingOutputs> results(count);
  evaluate_kernel<<<blocks_for(count), kThreads>>>(device.view(), begin, count, results.data);
  check(cudaGetLastError(), "evaluate_kernel launch");
  check(cudaMemcpy(out, results.data, count * sizeof(TrainingOutputs), cudaMemcpyDeviceToHost),
        "cudaMemcpy results");
}

void summarize_cuda(const SweepPlanView& plan, std::uint64_t chunk_size,
                    std::vector<Moments>& chunk_moments, std::vector<std::uint64_t>& histograms) {
  const std::uint64_t chunks = (plan.total + chunk_size - 1) / chunk_size;
  const std::size_t bins = static_cast<std::size_t>(kTrainingOutputFields) * kHistogramBins;
  DevicePlan device(plan);
  DeviceBuffer<Moments> moments(chunks * kTrainingOutputFields);
  DeviceBuffer<unsigned long long> counts(bins);
  check(cudaMemset(counts.data, 0, bins * sizeof(unsigned long long)), "cudaMemset");
  const int blocks = static_cast<int>(chunks < 65535ull * 8 ? chunks : 65535ull * 8);
  summarize_kernel<<<blocks, kThreads>>>(device.view(), chunk_size, chunks, moments.data,
                                         counts.data);
  check(cudaGetLastError(), "summarize_kernel launch");
  chunk_moments.resize(chunks * kTrainingOutputFields);
  check(cudaMemcpy(chunk_moments.data(), moments.data, chunk_moments.size() * sizeof(Moments),
                   cudaMemcpyDeviceToHost),
        "cudaMemcpy moments");
  std::vector<unsigned long long> host_counts(bins);
  check(cudaMemcpy(host_counts.data(), counts.data, bins * sizeof(unsigned long long),
                   cudaMemcpyDeviceToHost),
        "cudaMemcpy histograms");
  histograms.resize(bins, 0);
  for (std::size_t b = 0; b < bins; ++b) histograms[b] += host_counts[b];
}

void rank_points_cuda(const SweepPlanView& plan, std::uint64_t begin, std::uint64_t end,
                      const RankingRequest& request, std::vector<RankedPoint>& top,
                      std::vector<ParetoPoint>& front) {
  top.clear();
  front.clear();
  const std::uint64_t count = end - begin;
  if (count == 0 || (request.top_k == 0 && !request.pareto)) return;
  DevicePlan device(plan);
  thrust::device_vector<RankedPoint> ranked(request.top_k > 0 ? count : 0);
  thrust::device_vector<ParetoPoint> pareto(request.pareto ? count : 0);
  ranking_kernel<<<blocks_for(count), kThreads>>>(
      device.view(), begin, count, request.top_output, request.cost_output,
      request.top_k > 0 ? thrust::raw_pointer_cast(ranked.data()) : nullptr,
      request.pareto ? thrust::raw_pointer_cast(pareto.data()) : nullptr);
  check(cudaGetLastError(), "ranking_kernel launch");

  if (request.top_k > 0) {
    const auto kept = thrust::remove_if(ranked.begin(), ranked.end(), ValueIsNan{});
    thrust::sort(ranked.begin(), kept, RanksBefore{request.highest});
    const auto best =
        std::min<std::uint64_t>(request.top_k, static_cast<std::uint64_t>(kept - ranked.begin()));
    top.resize(best);
    thrust::copy(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(best), top.begin());
  }
  if (request.pareto) {
    thrust::sort(pareto.begin(), pareto.end(), ParetoOrder{});
    // The least cost before each point, in that order.
    thrust::device_vector<double> earlier(count);
    thrust::exclusive_scan(thrust::make_transform_iterator(pareto.begin(), CostForMinimum{}),
                           thrust::make_transform_iterator(pareto.end(), CostForMinimum{}),
                           earlier.begin(), static_cast<double>(INFINITY), Smaller{});
    thrust::device_vector<bool> on_front(count);
    thrust::transform(pareto.begin(), pareto.end(), earlier.begin(), on_front.begin(),
                      BelowEarlierCosts{});
    thrust::device_vector<ParetoPoint> kept(count);
    const auto kept_end =
        thrust::copy_if(pareto.begin(), pareto.end(), on_front.begin(), kept.begin(), IsSet{});
    front.resize(static_cast<std::size_t>(kept_end - kept.begin()));
    thrust::copy(kept.begin(), kept_end, front.begin());
  }
}

}  // namespace llmb
