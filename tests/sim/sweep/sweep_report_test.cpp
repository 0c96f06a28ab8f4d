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

#include "sim/output/output_fields.h"
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

// Output columns of CSV rows hold exactly what std::to_chars writes for each output (in the
// unit of its key): the shortest text that reads back as the same double.
TEST(SweepRows, NumbersAreWrittenExactlyAsToCharsWritesThem) {
  const SweepPlan plan = test::test_sweep("grid_3_axes.yaml");
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  const std::vector<double> values = awkward_doubles();
  const std::uint64_t rows = plan.total();
  std::vector<TrainingOutputs> results(rows);
  std::size_t next = 0, mismatches = 0;
  while (next < values.size()) {
    std::vector<std::string> expected;
    for (auto& r : results) {
      for (int f = 0; f < kTrainingOutputFields; ++f) {
        const double x = values[next++ % values.size()];
        reinterpret_cast<double*>(&r)[f] = x;
        expected.push_back(to_chars_text(
            x * training_output_fields()[static_cast<std::size_t>(f)].key_unit_per_base));
      }
    }
    std::istringstream text(format_rows(plan, RowFormat::kCsv, columns, 0, rows, results.data()));
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
}

}  // namespace
}  // namespace llmb
