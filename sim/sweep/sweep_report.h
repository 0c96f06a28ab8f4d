// A sweep's results for people and programs: every point as CSV or JSON Lines, or the
// summary (statistics, histograms, top points, Pareto front) as a table or JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/schema/format.h"
#include "sim/sweep/sweep_engine.h"
#include "sim/sweep/text_buffer.h"

namespace llmb {

enum class RowFormat { kCsv, kJsonLines };

// Writes points as rows. The columns of a row: index, each axis path, each random path, then
// the chosen outputs. Numbers are the shortest text that reads back as the same double
// (std::to_chars). Built once per run; write() may run on many threads at once.
class RowFormatter {
 public:
  RowFormatter(const SweepPlan& plan, RowFormat format, std::vector<int> outputs);

  // The CSV header line; empty for JSON Lines.
  std::string header() const;
  // Appends the rows of points [begin, end), whose results are results[0 .. end - begin).
  void write(std::uint64_t begin, std::uint64_t end, const TrainingOutputs* results,
             TextBuffer& text) const;
  // The bytes every row and the header take, from the rows of the first points (up to 4,096,
  // evaluated here) scaled to the whole sweep: the disk space `-o` needs, checked before it
  // starts. Rows of later points differ only in the lengths of their numbers.
  double estimated_bytes() const;

 private:
  const SweepPlan& plan_;
  RowFormat format_;
  std::vector<int> outputs_;
  std::vector<double> scales_;  // each output's key unit per base unit
  // What goes before each input and output column's value: a comma, or `,"path":`.
  std::vector<std::string> keys_;
  // Every axis path's every setting as it appears in a row (quoted or JSON-escaped once), in
  // slots of one width per column so that a short label is one fixed-size copy.
  struct LabelColumn {
    std::size_t width = 0;    // bytes per slot
    std::vector<char> slots;  // setting s's text starts at s * width
    std::vector<std::uint32_t> lengths;
  };
  std::vector<LabelColumn> labels_;
  std::size_t row_bytes_ = 0;  // room the longest row needs
};

// The summary as a table or JSON: results only, the same bytes for the same sweep and seed on
// any device and thread count.
std::string render_summary(const SweepPlan& plan, const SweepSummary& summary,
                           const SummaryOptions& options, Format format);

// How a run went, kept apart from its results (the command prints it on stderr).
struct RunFacts {
  std::string device;
  double seconds = 0;
};
// "1,000,000 points on CPU (2 threads) in 0.54 s: 1.84e+06 points/s"
std::string run_facts_line(std::uint64_t points, const RunFacts& facts);

}  // namespace llmb
