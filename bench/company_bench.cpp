// The company Monte Carlo's throughput on the CPU backend (and the GPU where present), on the
// bundled companies, reported as company-months per second.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>

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

// Each bundled company on the CPU (1 and 2 threads) and on the GPU.
const bool kRegistered = [] {
  const std::pair<const char*, const char*> companies[] = {{"GeneralModel", "general_model"},
                                                           {"VerticalModel", "vertical_model"},
                                                           {"Application", "application"}};
  for (const auto& [label, file] : companies) {
    for (const auto& [device_name, device] :
         {std::pair{"Cpu", Device::kCpu}, std::pair{"Cuda", Device::kCuda}}) {
      auto* b =
          benchmark::RegisterBenchmark((std::string("monte_carlo/") + device_name + label).c_str(),
                                       monte_carlo, std::string(file), device);
      b->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
      if (device == Device::kCpu) b->Arg(2);
    }
  }
  return true;
}();

}  // namespace
}  // namespace llmb

BENCHMARK_MAIN();
