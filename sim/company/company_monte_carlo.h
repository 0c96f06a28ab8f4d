// The company Monte Carlo: every uncertain input drawn per sample, the monthly model run for
// each sample on CPU threads or a CUDA GPU, then percentiles of what investors ask (runway,
// funding needed, break-even month), the chance of running out of cash before break-even, and
// a ranking of the inputs that move the funding needed the most.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/company/company.h"
#include "sim/execution.h"

namespace llmb {

struct CompanyMonteCarloOptions {
  std::uint64_t samples = 10000;
  std::uint64_t seed = 1;
  Device device = Device::kCpu;  // already picked: kCpu or kCuda
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;  // set by Ctrl-C; the run throws Cancelled
};

// Per sample, the outcomes the summary reads (structure of arrays, in sample order).
struct CompanySamples {
  std::vector<double> funding_needed_usd;
  std::vector<double> runway_months;
  std::vector<double> break_even_month;  // -1: never within the horizon
  std::vector<double> cash_at_end_usd;
  std::vector<double> runs_out_before_break_even;
};

// Bytes simulate_company_samples allocates, checked before it starts.
std::uint64_t company_samples_memory_bytes(std::uint64_t samples);

// Every sample's outcome: identical for any thread count and on either device.
CompanySamples simulate_company_samples(const Company& company,
                                        const CompanyMonteCarloOptions& options);

struct Percentiles {
  double p10 = 0, p50 = 0, p90 = 0;
};

// One uncertain input's effect on the funding needed: the input at its 10th and 90th
// percentile (of the draws), every other input at its central value.
struct Sensitivity {
  std::string path;
  Dimension dimension = Dimension::kDimensionless;
  double low_value = 0, high_value = 0;  // base units
  double funding_at_low_usd = 0, funding_at_high_usd = 0;
  double swing_usd = 0;  // |high - low|
};

// The monthly fan a chart draws: P10, P50 and P90 of cash, revenue and burn in each month,
// over the first kFanSamples samples (the same draws as the percentiles above), so that its
// memory is bounded whatever --samples is. Every sample writes its own slot: the fan is
// identical for any thread count.
inline constexpr std::uint64_t kFanSamples = 20000;

struct FanMonth {
  Percentiles cash_usd, revenue_usd, burn_usd;
};

struct CompanyFan {
  std::uint64_t samples = 0;
  std::vector<FanMonth> months;
};

// The fan over samples [0, min(options.samples, kFanSamples)), simulated on CPU threads.
CompanyFan company_fan(const Company& company, const CompanyMonteCarloOptions& options);

struct CompanyMonteCarlo {
  std::uint64_t samples = 0;
  double horizon_months = 0;
  Percentiles runway_months;
  Percentiles funding_needed_usd;
  // Months to break-even; samples that never break even count as later than any month, so a
  // percentile among them is +infinity ("never").
  Percentiles break_even_month;
  Percentiles cash_at_end_usd;
  double probability_runs_out_before_break_even = 0;
  double probability_never_breaks_even = 0;
  std::vector<Sensitivity> sensitivity;  // largest swing first
  CompanyFan fan;
  double seconds = 0;  // the simulation alone
  double company_months_per_second = 0;
};

CompanyMonteCarlo run_company_monte_carlo(const Company& company,
                                          const CompanyMonteCarloOptions& options);

// The p-quantile (0..1) of `values`, interpolating between order statistics (Hyndman and Fan
// type 7, numpy's default). Reorders `values`.
double quantile_of(std::vector<double>& values, double p);

// The 10th and 90th percentiles of uncertain input number `index`, from `draws` draws of its
// distribution keyed by `seed`: the two values a sensitivity moves that input to.
struct InputPercentiles {
  double p10 = 0;
  double p90 = 0;
};
InputPercentiles input_p10_p90(const UncertainInput& input, int index, std::uint64_t seed,
                               std::uint64_t draws);

}  // namespace llmb
