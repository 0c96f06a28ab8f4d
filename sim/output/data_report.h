// A data programme's costs, by tier and task, as a terminal table, JSON or CSV.
#pragma once

#include <string>

#include "sim/data/data_scenario.h"
#include "sim/schema/format.h"

namespace llmb {

std::string render_data(const DataScenario& scenario, const DataCost& cost, Format format);

}  // namespace llmb
