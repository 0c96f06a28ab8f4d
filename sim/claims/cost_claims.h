// Claim files about serving and data: `kind: serving` (a serving file: demand, serving and a
// stated fleet or not) and `kind: labelling` (a data programme), each with its claims.
#pragma once

#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/claims/claims.h"
#include "sim/yaml/document.h"

namespace llmb {

// True for the kinds check_cost_claims handles.
bool is_cost_claim_kind(const Document& doc);

std::vector<ClaimResult> check_cost_claims(const Document& doc, const Catalog& catalog);

}  // namespace llmb
