// A company's monthly table and outcome, and several companies side by side with their Monte
// Carlo percentiles and sensitivities, as a terminal table, JSON or CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernels/company.h"
#include "kernels/investor.h"
#include "sim/company/company.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/schema/format.h"

namespace llmb {

// A run on a cluster of its own (pay: purchase or amortized): what owning it costs to the
// horizon against renting the same GPU-hours.
struct RunRentOrBuy {
  std::string run;
  double gpus = 0;
  RentOrBuy result;
};

// A company simulated once at its central inputs, with what an investor reads off it.
struct SimulatedCompany {
  Company company;
  std::vector<CompanyMonth> months;
  CompanyOutcome outcome;
  std::vector<InvestorMonth> investor_months;
  std::vector<InvestorQuarter> quarters;
  std::vector<CapTableRow> cap_table;  // after each round; empty when the rounds are unpriced
  DisplayCurrency currency;            // what the writers print amounts in; dollars by default
  std::vector<RunRentOrBuy> rent_or_buy;
};

SimulatedCompany simulate(const Company& company);

std::string render_company(const SimulatedCompany& company, Format format);

struct ComparedCompany {
  SimulatedCompany simulated;
  std::optional<double> raise_usd;  // raised at month 0, nothing after; `compare --raise`
  double runway_for_raise_months = 0;
  std::optional<CompanyMonteCarlo> monte_carlo;
};

std::string render_comparison(const std::vector<ComparedCompany>& companies, Format format);

}  // namespace llmb
