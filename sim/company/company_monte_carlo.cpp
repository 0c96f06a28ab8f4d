#include "sim/company/company_monte_carlo.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "kernels/batch_cpu.h"
#include "kernels/company_cuda.h"
#include "kernels/company_sample.h"

namespace llmb {
namespace {

// Fixed chunks: which samples a chunk holds depends on nothing but the count, and every
// sample is written to its own slot, so results do not depend on the thread count.
constexpr std::uint64_t kChunk = 4096;
constexpr std::uint64_t kGpuBatch = 1 << 20;

CompanyPlanView view_of(const Company& company, const CompanyMonteCarloOptions& options) {
  CompanyPlanView view;
  view.base = &company.inputs;
  view.samples = options.samples;
  view.seed = options.seed;
  view.random_count = static_cast<int>(company.uncertain.size());
  return view;
}

void store(CompanySamples& out, std::uint64_t i, const CompanyOutcome& outcome) {
  out.funding_needed_usd[i] = outcome.funding_needed_usd;
  out.runway_months[i] = outcome.runway_months;
  out.break_even_month[i] = outcome.break_even_month;
  out.cash_at_end_usd[i] = outcome.cash_at_end_usd;
  out.runs_out_before_break_even[i] = outcome.runs_out_before_break_even;
}

void check_stop(const CompanyMonteCarloOptions& options) {
  if (options.stop && options.stop->load()) throw Cancelled();
}

Percentiles percentiles(std::vector<double> values) {
  Percentiles p;
  p.p10 = quantile_of(values, 0.10);
  p.p50 = quantile_of(values, 0.50);
  p.p90 = quantile_of(values, 0.90);
  return p;
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

}  // namespace

std::uint64_t company_samples_memory_bytes(std::uint64_t samples) {
  // Five doubles per sample, kept for exact percentiles, and a copy while sorting; and the
  // monthly fan's three doubles a month over at most kFanSamples samples (240 months at most).
  return samples * 6 * sizeof(double) +
         std::min(samples, kFanSamples) * 3 * kMaxMonths * sizeof(double);
}

CompanySamples simulate_company_samples(const Company& company,
                                        const CompanyMonteCarloOptions& options) {
  const std::uint64_t n = options.samples;
  CompanySamples out;
  out.funding_needed_usd.resize(n);
  out.runway_months.resize(n);
  out.break_even_month.resize(n);
  out.cash_at_end_usd.resize(n);
  out.runs_out_before_break_even.resize(n);
  std::vector<RandomInput> randoms;
  for (const auto& u : company.uncertain) randoms.push_back(u.random);
  CompanyPlanView view = view_of(company, options);
  view.randoms = randoms.data();

  if (options.device == Device::kCuda) {
    std::vector<CompanyOutcome> batch(std::min(n, kGpuBatch));
    for (std::uint64_t begin = 0; begin < n; begin += kGpuBatch) {
      check_stop(options);
      const std::uint64_t end = std::min(n, begin + kGpuBatch);
      simulate_companies_cuda(view, begin, end, batch.data());
      for (std::uint64_t i = begin; i < end; ++i) store(out, i, batch[i - begin]);
    }
    return out;
  }
  const std::uint64_t chunks = (n + kChunk - 1) / kChunk;
  parallel_chunks(
      chunks, options.threads,
      [&](int, std::uint64_t chunk) {
        const std::uint64_t begin = chunk * kChunk, end = std::min(n, begin + kChunk);
        for (std::uint64_t i = begin; i < end; ++i) store(out, i, company_sample(view, i));
      },
      {}, options.stop);
  check_stop(options);
  return out;
}

double quantile_of(std::vector<double>& values, double p) {
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double position = p * static_cast<double>(values.size() - 1);
  const auto lower = static_cast<std::size_t>(std::floor(position));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(lower),
                   values.end());
  const double below = values[lower];
  if (lower + 1 >= values.size()) return below;
  const double above =
      *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(lower) + 1, values.end());
  const double fraction = position - static_cast<double>(lower);
  if (fraction == 0) return below;
  if (std::isinf(above)) return above;
  return below + fraction * (above - below);
}

InputPercentiles input_p10_p90(const UncertainInput& input, int index, std::uint64_t seed,
                               std::uint64_t draws) {
  std::vector<double> values(draws);
  for (std::uint64_t i = 0; i < draws; ++i) values[i] = random_value(input.random, seed, i, index);
  InputPercentiles p;
  p.p10 = quantile_of(values, 0.10);
  p.p90 = quantile_of(values, 0.90);
  return p;
}

