// The CUDA backend against the CPU backend, point by point and for summaries. Runs where a
// GPU is present; reported as skipped elsewhere.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>

#include "kernels/batch_cpu.h"
#include "kernels/batch_cuda.h"
#include "kernels/reliability_cuda.h"
#include "sim/schema/output_fields.h"
#include "sim/sweep/load_sweep.h"
#include "sim/sweep/sweep_engine.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
const std::string& kSource = test::kSourceDir;
SweepPlan plan_of(const std::string& name) {
  return test::test_sweep(name);
}

void expect_close(double cpu, double gpu, const char* what, std::uint64_t i) {
  const double scale = std::max(std::fabs(cpu), std::fabs(gpu));
  EXPECT_LE(std::fabs(cpu - gpu), 1e-12 * scale) << what << " at point " << i;
}

TEST(CudaBackend, MatchesCpuOnEveryPointOfAMonteCarlo) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  const SweepPlan plan = plan_of("determinism.yaml");
  const std::uint64_t n = plan.total();
  std::vector<TrainingOutputs> cpu(n), gpu(n);
  evaluate_points_cpu(plan.view(), 0, n, cpu.data());
  evaluate_points_cuda(plan.view(), 0, n, gpu.data());
  for (std::uint64_t i = 0; i < n; ++i)
    for (int f = 0; f < kTrainingOutputFields; ++f)
      expect_close(output_field(cpu[i], f), output_field(gpu[i], f),
                   std::string(training_output_fields()[static_cast<std::size_t>(f)].key).c_str(),
                   i);
}

TEST(CudaBackend, MatchesCpuOnEveryPointWithReliabilityOn) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  const SweepPlan plan = plan_of("reliability_grid.yaml");
  const std::uint64_t n = plan.total();
  std::vector<TrainingOutputs> cpu(n), gpu(n);
  evaluate_points_cpu(plan.view(), 0, n, cpu.data());
  evaluate_points_cuda(plan.view(), 0, n, gpu.data());
  ASSERT_GT(cpu[0].interruptions, 0);
  for (std::uint64_t i = 0; i < n; ++i)
    for (int f = 0; f < kTrainingOutputFields; ++f)
      expect_close(output_field(cpu[i], f), output_field(gpu[i], f),
                   std::string(training_output_fields()[static_cast<std::size_t>(f)].key).c_str(),
                   i);
}

// The interruption process, sample by sample. The device's exp and log may round differently
// from libm's, and a draw that lands within rounding of a checkpoint boundary then keeps one
// cycle more or less; so almost every sample matches to 1e-12 and the means to 1e-9.
TEST(CudaBackend, ReliabilitySamplesMatchCpu) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  ReliabilityInputs r;
  r.enabled = 1;
  r.gpus_per_node = 8;
  r.failures_per_node_s = 3.79e-3 / 86400;
  r.stop_fraction = 1;
  r.detect_s = 300;
  r.restart_s = 600;
  r.checkpoint_bytes = 5.67e12;
  r.write_bytes_per_s = 2e12;
  r.read_bytes_per_s = 2e12;
  constexpr std::uint64_t kSamples = 4096;
  std::vector<ReliabilitySample> gpu(kSamples);
  sample_reliability_cuda(r, 16384, 5.85e6, 0.5, 9, 0, kSamples, gpu.data());
  double cpu_sum = 0, gpu_sum = 0;
  std::uint64_t close = 0;
  for (std::uint64_t i = 0; i < kSamples; ++i) {
    const ReliabilitySample cpu = sample_reliability(r, 16384, 5.85e6, 0.5, 9, i);
    cpu_sum += cpu.elapsed_s;
    gpu_sum += gpu[i].elapsed_s;
    if (std::fabs(cpu.elapsed_s - gpu[i].elapsed_s) <= 1e-12 * cpu.elapsed_s) ++close;
  }
  EXPECT_GE(close, kSamples - kSamples / 100);
  EXPECT_NEAR(gpu_sum, cpu_sum, 1e-9 * cpu_sum);
}

TEST(CudaBackend, SummaryMatchesCpu) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  const SweepPlan plan = plan_of("determinism.yaml");
  ExecOptions cpu_exec, gpu_exec;
  cpu_exec.device = Device::kCpu;
  cpu_exec.threads = 2;
  gpu_exec.device = Device::kCuda;
  const SweepSummary cpu = summarize(plan, {}, cpu_exec);
  const SweepSummary gpu = summarize(plan, {}, gpu_exec);
  for (int f = 0; f < kTrainingOutputFields; ++f) {
    const auto& a = cpu.outputs[static_cast<std::size_t>(f)].moments;
    const auto& b = gpu.outputs[static_cast<std::size_t>(f)].moments;
    EXPECT_EQ(a.count, b.count);
    expect_close(a.mean, b.mean, "mean", 0);
    expect_close(a.min, b.min, "min", 0);
    expect_close(a.max, b.max, "max", 0);
    expect_close(std::sqrt(a.m2), std::sqrt(b.m2), "sd", 0);
    // A value that rounds across a histogram bin edge moves a quantile by at most a bin.
    const double cpu_median = cpu.outputs[static_cast<std::size_t>(f)].quantile(0.5);
    EXPECT_NEAR(gpu.outputs[static_cast<std::size_t>(f)].quantile(0.5), cpu_median,
                0.004 * std::fabs(cpu_median));
  }
}

// Top points and the Pareto front, ranked on the device, are the CPU's points: the same
// indices in the same order, values within the backends' 1e-12.
TEST(CudaBackend, RankingsMatchCpu) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  const SweepPlan plan = plan_of("determinism.yaml");
  for (const bool highest : {false, true}) {
    SummaryOptions options;
    options.top_k = 7;
    options.top_output = static_cast<int>(offsetof(TrainingOutputs, wall_s) / sizeof(double));
    options.top_highest = highest;
    options.pareto = true;
    options.pareto_cost_output =
        static_cast<int>(offsetof(TrainingOutputs, cost_cloud_usd) / sizeof(double));
    ExecOptions cpu_exec, gpu_exec;
    cpu_exec.device = Device::kCpu;
    cpu_exec.threads = 2;
    gpu_exec.device = Device::kCuda;
    const SweepSummary cpu = summarize(plan, options, cpu_exec);
    const SweepSummary gpu = summarize(plan, options, gpu_exec);
    ASSERT_EQ(cpu.top.size(), 7u);
    ASSERT_EQ(gpu.top.size(), cpu.top.size());
    for (std::size_t i = 0; i < cpu.top.size(); ++i) {
      EXPECT_EQ(gpu.top[i].index, cpu.top[i].index) << "top " << i;
      expect_close(cpu.top[i].value, gpu.top[i].value, "top value", cpu.top[i].index);
    }
    ASSERT_FALSE(cpu.pareto.empty());
    ASSERT_EQ(gpu.pareto.size(), cpu.pareto.size());
    for (std::size_t i = 0; i < cpu.pareto.size(); ++i) {
      EXPECT_EQ(gpu.pareto[i].index, cpu.pareto[i].index) << "front " << i;
      expect_close(cpu.pareto[i].cost, gpu.pareto[i].cost, "front cost", cpu.pareto[i].index);
    }
  }
}

}  // namespace
}  // namespace llmb
