// `kind: architecture` claim files: parameter counts of a published model counted from its
// widths (kernels/architecture.h), compared with the counts its authors give.
#pragma once

#include <vector>

#include "sim/claims/claims.h"
#include "sim/yaml/document.h"

namespace llmb {

bool is_architecture_claim_kind(const Document& doc);
std::vector<ClaimResult> check_architecture_claims(const Document& doc);

}  // namespace llmb
