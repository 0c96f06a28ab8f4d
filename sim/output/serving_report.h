// A serving file's results as a terminal table, JSON or CSV.
#pragma once

#include <string>

#include "sim/schema/format.h"
#include "sim/serving/serving_scenario.h"

namespace llmb {

std::string render_serving(const ServingScenario& scenario, const ServingResult& result,
                           Format format);

}  // namespace llmb
