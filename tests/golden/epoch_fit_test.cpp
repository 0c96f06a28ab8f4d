// Besiroglu, Erdil, Barnett, You 2024 ("Chinchilla Scaling: A replication attempt", arXiv
// 2404.10102) refit Hoffmann et al. 2022's approach 3 on the runs of its figure 4. Fitting the
// same data the same way must give their numbers; see scenarios/data/README.md.
#include <gtest/gtest.h>

#include "sim/scaling/fit.h"
#include "sim/scaling/law_catalog.h"
#include "sim/scaling/runs_csv.h"

namespace llmb {
namespace {

const std::string kEpochRuns = LLMB_SOURCE_DIR "/scenarios/data/chinchilla_fig4_epoch.csv";

const LossLawFit& epoch_fit() {
  static const LossLawFit fit = [] {
    const LossRunsFile file = read_loss_runs(kEpochRuns);
    return fit_loss_law(runs_for_fit(file, 5), FitOptions{});
  }();
  return fit;
}

// Each test is its own process (gtest_discover_tests), so each fit here costs a full fit:
// about 1.5 s in a release build, 30 s under the sanitizers. Hence few, broad tests.

TEST(EpochFit, UsesTheTwoHundredFortyRunsLeftAfterTheFiveHighestLosses) {
  const LossRunsFile file = read_loss_runs(kEpochRuns);
  EXPECT_EQ(file.runs.size(), 245u);
  EXPECT_EQ(runs_for_fit(file, 5).size(), 240u);
}

TEST(EpochFit, ReproducesEpochsFitWithinOnePercentForExponentsAndTenForCoefficients) {
  // Their point fit: A 477.8, B 2143.9, E 1.8172, alpha 0.3473, beta 0.3672 (the data's
  // README; the paper's section 3 gives the bootstrap estimates A 482.01, B 2085.43).
  const LossLawFit& fit = epoch_fit();
  EXPECT_EQ(fit.runs, 240);
  EXPECT_NEAR(fit.law.e, 1.817, 0.01 * 1.817);
  EXPECT_NEAR(fit.law.alpha, 0.347, 0.01 * 0.347);
  EXPECT_NEAR(fit.law.beta, 0.367, 0.01 * 0.367);
  EXPECT_NEAR(fit.law.a, 477.8, 0.1 * 477.8);
  EXPECT_NEAR(fit.law.b, 2143.9, 0.1 * 2143.9);
  // Tighter than asked: the optimiser finds the minimum scipy's L-BFGS-B found.
  EXPECT_NEAR(fit.law.e, 1.8172, 5e-4);
  EXPECT_NEAR(fit.law.alpha, 0.3473, 5e-4);
  EXPECT_NEAR(fit.law.beta, 0.3672, 5e-4);
  EXPECT_NEAR(fit.law.a, 477.8, 0.01 * 477.8);
  EXPECT_NEAR(fit.law.b, 2143.9, 0.01 * 2143.9);
}

// The default refines only the best tenth of the grid by its starting objective; descending
// from every one of the 4,500 starts finds the same minimum.
TEST(EpochFit, TheScreenedGridFindsTheMinimumOfTheWholeGrid) {
  const LossLawFit& screened = epoch_fit();
  EXPECT_EQ(screened.refined_starts, 450);
  FitOptions every;
  every.refined_starts = 0;
  const LossRunsFile file = read_loss_runs(kEpochRuns);
  const LossLawFit whole = fit_loss_law(runs_for_fit(file, 5), every);
  EXPECT_EQ(whole.refined_starts, 4500);
  EXPECT_LE(screened.objective, whole.objective * (1 + 1e-9));
  EXPECT_NEAR(screened.law.e, whole.law.e, 1e-6 * whole.law.e);
  EXPECT_NEAR(screened.law.a, whole.law.a, 1e-5 * whole.law.a);
  EXPECT_NEAR(screened.law.b, whole.law.b, 1e-5 * whole.law.b);
  EXPECT_NEAR(screened.law.alpha, whole.law.alpha, 1e-6 * whole.law.alpha);
  EXPECT_NEAR(screened.law.beta, whole.law.beta, 1e-6 * whole.law.beta);
}

TEST(ComputeOptimalClaim, EpochLawAtChinchillasBudgetGivesChinchillasSize) {
  // Chinchilla: 70B parameters on 1.4T tokens for 5.76e23 FLOPs (Hoffmann et al. 2022, Table 1
  // and section 4.1); Epoch's law puts the optimum there, within 10%.
  const auto laws =
      load_scaling_laws(scaling_laws_path(LLMB_SOURCE_DIR "/scenarios/catalog"), true);
  const ComputeOptimal opt = compute_optimal(laws[1].law, 5.76e23);
  ASSERT_EQ(laws[1].name, "epoch");
  EXPECT_NEAR(opt.params, 70e9, 0.1 * 70e9);
  EXPECT_NEAR(opt.tokens, 1.4e12, 0.1 * 1.4e12);
}

TEST(ComputeOptimalClaim, OurFitOfEpochsDataGivesChinchillasSizeToo) {
  const ComputeOptimal opt = compute_optimal(epoch_fit().law, 5.76e23);
  EXPECT_NEAR(opt.params, 70e9, 0.1 * 70e9);
  EXPECT_NEAR(opt.tokens, 1.4e12, 0.1 * 1.4e12);
}

}  // namespace
}  // namespace llmb
