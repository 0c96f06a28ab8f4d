// Several companies side by side (`compare`): outcomes, investor figures, spend and the bridge
// between them, with their Monte Carlo percentiles, fans and sensitivities, as a terminal
// table, JSON or CSV.
#pragma once

#include <string>
#include <vector>

#include "sim/company/compare_companies.h"
#include "sim/schema/format.h"

namespace llmb {

std::string render_comparison(const std::vector<ComparedCompany>& companies, Format format);

}  // namespace llmb
