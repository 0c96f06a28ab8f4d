// Claim files about whole companies (`kind: company`): a company file over the period a
// report covers (a fiscal year: horizon_months: 12) with claims on what the monthly model sums
// over it (revenue, net loss, compute, other operating costs), and, for every input written as
// a distribution (the guessed ones), how far the claimed figure moves between its P10 and P90.
#pragma once

#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/claims/claims.h"
#include "sim/yaml/document.h"

namespace llmb {

bool is_company_claim_kind(const Document& doc);

// The outputs a company claim may name, summed over the horizon, in dollars.
const std::vector<ClaimOutput>& company_claim_outputs();

std::vector<ClaimResult> check_company_claims(const Document& doc, const Catalog& catalog);

}  // namespace llmb
