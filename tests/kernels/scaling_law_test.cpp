#include "kernels/scaling_law.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace llmb {
namespace {

// Hoffmann et al. 2022, approach 3 (section 3.3).
ScalingLaw chinchilla() {
  ScalingLaw law;
  law.form = kLawParametric;
  law.e = 1.69;
  law.a = 406.4;
  law.b = 410.7;
  law.alpha = 0.34;
  law.beta = 0.28;
  return law;
}

// Besiroglu et al. 2024, section 3.
ScalingLaw epoch() {
  ScalingLaw law;
  law.form = kLawParametric;
  law.e = 1.8172;
  law.a = 482.01;
  law.b = 2085.43;
  law.alpha = 0.3478;
  law.beta = 0.3658;
  return law;
}

// Kaplan et al. 2020, eq. 1.5 with Table 2's joint fit.
ScalingLaw kaplan() {
  ScalingLaw law;
  law.form = kLawKaplan;
  law.n_c = 6.4e13;
  law.d_c = 1.8e13;
  law.alpha_n = 0.076;
  law.alpha_d = 0.103;
  return law;
}

// Golden-section search for the minimum of a unimodal f on [lo, hi].
double golden_section_minimum(const std::function<double(double)>& f, double lo, double hi) {
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
  double f1 = f(x1), f2 = f(x2);
  for (int i = 0; i < 300 && hi - lo > 1e-13; ++i) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = f(x2);
    }
  }
  return 0.5 * (lo + hi);
}

TEST(ScalingLawFlop, TrainingIsSixAndInferenceTwoPerParamPerToken) {
  EXPECT_DOUBLE_EQ(training_flop(70e9, 1.4e12), 5.88e23);  // Chinchilla: 6 x 70B x 1.4T
  EXPECT_DOUBLE_EQ(inference_flop(70e9, 1e12), 1.4e23);    // 2 x 70B x 1T served
}

TEST(PredictedLoss, ParametricLawIsTheSumOfItsThreeTerms) {
  // Chinchilla 70B on 1.4T: 406.4 / 70e9^0.34 = 0.0836 and 410.7 / 1.4e12^0.28 = 0.1633.
  const double expected = 1.69 + 406.4 / std::pow(70e9, 0.34) + 410.7 / std::pow(1.4e12, 0.28);
  EXPECT_DOUBLE_EQ(predicted_loss(chinchilla(), 70e9, 1.4e12), expected);
  EXPECT_NEAR(predicted_loss(chinchilla(), 70e9, 1.4e12), 1.9369, 1e-3);
}

TEST(PredictedLoss, KaplanLawIsOneNatAtNcWithUnlimitedData) {
  // [(N_c / N_c)^p + D_c / inf]^alpha_D = 1.
  EXPECT_NEAR(predicted_loss(kaplan(), 6.4e13, 1e300), 1.0, 1e-12);
  // With unlimited parameters it is Kaplan's L(D) = (D_c / D)^alpha_D.
  EXPECT_NEAR(predicted_loss(kaplan(), 1e300, 1e12), std::pow(18.0, 0.103), 1e-12);
}

TEST(PredictedLoss, FallsWithMoreParamsAndMoreTokens) {
  for (const ScalingLaw& law : {chinchilla(), epoch(), kaplan()}) {
    EXPECT_LT(predicted_loss(law, 2e9, 1e11), predicted_loss(law, 1e9, 1e11));
    EXPECT_LT(predicted_loss(law, 1e9, 2e11), predicted_loss(law, 1e9, 1e11));
  }
}

TEST(LawIsValid, RejectsNonPositiveExponentsAndCoefficients) {
  EXPECT_TRUE(law_is_valid(chinchilla()));
  EXPECT_TRUE(law_is_valid(kaplan()));
  ScalingLaw bad = chinchilla();
  bad.alpha = 0;
  EXPECT_FALSE(law_is_valid(bad));
  bad = chinchilla();
  bad.beta = -0.2;
  EXPECT_FALSE(law_is_valid(bad));
  bad = kaplan();
  bad.alpha_d = 0;
  EXPECT_FALSE(law_is_valid(bad));
}

TEST(ComputeOptimal, ClosedFormMatchesNumericalMinimisationForBothFamilies) {
  for (const ScalingLaw& law : {chinchilla(), epoch(), kaplan()}) {
    for (double flop : {1e19, 1e21, 5.76e23, 1e25, 1e27}) {
      const ComputeOptimal opt = compute_optimal(law, flop);
      // Loss along the iso-FLOP line D = C / (6 N), searched over log N.
      auto loss_at = [&](double log_params) {
        const double params = std::exp(log_params);
        return predicted_loss(law, params, flop / (6.0 * params));
      };
      const double log_best =
          golden_section_minimum(loss_at, std::log(1e3), std::log(flop / 6.0 / 1e3));
      EXPECT_NEAR(std::log(opt.params), log_best, 1e-4) << "C = " << flop;
      EXPECT_NEAR(opt.loss, loss_at(log_best), 1e-12) << "C = " << flop;
      EXPECT_DOUBLE_EQ(training_flop(opt.params, opt.tokens), flop);
      EXPECT_DOUBLE_EQ(opt.tokens_per_param, opt.tokens / opt.params);
    }
  }
}

