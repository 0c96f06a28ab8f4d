// Inputs of a company scenario written as distributions. The company is loaded once to learn
// each path's units, then at every distribution's central value (the deterministic company),
// then with each path at two points of its support to learn which model inputs it sets, so
// that the Monte Carlo can write a draw straight into CompanyInputs.
#pragma once

#include "sim/catalog/catalog.h"
#include "sim/company/company.h"
#include "sim/yaml/document.h"

namespace llmb {

Company load_uncertain_company(const Document& doc, const Catalog& catalog);

}  // namespace llmb
