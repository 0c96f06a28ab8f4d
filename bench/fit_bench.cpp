// `fit` on 5,000 loss runs (issue: "5,000 runs in a few seconds on 2 threads"): runs drawn from
// Epoch's law (Besiroglu et al. 2024) with 1% log-normal noise, N from 3e7 to 3e10, D from 1e9
// to 1e12, the same every run (Philox, seed 7), fitted from Epoch's 4,500-start grid as `fit`
// does by default.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "kernels/random_draw.h"
#include "kernels/scaling_law.h"
#include "sim/scaling/fit.h"

namespace llmb {
namespace {

std::vector<LossRun> epoch_like_runs(std::size_t count) {
  ScalingLaw law;
  law.form = kLawParametric;
  law.e = 1.8172, law.a = 482.01, law.b = 2085.43, law.alpha = 0.3478, law.beta = 0.3658;
  std::vector<LossRun> runs;
  for (std::size_t i = 0; i < count; ++i) {
    const auto index = static_cast<std::uint64_t>(i);
    const double n = std::pow(10.0, 7.5 + 3 * draw({kUniform, 0, 1}, 7, index, 0));
    const double d = std::pow(10.0, 9.0 + 3 * draw({kUniform, 0, 1}, 7, index, 1));
    const double noise = std::exp(0.01 * draw({kNormal, 0, 1}, 7, index, 2));
    runs.push_back({n, d, predicted_loss(law, n, d) * noise});
  }
  return runs;
}

void BM_Fit5000Runs(benchmark::State& state) {
  const std::vector<LossRun> runs = epoch_like_runs(5000);
  FitOptions options;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(fit_loss_law(runs, options));
  state.counters["runs"] = 5000;
}
BENCHMARK(BM_Fit5000Runs)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace llmb

BENCHMARK_MAIN();
