// A budget plan as a terminal table or as JSON.
#pragma once

#include <string>

#include "sim/scaling/plan.h"
#include "sim/schema/format.h"

namespace llmb {

// kTable or kJson (kCsv is treated as kTable: a plan is not one row).
std::string render_plan(const Plan& plan, Format format);

// Plans over a range of budgets, one row each: kTable, kCsv or kJson.
std::string render_plan_range(const std::vector<Plan>& plans, Format format);

}  // namespace llmb
