#include "kernels/data_constrained.h"

#include <gtest/gtest.h>

#include <cmath>

namespace llmb {
namespace {

// Besiroglu et al. 2024's refit with Muennighoff et al. 2023's repetition half-lives, as the
// bundled catalog pairs them.
ScalingLaw epoch_law() {
  ScalingLaw law;
  law.e = 1.8172;
  law.a = 482.01;
  law.b = 2085.43;
  law.alpha = 0.3478;
  law.beta = 0.3658;
  law.repeated_tokens_decay = 15.387756;
  law.excess_params_decay = 5.309743;
  return law;
}

TEST(EffectiveTokens, OneEpochIsWorthItsTokens) {
  const ScalingLaw law = epoch_law();
  EXPECT_EQ(effective_tokens(law, 100e9, 100e9), 100e9);
  EXPECT_EQ(effective_tokens(law, 50e9, 100e9), 50e9);
  EXPECT_EQ(effective_tokens(law, 50e9, HUGE_VAL), 50e9);
}

TEST(EffectiveTokens, FourEpochsAreWorthUPlusURStarTimesOneMinusExpOfThreeOverRStar) {
  // R_D = 3 repetitions: D' = U (1 + 15.387756 (1 - e^(-3 / 15.387756))) = 3.7257 U: four
  // epochs are worth 93% of four epochs of fresh data.
  const ScalingLaw law = epoch_law();
  const double expected = 100e9 * (1 + 15.387756 * (1 - std::exp(-3 / 15.387756)));
  EXPECT_NEAR(effective_tokens(law, 400e9, 100e9), expected, expected * 1e-14);
  EXPECT_NEAR(expected / 100e9, 3.7257, 1e-4);
}

TEST(EffectiveTokens, TokensForEffectiveIsItsInverseAndCapsAtUTimesOnePlusRStar) {
  const ScalingLaw law = epoch_law();
  for (double epochs : {1.5, 4.0, 40.0}) {
    const double effective = effective_tokens(law, epochs * 1e9, 1e9);
    EXPECT_NEAR(tokens_for_effective(law, effective, 1e9), epochs * 1e9, epochs * 1e9 * 1e-9);
  }
  // At 400 epochs (26 half-lives) a further epoch adds e^-26 = 5e-12 of U: the inverse keeps
  // only about six digits there, as any inverse of a curve that flat must.
  const double flat = effective_tokens(law, 400e9, 1e9);
  EXPECT_NEAR(tokens_for_effective(law, flat, 1e9), 400e9, 400e9 * 1e-5);
  EXPECT_EQ(tokens_for_effective(law, 1e9 * (1 + 15.387756), 1e9), HUGE_VAL);
}

TEST(ComputeOptimalFrontier, TokensForParamsAndParamsForTokensInvertEachOther) {
  const ScalingLaw law = epoch_law();
  const ComputeOptimal opt = compute_optimal(law, 5.76e23);
  EXPECT_NEAR(compute_optimal_tokens_for_params(law, opt.params), opt.tokens, opt.tokens * 1e-12);
  EXPECT_NEAR(compute_optimal_params_for_tokens(law, opt.tokens), opt.params, opt.params * 1e-12);
  ScalingLaw kaplan;
  kaplan.form = kLawKaplan;
  kaplan.n_c = 6.4e13;
  kaplan.d_c = 1.8e13;
  kaplan.alpha_n = 0.076;
  kaplan.alpha_d = 0.103;
  const ComputeOptimal k = compute_optimal(kaplan, 1e23);
  EXPECT_NEAR(compute_optimal_tokens_for_params(kaplan, k.params), k.tokens, k.tokens * 1e-12);
  EXPECT_NEAR(compute_optimal_params_for_tokens(kaplan, k.tokens), k.params, k.params * 1e-12);
}

TEST(EffectiveParams, ParamsBeyondWhatTheDataSupportsCountForLess) {
  const ScalingLaw law = epoch_law();
  const double supported = compute_optimal_params_for_tokens(law, 100e9);
  EXPECT_EQ(effective_params(law, supported / 2, 100e9), supported / 2);
  // Twice the supported size: R_N = 1, N' = U_N (1 + 5.309743 (1 - e^(-1 / 5.309743))).
  const double expected = supported * (1 + 5.309743 * (1 - std::exp(-1 / 5.309743)));
  EXPECT_NEAR(effective_params(law, 2 * supported, 100e9), expected, expected * 1e-14);
}

TEST(DataConstrainedOptimal, EnoughUniqueDataGivesTheClosedForm) {
  const ScalingLaw law = epoch_law();
  const ComputeOptimal free = compute_optimal(law, 1e24);
  const ComputeOptimal limited = data_constrained_optimal(law, 1e24, 2 * free.tokens);
  EXPECT_EQ(limited.params, free.params);
  EXPECT_EQ(limited.loss, free.loss);
}

TEST(DataConstrainedOptimal, IsAMinimumAndNoBetterThanUnlimitedData) {
  const ScalingLaw law = epoch_law();
  const double flop = 1e24;
  const double unique = 100e9;
  const ComputeOptimal opt = data_constrained_optimal(law, flop, unique);
  EXPECT_NEAR(6 * opt.params * opt.tokens, flop, flop * 1e-12);
  EXPECT_DOUBLE_EQ(opt.loss, data_constrained_loss(law, opt.params, opt.tokens, unique));
  EXPECT_GT(opt.loss, compute_optimal(law, flop).loss);
  for (double scale : {0.99, 1.01, 0.9, 1.1}) {
    const double n = scale * opt.params;
    EXPECT_GT(data_constrained_loss(law, n, flop / (6 * n), unique), opt.loss) << scale;
  }
  // More unique data never hurts.
  EXPECT_LT(data_constrained_optimal(law, flop, 2 * unique).loss, opt.loss);
}

TEST(CheapestForLoss, UnlimitedDataIsSardanasClosedProblem) {
  const ScalingLaw law = epoch_law();
  const InferenceOptimal closed = inference_optimal(law, 2.0, 2e12);
  const InferenceOptimal same = cheapest_for_loss(law, 2.0, 2e12, HUGE_VAL);
  EXPECT_EQ(same.params, closed.params);
  EXPECT_EQ(same.total_flop, closed.total_flop);
}

TEST(CheapestForLoss, AHugeStockOfDataAgreesWithTheClosedForm) {
  // 1e18 unique tokens never repeat: the search must land where the bisection does.
  const ScalingLaw law = epoch_law();
  const InferenceOptimal closed = inference_optimal(law, 2.0, 2e12);
  const InferenceOptimal searched = cheapest_for_loss(law, 2.0, 2e12, 1e18);
  EXPECT_NEAR(searched.params, closed.params, closed.params * 1e-6);
  EXPECT_NEAR(searched.total_flop, closed.total_flop, closed.total_flop * 1e-9);
}

TEST(CheapestForLoss, ALimitedStockReachesTheTargetAtMoreCompute) {
  const ScalingLaw law = epoch_law();
  const double unique = 200e9;
  const InferenceOptimal limited = cheapest_for_loss(law, 2.0, 0, unique);
  const InferenceOptimal free = cheapest_for_loss(law, 2.0, 0, HUGE_VAL);
  ASSERT_GT(limited.params, 0);
  EXPECT_NEAR(data_constrained_loss(law, limited.params, limited.tokens, unique), 2.0, 1e-9);
  EXPECT_GT(limited.training_flop, free.training_flop);
  EXPECT_GT(limited.tokens, unique);  // it repeats the data
}

TEST(CheapestForLoss, ATargetBeyondWhatTheDataAllowsIsOutOfReach) {
  const ScalingLaw law = epoch_law();
  const double best = best_loss_from(law, 1e9);
  EXPECT_GT(best, law.e);
  EXPECT_EQ(cheapest_for_loss(law, best - 1e-9, 0, 1e9).params, 0);
  EXPECT_GT(cheapest_for_loss(law, best + 0.01, 0, 1e9).params, 0);
  EXPECT_EQ(best_loss_from(law, HUGE_VAL), law.e);
}

}  // namespace
}  // namespace llmb
