// The columns of a company's monthly table as every writer shows them (sim/schema/result_field.h):
// each CompanyMonth field with its key (the CSV column and JSON key), its dimension (dollars, a
// count, a share) and its label. Amounts are dollars; a writer in another currency converts the
// fields whose dimension is kUsd.
#pragma once

#include <span>

#include "kernels/company.h"
#include "sim/schema/result_field.h"

namespace llmb {

using CompanyMonthField = ResultField<CompanyMonth>;

// Every field of CompanyMonth, in struct order (a static_assert checks the count).
std::span<const CompanyMonthField> company_month_fields();

using CompanyOutcomeField = ResultField<CompanyOutcome>;

// Spend over the horizon by category, in report order (keys under "spend."); they add up to the
// company's costs over the horizon.
std::span<const CompanyOutcomeField> company_spend_fields();

// A field's key in `currency_code` ("cash_usd" in CNY is "cash_cny"); other keys unchanged.
std::string money_key(std::string_view key, std::string_view currency_code);

}  // namespace llmb
