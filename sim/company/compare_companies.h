// Several companies side by side: each simulated at its central inputs, with the runway a
// proposed raise gives it and, where it has distributions, its Monte Carlo. What `compare`
// writes.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "sim/company/company.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/company/simulated_company.h"
#include "sim/schema/format.h"

namespace llmb {

struct ComparedCompany {
  SimulatedCompany simulated;
  std::optional<double> raise_usd;  // raised at month 0, nothing after; `compare --raise`
  double runway_for_raise_months = 0;
  std::optional<CompanyMonteCarlo> monte_carlo;
};

struct CompareOptions {
  std::optional<double> raise_usd;
  // The Monte Carlo of each company with distributions; none when absent.
  std::optional<CompanyMonteCarloOptions> monte_carlo;
};

// Called after each company's Monte Carlo, for a progress line of the caller's (how long it
// took is a fact of the run, kept out of the result).
using MonteCarloDone = std::function<void(const Company&, const CompanyMonteCarlo&)>;

// currencies[i] is what companies[i] is shown in. Throws Cancelled when options' stop is set.
std::vector<ComparedCompany> compare_companies(const std::vector<Company>& companies,
                                               const std::vector<DisplayCurrency>& currencies,
                                               const CompareOptions& options,
                                               const MonteCarloDone& on_monte_carlo = {});

}  // namespace llmb