CompanyFan company_fan(const Company& company, const CompanyMonteCarloOptions& options) {
  CompanyFan fan;
  const std::uint64_t n = std::min(options.samples, kFanSamples);
  const auto horizon = static_cast<std::size_t>(company.inputs.horizon_months);
  fan.samples = n;
  if (n == 0) return fan;
  // values[f][m * n + i]: field f (cash, revenue, burn) of month m in sample i.
  std::vector<double> values[3];
  for (auto& v : values) v.resize(horizon * n);
  std::vector<RandomInput> randoms;
  for (const auto& u : company.uncertain) randoms.push_back(u.random);
  CompanyPlanView view = view_of(company, options);
  view.randoms = randoms.data();
  const std::uint64_t chunks = (n + kChunk - 1) / kChunk;
  parallel_chunks(
      chunks, options.threads,
      [&](int, std::uint64_t chunk) {
        std::vector<CompanyMonth> months(horizon);
        const std::uint64_t begin = chunk * kChunk, end = std::min(n, begin + kChunk);
        for (std::uint64_t i = begin; i < end; ++i) {
          simulate_company(company_sample_inputs(view, i), months.data());
          for (std::size_t m = 0; m < horizon; ++m) {
            values[0][m * n + i] = months[m].cash_usd;
            values[1][m * n + i] = months[m].revenue_usd;
            values[2][m * n + i] = months[m].burn_usd;
          }
        }
      },
      {}, options.stop);
  check_stop(options);
  fan.months.resize(horizon);
  for (std::size_t m = 0; m < horizon; ++m) {
    auto month_of = [&](int f) {
      return std::vector<double>(values[f].begin() + static_cast<std::ptrdiff_t>(m * n),
                                 values[f].begin() + static_cast<std::ptrdiff_t>((m + 1) * n));
    };
    fan.months[m].cash_usd = percentiles(month_of(0));
    fan.months[m].revenue_usd = percentiles(month_of(1));
    fan.months[m].burn_usd = percentiles(month_of(2));
  }
  return fan;
}

CompanyMonteCarlo run_company_monte_carlo(const Company& company,
                                          const CompanyMonteCarloOptions& options) {
  CompanyMonteCarlo result;
  result.samples = options.samples;
  result.horizon_months = company.inputs.horizon_months;
  const auto start = std::chrono::steady_clock::now();
  CompanySamples samples = simulate_company_samples(company, options);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.company_months_per_second =
      static_cast<double>(options.samples) * company.inputs.horizon_months / result.seconds;

  std::vector<double> break_even = samples.break_even_month;
  double never = 0;
  for (double& month : break_even)
    if (month < 0) {
      month = std::numeric_limits<double>::infinity();
      never += 1;
    }
  result.runway_months = percentiles(std::move(samples.runway_months));
  result.funding_needed_usd = percentiles(std::move(samples.funding_needed_usd));
  result.break_even_month = percentiles(std::move(break_even));
  result.cash_at_end_usd = percentiles(std::move(samples.cash_at_end_usd));
  result.probability_runs_out_before_break_even = mean_of(samples.runs_out_before_break_even);
  result.probability_never_breaks_even = never / static_cast<double>(options.samples);

  // Sensitivity: each input alone at the 10th and 90th percentile of its own draws.
  for (std::size_t r = 0; r < company.uncertain.size(); ++r) {
    const UncertainInput& u = company.uncertain[r];
    const InputPercentiles spread =
        input_p10_p90(u, static_cast<int>(r), options.seed, options.samples);
    Sensitivity s;
    s.path = u.path;
    s.dimension = u.dimension;
    s.low_value = spread.p10;
    s.high_value = spread.p90;
    auto funding_at = [&](double value) {
      CompanyInputs in = company.inputs;
      write_random_value(in, u.random, value);
      return simulate_company(in, nullptr).funding_needed_usd;
    };
    s.funding_at_low_usd = funding_at(s.low_value);
    s.funding_at_high_usd = funding_at(s.high_value);
    s.swing_usd = std::fabs(s.funding_at_high_usd - s.funding_at_low_usd);
    result.sensitivity.push_back(s);
  }
  std::stable_sort(
      result.sensitivity.begin(), result.sensitivity.end(),
      [](const Sensitivity& a, const Sensitivity& b) { return a.swing_usd > b.swing_usd; });
  result.fan = company_fan(company, options);
  return result;
}

}  // namespace llmb
