#include "kernels/summary.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace llmb {
namespace {

TEST(Moments, CombiningPartsEqualsOnePass) {
  std::vector<double> xs;
  for (int i = 0; i < 1000; ++i) xs.push_back(std::sin(i) * 1e6 + 3e6);
  Moments whole, left, right;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    moments_add(whole, xs[i]);
    moments_add(i < 377 ? left : right, xs[i]);
  }
  const Moments joined = moments_combine(left, right);
  EXPECT_EQ(joined.count, whole.count);
  EXPECT_NEAR(joined.mean, whole.mean, 1e-12 * whole.mean);
  EXPECT_NEAR(joined.m2, whole.m2, 1e-10 * whole.m2);
  EXPECT_EQ(joined.min, whole.min);
  EXPECT_EQ(joined.max, whole.max);
}

TEST(Histogram, EveryPositiveValueLiesInsideItsBin) {
  for (double x : {1e-19, 3.14e-7, 0.4, 1.0, 2.0, 312e12, 3.14e23, 1e38}) {
    const int bin = histogram_bin(x);
    ASSERT_GE(bin, kFirstLogBin);
    ASSERT_LT(bin, kBinOverflow);
    EXPECT_LE(histogram_bin_low(bin), x);
    EXPECT_GT(histogram_bin_low(bin + 1), x);
    // Bins are at most 1/256 of their lower edge wide.
    EXPECT_LE(histogram_bin_low(bin + 1) / histogram_bin_low(bin), 1.0 + 1.0 / 256 + 1e-15);
  }
}

TEST(Histogram, ZeroNegativeAndOutOfRangeValuesHaveTheirOwnBins) {
  EXPECT_EQ(histogram_bin(0.0), kBinNonPositive);
  EXPECT_EQ(histogram_bin(-5.0), kBinNonPositive);
  EXPECT_EQ(histogram_bin(NAN), kBinNonPositive);
  EXPECT_EQ(histogram_bin(1e-30), kBinUnderflow);
  EXPECT_EQ(histogram_bin(1e300), kBinOverflow);
}

TEST(Histogram, BinsIncreaseWithTheValue) {
  int previous = histogram_bin(1e-15);
  for (double x = 1e-15; x < 1e30; x *= 1.01) {
    const int bin = histogram_bin(x);
    ASSERT_GE(bin, previous);
    previous = bin;
  }
}

}  // namespace
}  // namespace llmb
