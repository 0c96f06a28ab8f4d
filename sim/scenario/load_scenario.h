// YAML text -> a validated Scenario. Every error is an InputError naming file, line, column
// and key path; unknown keys are errors with a suggestion.
#pragma once

#include <string>
#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/scenario/scenario.h"
#include "sim/yaml/document.h"

namespace llmb {

Scenario load_scenario(const Document& doc, const Catalog& catalog);

// Reads FILE, applies each "PATH=VALUE" override in order, and loads it.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides,
                            const Catalog& catalog);

}  // namespace llmb
