// Companies side by side: each simulated at its central inputs, a raise's runway, and the
// Monte Carlo only where it was asked for.
#include "sim/company/compare_companies.h"

#include <gtest/gtest.h>

#include "sim/company/load_company.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
using test::kSourceDir;

std::vector<Company> bundled_pair() {
  return {load_company_file(kSourceDir + "/scenarios/companies/vertical_model.yaml", {},
                            bundled_catalog()),
          load_company_file(kSourceDir + "/scenarios/companies/application.yaml", {},
                            bundled_catalog())};
}

TEST(CompareCompanies, EachIsTheCompanySimulatedAlone) {
  const std::vector<Company> companies = bundled_pair();
  const std::vector<ComparedCompany> compared =
      compare_companies(companies, {DisplayCurrency{}, DisplayCurrency{}}, {});
  ASSERT_EQ(compared.size(), 2u);
  for (std::size_t i = 0; i < companies.size(); ++i) {
    const SimulatedCompany alone = simulate(companies[i]);
    EXPECT_EQ(compared[i].simulated.outcome.funding_needed_usd, alone.outcome.funding_needed_usd);
    EXPECT_EQ(compared[i].simulated.months.size(), alone.months.size());
    EXPECT_FALSE(compared[i].raise_usd);
    EXPECT_FALSE(compared[i].monte_carlo) << "no samples were asked for";
  }
}

TEST(CompareCompanies, ARaiseGivesTheRunwayItsMonthsAllow) {
  const std::vector<Company> companies = bundled_pair();
  CompareOptions options;
  options.raise_usd = 1e6;
  const auto small = compare_companies(companies, {DisplayCurrency{}, DisplayCurrency{}}, options);
  options.raise_usd = 1e9;
  const auto large = compare_companies(companies, {DisplayCurrency{}, DisplayCurrency{}}, options);
  for (std::size_t i = 0; i < companies.size(); ++i) {
    ASSERT_TRUE(small[i].raise_usd);
    EXPECT_EQ(*small[i].raise_usd, 1e6);
    const auto& months = small[i].simulated.months;
    EXPECT_EQ(small[i].runway_for_raise_months,
              runway_for_raise(months.data(), static_cast<int>(months.size()), 1e6));
    EXPECT_LE(small[i].runway_for_raise_months, large[i].runway_for_raise_months);
  }
}

TEST(CompareCompanies, SamplesRunTheMonteCarloAndReportEachOnce) {
  const std::vector<Company> companies = bundled_pair();
  CompareOptions options;
  options.monte_carlo = CompanyMonteCarloOptions{.samples = 64};
  int reported = 0;
  const auto compared =
      compare_companies(companies, {DisplayCurrency{}, DisplayCurrency{}}, options,
                        [&](const Company&, const CompanyMonteCarlo&) { ++reported; });
  for (const ComparedCompany& c : compared) {
    ASSERT_TRUE(c.monte_carlo) << c.simulated.company.name << " has distributions";
    EXPECT_EQ(c.monte_carlo->samples, 64u);
  }
  EXPECT_EQ(reported, 2);
}

}  // namespace
}  // namespace llmb
