// Each distribution's sample mean (and a quantile) against its closed form, with a fixed seed,
// within four standard errors.
#include "kernels/random_draw.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernels/sweep_point.h"

namespace llmb {
namespace {

constexpr std::uint64_t kSeed = 20240601;
constexpr int kSamples = 200000;

std::vector<double> sample(const Distribution& d, std::uint32_t input = 0) {
  std::vector<double> xs(kSamples);
  for (int i = 0; i < kSamples; ++i)
    xs[static_cast<std::size_t>(i)] = draw(d, kSeed, static_cast<std::uint64_t>(i), input);
  return xs;
}

double mean_of(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

double quantile_of(std::vector<double> xs, double q) {
  const auto k = static_cast<std::size_t>(q * static_cast<double>(xs.size() - 1));
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(k), xs.end());
  return xs[k];
}

// |sample mean - mu| within four standard errors sigma / sqrt(n).
void expect_mean(const std::vector<double>& xs, double mu, double sigma) {
  EXPECT_NEAR(mean_of(xs), mu, 4 * sigma / std::sqrt(static_cast<double>(xs.size())));
}

// A sample quantile's standard error is sqrt(q (1 - q) / n) / density at the quantile.
void expect_quantile(const std::vector<double>& xs, double q, double exact, double density) {
  const double se = std::sqrt(q * (1 - q) / static_cast<double>(xs.size())) / density;
  EXPECT_NEAR(quantile_of(xs, q), exact, 4 * se);
}

TEST(RandomDraw, OpenUnitNeverReachesZeroOrOne) {
  EXPECT_GT(open_unit(0, 0), 0.0);
  EXPECT_LT(open_unit(0xffffffffu, 0xffffffffu), 1.0);
}

TEST(RandomDraw, SameKeyGivesSameDrawAndOtherInputsDiffer) {
  const Distribution d{kUniform, 0, 1, 0};
  EXPECT_EQ(draw(d, 1, 42, 0), draw(d, 1, 42, 0));
  EXPECT_NE(draw(d, 1, 42, 0), draw(d, 1, 42, 1));
  EXPECT_NE(draw(d, 1, 42, 0), draw(d, 2, 42, 0));
  EXPECT_NE(draw(d, 1, 42, 0), draw(d, 1, 43, 0));
}

// A random input's value is the draw, clamped to [low, high]: draws inside come through bit
// for bit, draws outside land on the bound, as often as the normal's tails say.
TEST(RandomDraw, RandomValueIsTheDrawClampedToTheInputsRange) {
  RandomInput random;
  random.distribution = Distribution{kNormal, 0, 1, 0};
  random.low = -0.5;
  random.high = 1.0;
  int at_low = 0, at_high = 0;
  for (int i = 0; i < kSamples; ++i) {
    const auto index = static_cast<std::uint64_t>(i);
    const double raw = draw(random.distribution, kSeed, index, 3);
    const double value = random_value(random, kSeed, index, 3);
    if (raw < -0.5) {
      EXPECT_EQ(value, -0.5);
      ++at_low;
    } else if (raw > 1.0) {
      EXPECT_EQ(value, 1.0);
      ++at_high;
    } else {
      EXPECT_EQ(value, raw);
    }
  }
  // P(Z < -0.5) = 0.308538, P(Z > 1) = 0.158655; four binomial standard errors.
  for (const auto& [count, p] : {std::pair{at_low, 0.308538}, std::pair{at_high, 0.158655}})
    EXPECT_NEAR(count, p * kSamples, 4 * std::sqrt(p * (1 - p) * kSamples));
}

TEST(RandomDraw, UniformMatchesMeanAndTenthPercentile) {
  const auto xs = sample({kUniform, 2, 6, 0});
  expect_mean(xs, 4.0, 4.0 / std::sqrt(12.0));  // (a+b)/2, (b-a)/sqrt(12)
  expect_quantile(xs, 0.1, 2.4, 1.0 / 4.0);
  EXPECT_GE(*std::min_element(xs.begin(), xs.end()), 2.0);
  EXPECT_LE(*std::max_element(xs.begin(), xs.end()), 6.0);
}

TEST(RandomDraw, LogUniformMatchesMeanAndMedian) {
  const double a = 1, b = 100;
  const auto xs = sample({kLogUniform, a, b, 0});
  const double mean = (b - a) / std::log(b / a);
  const double second = (b * b - a * a) / (2 * std::log(b / a));
  expect_mean(xs, mean, std::sqrt(second - mean * mean));
  expect_quantile(xs, 0.5, std::sqrt(a * b), 1.0 / (std::sqrt(a * b) * std::log(b / a)));
}

TEST(RandomDraw, NormalMatchesMeanSdAndNinetiethPercentile) {
  const auto xs = sample({kNormal, 10, 2, 0});
  expect_mean(xs, 10, 2);
  double m2 = 0;
  for (double x : xs) m2 += (x - 10) * (x - 10);
  // The variance of the sample variance is 2 sigma^4 / n for a normal.
  EXPECT_NEAR(m2 / kSamples, 4.0, 4 * std::sqrt(2.0 * 16.0 / kSamples));
  const double z90 = 1.2815515655446004;
  expect_quantile(xs, 0.9, 10 + 2 * z90, std::exp(-z90 * z90 / 2) / (2 * std::sqrt(2 * M_PI)));
}

TEST(RandomDraw, LogNormalMatchesMeanAndMedian) {
  const double median = 2, sigma = 0.5;
  const auto xs = sample({kLogNormal, median, sigma, 0});
  const double mean = median * std::exp(sigma * sigma / 2);
  const double sd = mean * std::sqrt(std::expm1(sigma * sigma));
  expect_mean(xs, mean, sd);
  expect_quantile(xs, 0.5, median, 1.0 / (median * sigma * std::sqrt(2 * M_PI)));
}

TEST(RandomDraw, TriangularMatchesMeanAndMode) {
  const double a = 1, c = 2, b = 5;
  const auto xs = sample({kTriangular, a, c, b});
  const double var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  expect_mean(xs, (a + b + c) / 3, std::sqrt(var));
  // P(X <= c) = (c - a) / (b - a): the mode is the 25th percentile here.
  expect_quantile(xs, 0.25, c, 2.0 / (b - a));
}

TEST(RandomDraw, PertMatchesMeanAndVariance) {
  const double a = 0.3, m = 0.42, b = 0.55;
  const auto xs = sample({kPert, a, m, b});
  // Beta(alpha, beta) on [a, b] with alpha = 1 + 4 (m-a)/(b-a), beta = 1 + 4 (b-m)/(b-a).
  const double alpha = 1 + 4 * (m - a) / (b - a), beta = 1 + 4 * (b - m) / (b - a);
  const double mean = a + (b - a) * alpha / (alpha + beta);
  EXPECT_NEAR(mean, (a + 4 * m + b) / 6, 1e-12);
  const double var =
      (b - a) * (b - a) * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1));
  expect_mean(xs, mean, std::sqrt(var));
  EXPECT_GE(*std::min_element(xs.begin(), xs.end()), a);
  EXPECT_LE(*std::max_element(xs.begin(), xs.end()), b);
}

}  // namespace
}  // namespace llmb
