// A sweep's results for people and programs: every point as CSV or JSON Lines, or the
// summary (statistics, histograms, top points, Pareto front) as a table or JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/run_report.h"
#include "sim/sweep/sweep_engine.h"

namespace llmb {

enum class RowFormat { kCsv, kJsonLines };

// The columns of a row: index, each axis path, each random path, then the chosen outputs.
std::string rows_header(const SweepPlan& plan, RowFormat format, const std::vector<int>& outputs);
std::string format_rows(const SweepPlan& plan, RowFormat format, const std::vector<int>& outputs,
                        std::uint64_t begin, std::uint64_t end, const TrainingOutputs* results);

struct RunFacts {
  std::string device;
  double seconds = 0;
};

std::string render_summary(const SweepPlan& plan, const SweepSummary& summary,
                           const SummaryOptions& options, Format format, const RunFacts& facts);

}  // namespace llmb
