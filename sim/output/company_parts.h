// What the company and comparison reports share: numbers for people (shares, whole counts,
// months), the outcome and the months as JSON and CSV, and amounts in another currency.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kernels/company.h"
#include "sim/company/company_monte_carlo.h"
#include "sim/schema/format.h"

namespace llmb::company_parts {

using Json = nlohmann::ordered_json;

std::string percent_text(double fraction);  // "41%"; "n/a" when not finite
std::string whole_text(double v);           // rounded, with separators
std::string month_text(double month);       // "month 17"; "never" when negative
// "30"; "60+ (horizon)" when the months reach the horizon.
std::string months_text(double months, double horizon);

// `j` with every amount (keys with "_usd") in `currency`, renamed, and a "currency" block
// saying which rate; unchanged in dollars.
Json with_currency(const Json& j, const DisplayCurrency& currency);

Json outcome_json(const CompanyOutcome& outcome, double horizon);
Json months_json(const std::vector<CompanyMonth>& months);

// A header, then one row per month, each row after `prefix` (its header: `prefix_header`); with
// `with_fan`, the Monte Carlo fan's P10/P50/P90 columns of cash, revenue and burn, empty where
// `fan` is null.
std::string months_csv(const std::vector<CompanyMonth>& months, const std::string& prefix_header,
                       const std::string& prefix, const DisplayCurrency& currency,
                       bool with_fan = false, const CompanyFan* fan = nullptr);

}  // namespace llmb::company_parts
