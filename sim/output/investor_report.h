// What an investor reads off a simulated company: the cap table after each priced round, ARR,
// the burn multiple by quarter, runway at the recent burn, default alive or dead, and the months
// until the next round is needed; as a terminal section, as JSON, and as compare's rows.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/output/company_report.h"

namespace llmb {

nlohmann::ordered_json investor_json(const SimulatedCompany& s);
std::string investor_table(const SimulatedCompany& s);

// The few figures `compare` shows per company (NaN where a company has none), and the same in
// its JSON.
struct InvestorSummaryRow {
  std::string key;
  std::string label;
  std::function<double(const SimulatedCompany&)> value;
  std::function<std::string(double, const DisplayCurrency&)> shown;
  std::string cell(const SimulatedCompany& s) const;
};
const std::vector<InvestorSummaryRow>& investor_summary_rows();
nlohmann::ordered_json investor_summary_json(const SimulatedCompany& s);

}  // namespace llmb
