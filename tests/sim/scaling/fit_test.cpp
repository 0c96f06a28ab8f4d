#include "sim/scaling/fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace llmb {
namespace {

// A law with the shape of Epoch's fit, to generate runs from.
ScalingLaw truth() {
  ScalingLaw law;
  law.e = 1.8;
  law.a = 500;
  law.b = 2000;
  law.alpha = 0.35;
  law.beta = 0.37;
  return law;
}

// 6 model sizes x 6 token counts, losses exactly on the law; `wobble` multiplies the i-th loss
// by exp(+-wobble), alternating, so that the fit has residuals to spread.
std::vector<LossRun> runs_on(const ScalingLaw& law, double wobble = 0) {
  std::vector<LossRun> runs;
  int i = 0;
  for (double params : {5e7, 1.5e8, 5e8, 1.5e9, 5e9, 1.5e10})
    for (double tokens : {1e9, 3e9, 1e10, 3e10, 1e11, 3e11}) {
      const double sign = (i++ % 2 == 0) ? 1.0 : -1.0;
      runs.push_back(
          {params, tokens, predicted_loss(law, params, tokens) * std::exp(sign * wobble)});
    }
  return runs;
}

TEST(EpochStartGrid, HasFourThousandFiveHundredStartsOverEpochsRanges) {
  const auto grid = epoch_start_grid();
  ASSERT_EQ(grid.size(), 4500u);  // 5 alpha x 5 beta x 5 e x 6 a x 6 b
  double max_a = 0, min_e = 0, max_e = 0, max_alpha = 0;
  for (const FitStart& s : grid) {
    max_a = std::max(max_a, s.a);
    min_e = std::min(min_e, s.e);
    max_e = std::max(max_e, s.e);
    max_alpha = std::max(max_alpha, s.alpha);
  }
  EXPECT_EQ(max_a, 25);
  EXPECT_EQ(min_e, -1);
  EXPECT_EQ(max_e, 1);
  EXPECT_EQ(max_alpha, 2);
}

TEST(HuberObjective, IsZeroOnRunsThatLieOnTheLaw) {
  EXPECT_NEAR(huber_objective(runs_on(truth()), truth(), 1e-3), 0, 1e-25);
}

TEST(HuberObjective, IsQuadraticInsideDeltaAndLinearOutside) {
  ScalingLaw law = truth();
  const std::vector<LossRun> one{{1e9, 1e10, predicted_loss(law, 1e9, 1e10)}};
  // Scaling E, A and B by e^r shifts log L_pred by exactly r.
  auto shifted = [&](double r) {
    ScalingLaw s = law;
    s.e *= std::exp(r);
    s.a *= std::exp(r);
    s.b *= std::exp(r);
    return huber_objective(one, s, 1e-3);
  };
  EXPECT_NEAR(shifted(5e-4), 0.5 * 5e-4 * 5e-4, 1e-15);
  EXPECT_NEAR(shifted(0.01), 1e-3 * (0.01 - 0.5e-3), 1e-13);
}

TEST(FitLossLaw, RecoversTheLawThatMadeTheRuns) {
  const LossLawFit fit = fit_loss_law(runs_on(truth()), FitOptions{});
  EXPECT_NEAR(fit.law.e, 1.8, 1e-3);
  EXPECT_NEAR(fit.law.alpha, 0.35, 1e-3);
  EXPECT_NEAR(fit.law.beta, 0.37, 1e-3);
  EXPECT_NEAR(fit.law.a, 500, 5);
  EXPECT_NEAR(fit.law.b, 2000, 20);
  EXPECT_LT(fit.rms_log_residual, 1e-4);
  EXPECT_EQ(fit.runs, 36);
  EXPECT_EQ(fit.starts, 4500);
  EXPECT_EQ(fit.refined_starts, 450);
}

TEST(FitLossLaw, ResultDoesNotDependOnTheThreadCount) {
  const auto runs = runs_on(truth(), 0.01);
  FitOptions one, four;
  one.threads = 1;
  four.threads = 4;
  one.bootstrap_samples = four.bootstrap_samples = 20;
  const LossLawFit a = fit_loss_law(runs, one), b = fit_loss_law(runs, four);
  EXPECT_EQ(a.law.e, b.law.e);
  EXPECT_EQ(a.law.a, b.law.a);
  EXPECT_EQ(a.law.beta, b.law.beta);
  EXPECT_EQ(a.objective, b.objective);
  EXPECT_EQ(a.alpha.mean, b.alpha.mean);
  EXPECT_EQ(a.b.high, b.b.high);
}

TEST(FitLossLaw, BootstrapIsReproducibleForASeedAndDiffersAcrossSeeds) {
  const auto runs = runs_on(truth(), 0.01);
  FitOptions options;
  options.bootstrap_samples = 30;
  options.seed = 7;
  const LossLawFit first = fit_loss_law(runs, options), again = fit_loss_law(runs, options);
  EXPECT_EQ(first.e.mean, again.e.mean);
  EXPECT_EQ(first.alpha.low, again.alpha.low);
  options.seed = 8;
  const LossLawFit other = fit_loss_law(runs, options);
  EXPECT_NE(first.e.mean, other.e.mean);
}

TEST(FitLossLaw, BootstrapIntervalsBracketTheEstimateAndTheTruth) {
  FitOptions options;
  options.bootstrap_samples = 200;
  const LossLawFit fit = fit_loss_law(runs_on(truth(), 0.01), options);
  EXPECT_EQ(fit.bootstrap_samples, 200);
  EXPECT_LT(fit.alpha.low, fit.law.alpha);
  EXPECT_GT(fit.alpha.high, fit.law.alpha);
  EXPECT_LT(fit.e.low, 1.8);
  EXPECT_GT(fit.e.high, 1.8);
  EXPECT_GT(fit.beta.std_error, 0);
}

TEST(FitLossLaw, FewerRunsThanParametersAreAProgrammingError) {
  const auto runs = runs_on(truth());
  EXPECT_THROW(fit_loss_law(std::span(runs).first(4), FitOptions{}), std::invalid_argument);
}

}  // namespace
}  // namespace llmb
