// A company's monthly table, outcome and what an investor reads off it, as a terminal table,
// JSON or CSV.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/company/simulated_company.h"
#include "sim/schema/format.h"

namespace llmb {

std::string render_company(const SimulatedCompany& company, Format format);

}  // namespace llmb
