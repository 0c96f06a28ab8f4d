// Claim files about scaling laws: `kind: scaling_fit` refits a law to published training runs
// and checks its parameters; `kind: compute_optimal` checks a law's compute-optimal size.
#pragma once

#include <string>
#include <vector>

#include "sim/claims/claims.h"
#include "sim/yaml/document.h"

namespace llmb {

std::vector<ClaimResult> check_scaling_claims(const Document& doc, const std::string& catalog_dir);

}  // namespace llmb
