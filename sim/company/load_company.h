// Company scenario YAML -> a validated Company. Every error is one InputError naming file,
// line, column and key path; unknown keys are errors with a suggestion.
#pragma once

#include <string>
#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/company/company.h"
#include "sim/yaml/document.h"

namespace llmb {

// Loads a document whose values are all plain (no distributions).
Company load_company_document(const Document& doc, const Catalog& catalog);

// Reads FILE, applies each "PATH=VALUE" override in order, and loads it, distributions
// included (see uncertain_inputs.h).
Company load_company_file(const std::string& path, const std::vector<std::string>& overrides,
                          const Catalog& catalog);

}  // namespace llmb
