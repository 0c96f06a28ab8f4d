// Scaling laws with a limited stock of unique data (Muennighoff et al. 2023, "Scaling
// Data-Constrained Language Models", eq. 5): repeated epochs are worth less than fresh tokens,
// and parameters beyond what the unique data supports are worth less than the first ones. The
// planner's questions under such a limit: the best model for a compute budget, the cheapest
// model that reaches a loss (with lifetime inference, as Sardana et al. 2024), and the best
// loss a stock of data allows at all. Plain doubles, for host and device; no throws.
//
// Unlimited unique data is +infinity: every function below then reduces to the plain law.
#pragma once

#include <cmath>

#include "kernels/hd.h"
#include "kernels/scaling_law.h"

namespace llmb {

// The compute-optimal frontier read both ways: the tokens a model of `params` is trained on at
// its compute-optimal point, and the model whose compute-optimal token count is `tokens`.
// Parametric law (Hoffmann et al. 2022, eq. 4, with X = C/6 = N D): N = G X^(beta/s) and
// D = X / N, s = alpha + beta, so D = (N/G)^(s/beta) / N and N = G (D G)^(beta/alpha).
// Kaplan's L(N, D): N^p = p N_c^p D / D_c with p = alpha_N / alpha_D (see compute_optimal).
LLMB_HD inline double compute_optimal_tokens_for_params(const ScalingLaw& law, double params) {
  if (law.form == kLawKaplan) {
    const double p = law.alpha_n / law.alpha_d;
    return law.d_c * exp(p * (log(params) - log(law.n_c))) / p;
  }
  const double sum = law.alpha + law.beta;
  const double log_g = (log(law.alpha * law.a) - log(law.beta * law.b)) / sum;
  return exp(sum / law.beta * (log(params) - log_g) - log(params));
}

LLMB_HD inline double compute_optimal_params_for_tokens(const ScalingLaw& law, double tokens) {
  if (law.form == kLawKaplan) {
    const double p = law.alpha_n / law.alpha_d;
    return law.n_c * exp((log(p) + log(tokens) - log(law.d_c)) / p);
  }
  const double sum = law.alpha + law.beta;
  const double log_g = (log(law.alpha * law.a) - log(law.beta * law.b)) / sum;
  return exp(log_g + law.beta / law.alpha * (log(tokens) + log_g));
}

// D' = U_D + U_D R*_D (1 - exp(-R_D / R*_D)), R_D = D / U_D - 1 repetitions beyond the first
// epoch (Muennighoff et al. 2023, eq. 5). -expm1 keeps the few-repeat end exact.
LLMB_HD inline double effective_tokens(const ScalingLaw& law, double tokens, double unique_tokens) {
  if (!(tokens > unique_tokens)) return tokens;
  const double repeats = tokens / unique_tokens - 1.0;
  return unique_tokens *
         (1.0 - law.repeated_tokens_decay * expm1(-repeats / law.repeated_tokens_decay));
}

// N' = U_N + U_N R*_N (1 - exp(-R_N / R*_N)), with U_N = min(N, the compute-optimal size for
// the unique tokens) and R_N = N / U_N - 1 (Muennighoff et al. 2023, eq. 5 and section 5).
LLMB_HD inline double effective_params(const ScalingLaw& law, double params, double unique_tokens) {
  if (!(unique_tokens < HUGE_VAL)) return params;
  const double supported = compute_optimal_params_for_tokens(law, unique_tokens);
  if (!(params > supported)) return params;
  const double repeats = params / supported - 1.0;
  return supported * (1.0 - law.excess_params_decay * expm1(-repeats / law.excess_params_decay));
}

LLMB_HD inline double data_constrained_loss(const ScalingLaw& law, double params, double tokens,
                                            double unique_tokens) {
  return predicted_loss(law, effective_params(law, params, unique_tokens),
                        effective_tokens(law, tokens, unique_tokens));
}

// The inverse of effective_tokens: the tokens, repeats included, worth `effective` fresh ones;
// infinite beyond the most a stock of data is worth, U_D (1 + R*_D).
LLMB_HD inline double tokens_for_effective(const ScalingLaw& law, double effective,
                                           double unique_tokens) {
  if (!(effective > unique_tokens)) return effective;
  const double share = (effective / unique_tokens - 1.0) / law.repeated_tokens_decay;
  if (!(share < 1.0)) return HUGE_VAL;
  return unique_tokens * (1.0 - law.repeated_tokens_decay * log1p(-share));
}

// Tokens (repeats included) a model of `params` needs to reach `target_loss` from
// `unique_tokens`; infinite where it cannot.
LLMB_HD inline double tokens_for_loss_from(const ScalingLaw& law, double params, double target_loss,
                                           double unique_tokens) {
  const double effective =
      tokens_for_loss(law, effective_params(law, params, unique_tokens), target_loss);
  if (!(effective < HUGE_VAL)) return HUGE_VAL;
  return tokens_for_effective(law, effective, unique_tokens);
}

// The lowest loss a stock of unique data allows with unlimited compute: both effective
// quantities at their ceilings, U_N (1 + R*_N) and U_D (1 + R*_D).
LLMB_HD inline double best_loss_from(const ScalingLaw& law, double unique_tokens) {
  if (!(unique_tokens < HUGE_VAL)) return law.form == kLawKaplan ? 0.0 : law.e;
  const double supported = compute_optimal_params_for_tokens(law, unique_tokens);
  return predicted_loss(law, supported * (1.0 + law.excess_params_decay),
                        unique_tokens * (1.0 + law.repeated_tokens_decay));
}

// The minimum of f(log N) on [lo, hi]: a scan of kScanPoints, then golden-section search
// between the neighbours of the best point. The objectives here (loss at fixed compute, compute
// at fixed loss) have one minimum in log N but may be infinite where a size cannot reach the
// target; the scan finds the finite basin, the golden section refines it to the resolution of
// a double. Fixed iteration counts keep it deterministic and device-friendly.
template <class Objective>
LLMB_HD inline double minimize_over_log_params(const Objective& f, double lo, double hi) {
  constexpr int kScanPoints = 97;
  const double step = (hi - lo) / (kScanPoints - 1);
  int best = 0;
  double best_value = HUGE_VAL;
  for (int i = 0; i < kScanPoints; ++i) {
    const double value = f(lo + i * step);
    if (value < best_value) {
      best_value = value;
      best = i;
    }
  }
  double a = lo + (best > 0 ? best - 1 : 0) * step;
  double b = lo + (best < kScanPoints - 1 ? best + 1 : kScanPoints - 1) * step;
  const double inv_phi = 0.6180339887498949;  // (sqrt 5 - 1) / 2
  double c = b - inv_phi * (b - a);
  double d = a + inv_phi * (b - a);
  double fc = f(c);
  double fd = f(d);
  for (int i = 0; i < 120 && b - a > 1e-13 * (1.0 + fabs(a)); ++i) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - inv_phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + inv_phi * (b - a);
      fd = f(d);
    }
  }
  return fc <= fd ? c : d;
}

