// The workbooks of company, compare, run and sweep summaries (--format xlsx): each laid out
// from the command's JSON result (sim/report/xlsx_json_sheets.h), so a cell and the JSON agree
// on every number and its name.
#pragma once

#include <string>
#include <vector>

#include "kernels/training_run.h"
#include "sim/output/company_report.h"
#include "sim/output/compare_report.h"
#include "sim/reliability/reliability_monte_carlo.h"
#include "sim/scenario/scenario.h"
#include "sim/sweep/sweep_engine.h"

namespace llmb {

// Sheets: the company's months; Outcomes; Investor tables (quarters, cap table); Inputs.
void write_company_workbook(const SimulatedCompany& company, const std::string& path);

// Sheets: one of months per company; Outcomes (a column per company, Monte Carlo P10/P50/P90
// included); Sensitivity and Fan with --samples; Inputs.
void write_comparison_workbook(const std::vector<ComparedCompany>& companies,
                               const std::string& path);

// Sheets: Outputs (key, label, value, unit); Inputs (with the scenario's and GPU's sources).
void write_run_workbook(const Scenario& scenario, const TrainingOutputs& outputs,
                        const ReliabilityMonteCarlo* sampled, const std::string& path);

// Sheets: Sweep; Summary (statistics per output); Top and Pareto points when asked for.
void write_summary_workbook(const SweepPlan& plan, const SweepSummary& summary,
                            const SummaryOptions& options, const std::string& path);

}  // namespace llmb
