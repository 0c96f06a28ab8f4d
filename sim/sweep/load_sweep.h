// A sweep file and its base scenario, read, checked and resolved.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/sweep/sweep_plan.h"

namespace llmb {

// `overrides` ("PATH=VALUE", as --set) apply to the base scenario before the sweep's axes.
// The point count is checked against `max_points` before anything is resolved or allocated.
SweepPlan load_sweep(const std::string& path, const std::vector<std::string>& overrides,
                     const Catalog& catalog, std::uint64_t max_points);

}  // namespace llmb
