// Sweep throughput on the CPU backend (and the GPU where present): grid summaries, Monte
// Carlo summaries and CSV rows, reported as points per second.
#include <benchmark/benchmark.h>

#include <thread>

#include "kernels/batch_cuda.h"
#include "sim/schema/output_fields.h"
#include "sim/sweep/load_sweep.h"
#include "sim/sweep/sweep_report.h"

namespace llmb {
namespace {

const std::string kSource = LLMB_SOURCE_DIR;

const SweepPlan& plan(const std::string& file) {
  static const Catalog catalog = load_catalog(kSource + "/scenarios/catalog");
  static std::map<std::string, SweepPlan> plans;
  auto found = plans.find(file);
  if (found == plans.end())
    found =
        plans.emplace(file, load_sweep(kSource + "/bench/" + file, {}, catalog, 1'000'000'000'000))
            .first;
  return found->second;
}

void summary(benchmark::State& state, const std::string& file, Device device) {
  if (device == Device::kCuda && cuda_device_count() == 0) {
    state.SkipWithError("no CUDA GPU");
    return;
  }
  const SweepPlan& p = plan(file);
  ExecOptions exec;
  exec.device = device;
  exec.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(summarize(p, {}, exec));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * p.total()));
}

void BM_GridSummaryCpu(benchmark::State& state) {
  summary(state, "grid_params_tokens.yaml", Device::kCpu);
}
void BM_MonteCarloFiveInputsSummaryCpu(benchmark::State& state) {
  summary(state, "monte_carlo_five_inputs.yaml", Device::kCpu);
}
void BM_GridSummaryCuda(benchmark::State& state) {
  summary(state, "grid_params_tokens.yaml", Device::kCuda);
}
void BM_MonteCarloFiveInputsSummaryCuda(benchmark::State& state) {
  summary(state, "monte_carlo_five_inputs.yaml", Device::kCuda);
}

// Rows of every input and output as CSV, into memory (the disk is not what is measured).
void BM_CsvRowsCpu(benchmark::State& state) {
  const SweepPlan& p = plan("grid_params_tokens.yaml");
  ExecOptions exec;
  exec.device = Device::kCpu;
  exec.threads = static_cast<int>(state.range(0));
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  const RowFormatter rows(p, RowFormat::kCsv, columns);
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    stream_points(
        p, exec,
        [&](std::uint64_t b, std::uint64_t e, const TrainingOutputs* r, TextBuffer& text) {
          rows.write(b, e, r, text);
        },
        [&](std::string_view text) { bytes += text.size(); });
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * p.total()));
  state.counters["bytes_per_row"] = static_cast<double>(bytes) / static_cast<double>(p.total());
}

BENCHMARK(BM_GridSummaryCpu)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MonteCarloFiveInputsSummaryCpu)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvRowsCpu)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GridSummaryCuda)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MonteCarloFiveInputsSummaryCuda)->Arg(1)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace llmb

BENCHMARK_MAIN();