TEST(ComputeOptimal, ParametricParamsGrowAsCToTheBetaOverAlphaPlusBeta) {
  // N* ~ C^(beta / (alpha + beta)) = C^(0.28 / 0.62) for Chinchilla's approach 3.
  const double ratio =
      compute_optimal(chinchilla(), 1e24).params / compute_optimal(chinchilla(), 1e22).params;
  EXPECT_NEAR(std::log10(ratio) / 2.0, 0.28 / 0.62, 1e-12);
}

TEST(ComputeOptimal, EpochLawPutsChinchillasBudgetAtAboutSeventyBillionParameters) {
  // Chinchilla itself: 70B parameters on 1.4T tokens, 5.76e23 FLOPs (Hoffmann et al. 2022,
  // Table 1 and section 4.1). Epoch's refit is consistent with it: 72B on 1.33T.
  const ComputeOptimal opt = compute_optimal(epoch(), 5.76e23);
  EXPECT_NEAR(opt.params, 70e9, 0.1 * 70e9);
  EXPECT_NEAR(opt.tokens, 1.4e12, 0.1 * 1.4e12);
  EXPECT_NEAR(opt.tokens_per_param, 20, 3);
}

TEST(TokensForLoss, InvertsPredictedLoss) {
  for (const ScalingLaw& law : {chinchilla(), kaplan()}) {
    const double target = predicted_loss(law, 7e9, 2e12);
    EXPECT_NEAR(tokens_for_loss(law, 7e9, target), 2e12, 2e12 * 1e-9);
  }
}

TEST(TokensForLoss, IsInfiniteWhereTheModelCannotReachTheLoss) {
  const ScalingLaw law = chinchilla();
  const double target = 2.0;
  const double smallest = min_params_for_loss(law, target);
  // E + A / N^alpha = target at the smallest model: (406.4 / 0.31)^(1 / 0.34).
  EXPECT_NEAR(smallest, std::pow(406.4 / 0.31, 1 / 0.34), smallest * 1e-12);
  EXPECT_TRUE(std::isinf(tokens_for_loss(law, 0.99 * smallest, target)));
  EXPECT_TRUE(std::isfinite(tokens_for_loss(law, 1.01 * smallest, target)));
  EXPECT_TRUE(std::isinf(min_params_for_loss(law, 1.69)));  // the irreducible loss itself
}

TEST(InferenceOptimal, WithoutInferenceIsTheComputeOptimalModelForThatLoss) {
  for (const ScalingLaw& law : {chinchilla(), kaplan()}) {
    const ComputeOptimal opt = compute_optimal(law, 1e23);
    const InferenceOptimal io = inference_optimal(law, opt.loss, 0);
    EXPECT_NEAR(io.params, opt.params, opt.params * 1e-9);
    EXPECT_NEAR(io.tokens, opt.tokens, opt.tokens * 1e-9);
    EXPECT_NEAR(io.training_flop, 1e23, 1e23 * 1e-9);
    EXPECT_EQ(io.inference_flop, 0);
  }
}

TEST(InferenceOptimal, MovesToSmallerModelsOnMoreTokensAsInferenceGrows) {
  for (const ScalingLaw& law : {chinchilla(), epoch(), kaplan()}) {
    const double target = compute_optimal(law, 1e23).loss;
    double previous_params = HUGE_VAL, previous_tokens = 0;
    for (double served : {1e10, 1e11, 1e12, 1e13, 1e14}) {
      const InferenceOptimal io = inference_optimal(law, target, served);
      EXPECT_LT(io.params, previous_params) << "served " << served;
      EXPECT_GT(io.tokens, previous_tokens) << "served " << served;
      EXPECT_NEAR(predicted_loss(law, io.params, io.tokens), target, 1e-9);
      previous_params = io.params;
      previous_tokens = io.tokens;
    }
  }
}

TEST(InferenceOptimal, NoModelOnTheContourCostsLess) {
  // Scan the contour of equal loss: none of 2,000 sizes beats the solver's total compute.
  const ScalingLaw law = chinchilla();
  const double target = compute_optimal(law, 1e23).loss;
  const double served = 2e12;
  const InferenceOptimal io = inference_optimal(law, target, served);
  const double smallest = min_params_for_loss(law, target);
  for (int i = 1; i <= 2000; ++i) {
    const double params = smallest * std::pow(1000.0, i / 2000.0);
    const double total = training_flop(params, tokens_for_loss(law, params, target)) +
                         inference_flop(params, served);
    EXPECT_GE(total, io.total_flop * (1 - 1e-12)) << "N = " << params;
  }
  // And the saving against the compute-optimal model is real.
  const ComputeOptimal opt = compute_optimal(law, 1e23);
  EXPECT_LT(io.total_flop, 1e23 + inference_flop(opt.params, served));
}

TEST(InferenceOptimal, IsZeroForATargetAtTheIrreducibleLoss) {
  const InferenceOptimal io = inference_optimal(chinchilla(), 1.69, 1e12);
  EXPECT_EQ(io.params, 0);
  EXPECT_EQ(io.total_flop, 0);
}

}  // namespace
}  // namespace llmb
