// A company's monthly table and outcome, and several companies side by side with their Monte
// Carlo percentiles and sensitivities, as a terminal table, JSON or CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernels/company.h"
#include "sim/company/company.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/output/run_report.h"

namespace llmb {

// A company simulated once at its central inputs.
struct SimulatedCompany {
  Company company;
  std::vector<CompanyMonth> months;
  CompanyOutcome outcome;
};

SimulatedCompany simulate(const Company& company);

std::string render_company(const SimulatedCompany& company, Format format);

struct ComparedCompany {
  SimulatedCompany simulated;
  double raise_usd = 0;  // raised at month 0, nothing after
  double runway_for_raise_months = 0;
  std::optional<CompanyMonteCarlo> monte_carlo;
};

std::string render_comparison(const std::vector<ComparedCompany>& companies, Format format);

}  // namespace llmb
