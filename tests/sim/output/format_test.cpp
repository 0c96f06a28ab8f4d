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

}  // namespace
}  // namespace llmb
