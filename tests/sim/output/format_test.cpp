#include "sim/schema/format.h"

#include <gtest/gtest.h>

namespace llmb {
namespace {

TEST(FormatUsd, PicksTheUnitAfterRoundingToThreeFigures) {
  EXPECT_EQ(format_usd(999999.99), "$1M");
  EXPECT_EQ(format_usd(999.6e6), "$1B");
  EXPECT_EQ(format_usd(999.4e3), "$999k");
  EXPECT_EQ(format_usd(2.27e6), "$2.27M");
}

TEST(FormatQuantity, SiPrefixesArePickedAfterRoundingToo) {
  EXPECT_EQ(format_quantity(999.96e12, Dimension::kFlopPerSecond), "1 PFLOP/s");
  EXPECT_EQ(format_quantity(999.96e9, Dimension::kCount), "1T");
}

// One rule for every table of result fields (training, serving, data, claims, layouts).
TEST(FormatOutputValue, SharesArePercentagesAndWholeCountsHaveSeparators) {
  EXPECT_EQ(format_output_value(0.4123, Dimension::kDimensionless, true), "41.2%");
  EXPECT_EQ(format_output_value(1.23456, Dimension::kDimensionless, false), "1.235");
  EXPECT_EQ(format_output_value(37592, Dimension::kCount, false), "37,592");
  // A fractional count, or one of ten million or more, reads better with a prefix.
  EXPECT_EQ(format_output_value(170171.4, Dimension::kCount, false), "170k");
  EXPECT_EQ(format_output_value(175e9, Dimension::kCount, false), "175B");
  EXPECT_EQ(format_output_value(3600, Dimension::kTime, false),
            format_quantity(3600, Dimension::kTime));
}

}  // namespace
}  // namespace llmb
