// Claim files about scaling laws: `kind: scaling_fit` refits a law to published training runs
// and checks its parameters; `kind: compute_optimal` checks a law's compute-optimal size;
// `kind: data_constrained` checks a law with a stock of unique data (Muennighoff et al. 2023).
#pragma once

#include <string>
#include <vector>

#include "sim/claims/claims.h"
#include "sim/yaml/document.h"

namespace llmb {

std::vector<ClaimResult> check_scaling_claims(const Document& doc, const std::string& catalog_dir);

}  // namespace llmb
