// The company Monte Carlo's throughput on the CPU backend (and the GPU where present), on the
// bundled companies, reported as company-months per second.
#include <benchmark/benchmark.h>

#include "kernels/batch_cuda.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/company/load_company.h"

namespace llmb {
namespace {

const std::string kSource = LLMB_SOURCE_DIR;

const Company& company(const std::string& name) {
  static const Catalog catalog = load_catalog(kSource + "/scenarios/catalog");
  static std::map<std::string, Company> loaded;
  auto found = loaded.find(name);
  if (found == loaded.end())
    found = loaded
                .emplace(name, load_company_file(kSource + "/scenarios/companies/" + name + ".yaml",
                                                 {}, catalog))
                .first;
  return found->second;
}

void monte_carlo(benchmark::State& state, const std::string& name, Device device) {
  if (device == Device::kCuda && cuda_device_count() == 0) {
    state.SkipWithError("no CUDA GPU");
    return;
  }
  const Company& c = company(name);
  CompanyMonteCarloOptions options;
  options.samples = device == Device::kCuda ? 1 << 22 : 1 << 16;
  options.device = device;
  options.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(simulate_company_samples(c, options));
  const double months = static_cast<double>(state.iterations()) *
                        static_cast<double>(options.samples) * c.inputs.horizon_months;
  state.counters["company_months_per_s"] = benchmark::Counter(months, benchmark::Counter::kIsRate);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * options.samples));
}

BENCHMARK_CAPTURE(monte_carlo, CpuGeneralModel, std::string("general_model"), Device::kCpu)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(monte_carlo, CpuVerticalModel, std::string("vertical_model"), Device::kCpu)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(monte_carlo, CpuApplication, std::string("application"), Device::kCpu)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(monte_carlo, CudaGeneralModel, std::string("general_model"), Device::kCuda)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(monte_carlo, CudaVerticalModel, std::string("vertical_model"), Device::kCuda)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace llmb

BENCHMARK_MAIN();