// How far either side of the unlimited-data optimum a data limit can move the best size: a
// factor of e^7 (about 1,100) covers every limit down to a thousandth of the optimal tokens.
inline constexpr double kLogParamsSearchHalfWidth = 7.0;

struct LossAtComputeObjective {
  const ScalingLaw* law;
  double flop;
  double unique_tokens;
  LLMB_HD double operator()(double log_params) const {
    const double params = exp(log_params);
    return data_constrained_loss(*law, params, flop / (kTrainingFlopPerParamToken * params),
                                 unique_tokens);
  }
};

// The lowest-loss (N, D) for `flop` = 6 N D from `unique_tokens` of unique data. Where the
// compute-optimal run needs no repeats the limit does not bind and the closed form stands.
LLMB_HD inline ComputeOptimal data_constrained_optimal(const ScalingLaw& law, double flop,
                                                       double unique_tokens) {
  ComputeOptimal opt = compute_optimal(law, flop);
  if (!(opt.tokens > unique_tokens)) return opt;
  const double center = log(opt.params);
  const LossAtComputeObjective objective{&law, flop, unique_tokens};
  opt.params = exp(minimize_over_log_params(objective, center - kLogParamsSearchHalfWidth,
                                            center + kLogParamsSearchHalfWidth));
  opt.tokens = flop / (kTrainingFlopPerParamToken * opt.params);
  opt.loss = data_constrained_loss(law, opt.params, opt.tokens, unique_tokens);
  opt.tokens_per_param = opt.tokens / opt.params;
  return opt;
}

struct ComputeAtLossObjective {
  const ScalingLaw* law;
  double target_loss;
  double inference_tokens;
  double unique_tokens;
  LLMB_HD double operator()(double log_params) const {
    const double params = exp(log_params);
    const double tokens = tokens_for_loss_from(*law, params, target_loss, unique_tokens);
    if (!(tokens < HUGE_VAL)) return HUGE_VAL;
    return training_flop(params, tokens) + inference_flop(params, inference_tokens);
  }
};

// The model that reaches `target_loss` at the least training plus lifetime inference compute
// from `unique_tokens` of unique data. Unlimited data is Sardana et al.'s closed problem
// (inference_optimal); a limit makes it a search. Zeros where the target cannot be reached.
LLMB_HD inline InferenceOptimal cheapest_for_loss(const ScalingLaw& law, double target_loss,
                                                  double inference_tokens, double unique_tokens) {
  if (!(unique_tokens < HUGE_VAL)) return inference_optimal(law, target_loss, inference_tokens);
  InferenceOptimal opt;
  if (!(target_loss > best_loss_from(law, unique_tokens))) return opt;
  // The smallest model that reaches the loss with unlimited data bounds the search below.
  const double lo = log(min_params_for_loss(law, target_loss));
  const ComputeAtLossObjective objective{&law, target_loss, inference_tokens, unique_tokens};
  opt.params = exp(minimize_over_log_params(objective, lo, lo + 2 * kLogParamsSearchHalfWidth));
  opt.tokens = tokens_for_loss_from(law, opt.params, target_loss, unique_tokens);
  if (!(opt.tokens < HUGE_VAL)) return InferenceOptimal{};
  opt.training_flop = training_flop(opt.params, opt.tokens);
  opt.inference_flop = inference_flop(opt.params, inference_tokens);
  opt.total_flop = opt.training_flop + opt.inference_flop;
  return opt;
}

}  // namespace llmb
