// A company's monthly table and outcome, and several companies side by side with their Monte
// Carlo percentiles and sensitivities, as a terminal table, JSON or CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/company/compare_companies.h"
#include "sim/company/simulated_company.h"
#include "sim/schema/format.h"

namespace llmb {

std::string render_company(const SimulatedCompany& company, Format format);

std::string render_comparison(const std::vector<ComparedCompany>& companies, Format format);

}  // namespace llmb
