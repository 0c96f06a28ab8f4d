// A company simulated once at its central inputs: its months, its outcome, and what an investor
// reads off them (the investor months and quarters, the cap table, rent or buy). What every
// company writer renders.
#pragma once

#include <string>
#include <vector>

#include "kernels/company.h"
#include "kernels/investor.h"
#include "sim/company/company.h"
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

}  // namespace llmb
