// Fitting the parametric loss law L(N, D) = E + A/N^alpha + B/D^beta to training runs, the way
// Hoffmann et al. 2022 (appendix D.2) and Besiroglu et al. 2024 did: in log space,
//   log L = LSE(a - alpha log N, b - beta log D, e),  A = exp(a), B = exp(b), E = exp(e),
// minimising the sum over runs of the Huber loss (delta 1e-3) of log L_predicted - log L_observed
// with L-BFGS from a grid of starting points, keeping the best; bootstrap resamples of the runs
// give confidence intervals.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernels/scaling_law.h"

namespace llmb {

// One training run: parameters, training tokens and final loss (nats per token).
struct LossRun {
  double params = 0;
  double tokens = 0;
  double loss = 0;
};

// Five parameters are fitted, so at least five runs are needed.
inline constexpr int kFittedParameters = 5;

// A starting point in the fitted coordinates (a, b, e, alpha, beta).
struct FitStart {
  double a = 0;
  double b = 0;
  double e = 0;
  double alpha = 0;
  double beta = 0;
};

// Besiroglu et al. 2024's grid (their notebook, after Hoffmann et al. 2022 appendix D.2):
// alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1}, a, b in {0, 5, ..., 25}: 4,500 starts.
std::vector<FitStart> epoch_start_grid();

struct FitOptions {
  double huber_delta = 1e-3;
  std::vector<FitStart> starts = epoch_start_grid();
  // L-BFGS runs from this many of the starts, those with the lowest objective where they start
  // (ties to the earlier start); 0 or more than the starts: from every start. The grid is
  // redundant, many starts reaching the same minimum, and screening it costs one pass over the
  // runs a start where a descent costs hundreds: a tenth of Epoch's grid finds their fit.
  int refined_starts = 450;
  int bootstrap_samples = 0;  // 0: no confidence intervals
  std::uint64_t seed = 0;     // of the bootstrap resampling
  int threads = 0;            // 0: one per hardware thread; results do not depend on it
};

// A fitted parameter over the bootstrap samples.
struct ParameterSpread {
  double mean = 0;
  double std_error = 0;
  double low = 0;   // 2.5th percentile
  double high = 0;  // 97.5th percentile
};

struct LossLawFit {
  ScalingLaw law;        // parametric form
  double objective = 0;  // sum of Huber terms at the fit
  double rms_log_residual = 0;
  int runs = 0;
  int starts = 0;
  int refined_starts = 0;  // of them, those L-BFGS ran from
  int bootstrap_samples = 0;
  // Over the bootstrap samples, when there are any: E, A, B, alpha, beta.
  ParameterSpread e, a, b, alpha, beta;
};

// The objective at `law`: the sum over runs of Huber(log L_predicted - log L_observed).
double huber_objective(std::span<const LossRun> runs, const ScalingLaw& law, double delta);

// Throws std::invalid_argument for fewer than kFittedParameters runs or non-positive values:
// callers check the user's data first and say what is wrong with it.
LossLawFit fit_loss_law(std::span<const LossRun> runs, const FitOptions& options);

}  // namespace llmb
