// The company Monte Carlo on a CUDA GPU against the CPU, sample by sample, on the bundled
// companies. Runs where a GPU is present; reported as skipped elsewhere.
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/batch_cuda.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/company/load_company.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

void expect_same(const std::vector<double>& cpu, const std::vector<double>& gpu, const char* what) {
  ASSERT_EQ(cpu.size(), gpu.size());
  for (std::size_t i = 0; i < cpu.size(); ++i) {
    const double scale = std::max(std::fabs(cpu[i]), std::fabs(gpu[i]));
    EXPECT_LE(std::fabs(cpu[i] - gpu[i]), 1e-12 * scale) << what << " at sample " << i;
  }
}

TEST(CompanyCuda, MatchesCpuSampleBySample) {
  if (cuda_device_count() == 0) GTEST_SKIP() << "no CUDA GPU";
  for (const char* name : {"general_model", "vertical_model", "application"}) {
    const Company company = load_company_file(
        test::kSourceDir + "/scenarios/companies/" + name + ".yaml", {}, test::bundled_catalog());
    CompanyMonteCarloOptions options;
    options.samples = 3000;
    options.seed = 11;
    options.threads = 2;
    const CompanySamples cpu = simulate_company_samples(company, options);
    options.device = Device::kCuda;
    const CompanySamples gpu = simulate_company_samples(company, options);
    expect_same(cpu.funding_needed_usd, gpu.funding_needed_usd, "funding needed");
    expect_same(cpu.runway_months, gpu.runway_months, "runway");
    expect_same(cpu.break_even_month, gpu.break_even_month, "break-even");
    expect_same(cpu.cash_at_end_usd, gpu.cash_at_end_usd, "cash at end");
  }
}

}  // namespace
}  // namespace llmb
