#include "sim/company/compare_companies.h"

namespace llmb {

std::vector<ComparedCompany> compare_companies(const std::vector<Company>& companies,
                                               const std::vector<DisplayCurrency>& currencies,
                                               const CompareOptions& options,
                                               const MonteCarloDone& on_monte_carlo) {
  std::vector<ComparedCompany> compared;
  compared.reserve(companies.size());
  for (std::size_t i = 0; i < companies.size(); ++i) {
    const Company& company = companies[i];
    ComparedCompany c;
    c.simulated = simulate(company);
    c.simulated.currency = currencies.at(i);
    c.raise_usd = options.raise_usd;
    if (options.raise_usd)
      c.runway_for_raise_months =
          runway_for_raise(c.simulated.months.data(), static_cast<int>(c.simulated.months.size()),
                           *options.raise_usd);
    if (options.monte_carlo && !company.uncertain.empty()) {
      c.monte_carlo = run_company_monte_carlo(company, *options.monte_carlo);
      if (on_monte_carlo) on_monte_carlo(company, *c.monte_carlo);
    }
    compared.push_back(std::move(c));
  }
  return compared;
}

}  // namespace llmb
