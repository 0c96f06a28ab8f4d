#include "sim/sweep/sweep_report.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kernels/batch_cpu.h"
#include "sim/schema/output_fields.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

std::string to_chars_text(double value) {
  char buffer[64];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Doubles whose text takes every path of the layout: random bit patterns (subnormals, NaNs,
// infinities, both signs), numbers of one to three digits at every decimal exponent and their
// neighbours (ties between fixed and scientific notation, 0.0001 against 1e-04), powers of
// two, integers around 2^53 (which to_chars writes exactly) and zeros.
std::vector<double> awkward_doubles() {
  std::vector<double> values;
  std::mt19937_64 random(2024);
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t bits = random();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    values.push_back(x);
  }
  for (int exponent = -325; exponent <= 308; ++exponent) {
    for (int digits : {1, 7, 12, 45, 100, 999}) {
      const double x =
          std::strtod((std::to_string(digits) + "e" + std::to_string(exponent)).c_str(), nullptr);
      values.insert(values.end(), {x, -x, std::nextafter(x, INFINITY), std::nextafter(x, 0.0)});
    }
  }
  for (int k = -1074; k <= 1023; ++k) values.push_back(std::ldexp(1.0, k));
  for (std::int64_t k = -100; k <= 100; ++k)
    values.push_back(static_cast<double>((std::int64_t{1} << 53) + 2 * k));
  values.insert(values.end(), {0.0, -0.0, 1e21, 1e22, 123456789012345678.0, 5e-324, INFINITY,
                               -INFINITY, NAN, 1.7976931348623157e308});
  return values;
}

std::string csv_rows(const SweepPlan& plan, const std::vector<int>& columns,
                     const std::vector<TrainingOutputs>& results) {
  TextBuffer text;
  RowFormatter(plan, RowFormat::kCsv, columns).write(0, results.size(), results.data(), text);
  return std::string(text.view());
}

// Output columns of CSV rows hold exactly what std::to_chars writes for each output (in the
// unit of its key): the shortest text that reads back as the same double. Run twice: every
// value new, then values that often repeat the row above (-0 below 0, NaN below NaN), which
// the writer copies from the column's last text instead of formatting again.
TEST(SweepRows, NumbersAreWrittenExactlyAsToCharsWritesThem) {
  const SweepPlan plan = test::test_sweep("grid_3_axes.yaml");
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  const std::vector<double> values = awkward_doubles();
  const std::uint64_t rows = plan.total();
  std::vector<TrainingOutputs> results(rows);
  std::mt19937_64 coin(7);
  for (bool repeats : {false, true}) {
    std::size_t next = 0, mismatches = 0, repeated = 0;
    while (next < values.size()) {
      std::vector<std::string> expected;
      for (std::size_t row = 0; row < results.size(); ++row) {
        for (int f = 0; f < kTrainingOutputFields; ++f) {
          double& cell = reinterpret_cast<double*>(&results[row])[f];
          if (repeats && row > 0 && coin() % 2 == 0) {
            cell = reinterpret_cast<const double*>(&results[row - 1])[f];
            ++repeated;
          } else if (repeats && row > 0 && coin() % 8 == 0) {
            const double above = reinterpret_cast<const double*>(&results[row - 1])[f];
            cell = above == 0 ? -above : above;  // the other zero, or the same value
            ++repeated;
          } else {
            cell = values[next++ % values.size()];
          }
          expected.push_back(to_chars_text(
              cell * training_output_fields()[static_cast<std::size_t>(f)].key_unit_per_base));
        }
      }
      std::istringstream text(csv_rows(plan, columns, results));
      std::string line;
      std::size_t k = 0;
      while (std::getline(text, line)) {
        std::vector<std::string> cells;
        std::istringstream row(line);
        for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
        ASSERT_GE(cells.size(), columns.size());
        for (std::size_t c = cells.size() - columns.size(); c < cells.size(); ++c, ++k)
          if (cells[c] != expected[k] && ++mismatches <= 10)
            ADD_FAILURE() << "wrote " << cells[c] << ", std::to_chars writes " << expected[k];
      }
      ASSERT_EQ(k, expected.size());
    }
    EXPECT_EQ(mismatches, 0u);
    if (repeats) {
      EXPECT_GT(repeated, values.size() / 2);
    }
  }
}

// Rows written in one piece and in pieces of every size are the same text: the column memory
// is per call and a chunk's first row never borrows the text of another chunk's last.
TEST(SweepRows, ChunkBoundariesDoNotChangeTheText) {
  const SweepPlan plan = test::test_sweep("grid_3_axes.yaml");
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  const std::vector<double> values = awkward_doubles();
  std::vector<TrainingOutputs> results(plan.total());
  for (std::size_t row = 0; row < results.size(); ++row)
    for (int f = 0; f < kTrainingOutputFields; ++f)
      reinterpret_cast<double*>(&results[row])[f] = values[(row / 3 * 31 + f) % 97];
  const RowFormatter formatter(plan, RowFormat::kCsv, columns);
  TextBuffer whole;
  formatter.write(0, results.size(), results.data(), whole);
  for (std::uint64_t piece : {1, 2, 5}) {
    TextBuffer pieces;
    for (std::uint64_t b = 0; b < results.size(); b += piece)
      formatter.write(b, std::min<std::uint64_t>(results.size(), b + piece), results.data() + b,
                      pieces);
    EXPECT_EQ(pieces.view(), whole.view()) << "pieces of " << piece;
  }
}

// The index column counts in decimal from each piece's first row, across every carry.
TEST(SweepRows, IndexColumnIsTheRowIndex) {
  const SweepPlan plan = test::test_sweep("monte_carlo_all_distributions.yaml");
  ASSERT_GE(plan.total(), 5000u);
  const std::vector<TrainingOutputs> results(plan.total());
  const RowFormatter formatter(plan, RowFormat::kCsv, {0});
  TextBuffer text;
  const std::vector<std::uint64_t> starts = {0, 8, 98, 99, 100, 998, 1999, 4990, plan.total()};
  for (std::size_t p = 0; p + 1 < starts.size(); ++p)
    formatter.write(starts[p], starts[p + 1], results.data() + starts[p], text);
  std::istringstream lines{std::string(text.view())};
  std::uint64_t expected = 0;
  for (std::string line; std::getline(lines, line); ++expected)
    ASSERT_EQ(line.substr(0, line.find(',')), std::to_string(expected));
  EXPECT_EQ(expected, plan.total());
}

// The disk space `-o` checks for: the first 4,096 rows scaled to the sweep, within 2% of the
// text the whole sweep writes (a Monte Carlo, whose numbers vary in length from row to row).
TEST(SweepRows, EstimatedBytesAreWithinTwoPercentOfTheText) {
  const SweepPlan plan = test::test_sweep("monte_carlo_all_distributions.yaml");
  ASSERT_GT(plan.total(), 4096u);
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  const RowFormatter formatter(plan, RowFormat::kCsv, columns);
  std::vector<TrainingOutputs> results(plan.total());
  evaluate_points_cpu(plan.view(), 0, plan.total(), results.data());
  TextBuffer text;
  formatter.write(0, plan.total(), results.data(), text);
  const double actual = static_cast<double>(formatter.header().size() + text.view().size());
  EXPECT_NEAR(formatter.estimated_bytes(), actual, 0.02 * actual);
}

}  // namespace
}  // namespace llmb
