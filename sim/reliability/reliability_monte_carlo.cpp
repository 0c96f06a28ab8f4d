#include "sim/reliability/reliability_monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/batch_cpu.h"
#include "kernels/reliability_cuda.h"
#include "kernels/reliability_sample.h"

namespace llmb {
namespace {

// Linear interpolation between order statistics (Hyndman and Fan's type 7, numpy's default).
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - static_cast<double>(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

// Summed in sample order, so that the mean does not depend on the threads.
SampledQuantity summarise(std::vector<double> values) {
  SampledQuantity out;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  out.mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  out.standard_error = values.size() > 1 ? std::sqrt(squares / (n - 1) / n) : 0.0;
  std::sort(values.begin(), values.end());
  out.p10 = quantile(values, 0.10);
  out.p50 = quantile(values, 0.50);
  out.p90 = quantile(values, 0.90);
  return out;
}

}  // namespace

ReliabilityMonteCarlo sample_run_reliability(const Scenario& scenario, std::uint64_t samples,
                                             std::uint64_t seed, int threads, bool on_gpu) {
  const TrainingInputs& in = scenario.inputs;
  const ReliabilityInputs r = reliability_inputs(in);
  if (!(in.reliability_enabled > 0) || !(interruption_rate_per_s(r, in.gpu_count) > 0))
    throw InputError({scenario.file, 1, 1}, "training.reliability.enabled",
                     "--reliability-samples needs reliability on and a failure or planned "
                     "interruption rate above zero (--set training.reliability.enabled=true)");
  const double productive_s = evaluate_training(in).productive_s;

  std::vector<ReliabilitySample> draws(samples);
  if (on_gpu)
    sample_reliability_cuda(r, in.gpu_count, productive_s, scenario.restart_spread, seed, 0,
                            samples, draws.data());
  const std::uint64_t chunks = (samples + kReliabilityChunk - 1) / kReliabilityChunk;
  if (!on_gpu)
    parallel_chunks(chunks, std::max(1, threads), [&](int, std::uint64_t chunk) {
      const std::uint64_t end = std::min(samples, (chunk + 1) * kReliabilityChunk);
      for (std::uint64_t i = chunk * kReliabilityChunk; i < end; ++i)
        draws[i] =
            sample_reliability(r, in.gpu_count, productive_s, scenario.restart_spread, seed, i);
    });

  std::vector<double> wall_days(samples), lost_gpu_hours(samples), interruptions(samples);
  for (std::uint64_t i = 0; i < samples; ++i) {
    const ReliabilitySample& d = draws[i];
    wall_days[i] = d.elapsed_s / 86400.0;
    lost_gpu_hours[i] =
        (d.lost_rework_s + d.lost_checkpoint_s + d.lost_restart_s) * in.gpu_count / 3600.0;
    interruptions[i] = d.interruptions;
  }
  ReliabilityMonteCarlo out;
  out.samples = samples;
  out.seed = seed;
  out.wall_days = summarise(std::move(wall_days));
  out.lost_gpu_hours = summarise(std::move(lost_gpu_hours));
  out.interruptions = summarise(std::move(interruptions));
  return out;
}

}  // namespace llmb
