// Scaling laws: the loss a model of N parameters reaches after training on D tokens, the
// (N, D) that reach the lowest loss for a compute budget, and the (N, D) that reach a loss at
// the lowest training plus inference compute. Plain structs of doubles and inline functions,
// for the CPU and the CUDA backend alike; no strings, no throws. Loss is in nats per token on
// the data the law was fitted to, so losses from different laws do not compare.
#pragma once

#include <cmath>

#include "kernels/hd.h"

namespace llmb {

// The two families of laws, stored as doubles so that a law is one array of doubles.
inline constexpr double kLawParametric = 0;  // L = E + A / N^alpha + B / D^beta
inline constexpr double kLawKaplan = 1;  // L = [(N_c / N)^(alpha_N / alpha_D) + D_c / D]^alpha_D

// Dense transformers spend 6 FLOPs per parameter per training token (forward and backward)
// and 2 per parameter per token served (forward only): Kaplan et al. 2020, section 2.1.
inline constexpr double kTrainingFlopPerParamToken = 6.0;
inline constexpr double kInferenceFlopPerParamToken = 2.0;

struct ScalingLaw {
  double form = kLawParametric;
  // Parametric form (Hoffmann et al. 2022, eq. 2): irreducible loss E, and the terms for a
  // finite model (A, alpha) and finite data (B, beta).
  double e = 0;
  double a = 0;
  double b = 0;
  double alpha = 0;
  double beta = 0;
  // Kaplan et al. 2020, eq. 1.5: N_c in parameters, D_c in tokens, both exponents.
  double n_c = 0;
  double d_c = 0;
  double alpha_n = 0;
  double alpha_d = 0;
  // Repeated data (Muennighoff et al. 2023, eq. 5): a repeated token is worth less each epoch,
  // as 1 - exp(-R / R*_D) over R repetitions, and parameters beyond what the unique data
  // supports likewise with R*_N. Both are dimensionless; zero where the law has none.
  double repeated_tokens_decay = 0;  // R*_D
  double excess_params_decay = 0;    // R*_N
};

// A point on the compute-optimal frontier.
struct ComputeOptimal {
  double flop = 0;  // training compute, 6 N D
  double params = 0;
  double tokens = 0;
  double loss = 0;
  double tokens_per_param = 0;
};

// The model that reaches a target loss at the lowest training plus lifetime inference compute
// (Sardana et al. 2024, "Beyond Chinchilla-Optimal", section 2).
struct InferenceOptimal {
  double params = 0;
  double tokens = 0;
  double training_flop = 0;
  double inference_flop = 0;
  double total_flop = 0;
};

LLMB_HD inline double training_flop(double params, double tokens) {
  return kTrainingFlopPerParamToken * params * tokens;
}

LLMB_HD inline double inference_flop(double params, double tokens_served) {
  return kInferenceFlopPerParamToken * params * tokens_served;
}

// Every constant positive (E may be zero): a law that fails this predicts nothing sensible.
LLMB_HD inline bool law_is_valid(const ScalingLaw& law) {
  if (law.form == kLawKaplan)
    return law.n_c > 0 && law.d_c > 0 && law.alpha_n > 0 && law.alpha_d > 0;
  return law.form == kLawParametric && law.e >= 0 && law.a > 0 && law.b > 0 && law.alpha > 0 &&
         law.beta > 0;
}

LLMB_HD inline double predicted_loss(const ScalingLaw& law, double params, double tokens) {
  if (law.form == kLawKaplan)
    return pow(pow(law.n_c / params, law.alpha_n / law.alpha_d) + law.d_c / tokens, law.alpha_d);
  return law.e + law.a / pow(params, law.alpha) + law.b / pow(tokens, law.beta);
}

// Along a contour of equal loss both families give the tokens as
//   D(N) = (K / (c - W N^-s))^k,  defined where W N^-s < c:
// parametric: K = B, c = L - E, W = A, s = alpha, k = 1 / beta;
// Kaplan:     K = D_c, c = L^(1 / alpha_D), W = N_c^(alpha_N / alpha_D), s = alpha_N / alpha_D, k
// = 1. Writing the two as one lets the solvers below serve both.
struct IsoLoss {
  double log_k_const = 0;  // log K
  double c = 0;
  double log_w = 0;  // log W
  double s = 0;
  double k = 0;
};

LLMB_HD inline IsoLoss iso_loss(const ScalingLaw& law, double target_loss) {
  IsoLoss iso;
  if (law.form == kLawKaplan) {
    const double p = law.alpha_n / law.alpha_d;
    iso.log_k_const = log(law.d_c);
    iso.c = pow(target_loss, 1.0 / law.alpha_d);
    iso.log_w = p * log(law.n_c);
    iso.s = p;
    iso.k = 1.0;
  } else {
    iso.log_k_const = log(law.b);
    iso.c = target_loss - law.e;
    iso.log_w = log(law.a);
    iso.s = law.alpha;
    iso.k = 1.0 / law.beta;
  }
  return iso;
}

// W N^-s at log N = u: the share of c the finite model uses up.
LLMB_HD inline double iso_model_term(const IsoLoss& iso, double log_params) {
  return exp(iso.log_w - iso.s * log_params);
}

// Tokens a model of `params` needs to reach `target_loss`; infinite where it cannot.
LLMB_HD inline double tokens_for_loss(const ScalingLaw& law, double params, double target_loss) {
  const IsoLoss iso = iso_loss(law, target_loss);
  const double room = iso.c - iso_model_term(iso, log(params));
  if (!(room > 0)) return HUGE_VAL;
  return exp(iso.k * (iso.log_k_const - log(room)));
}

// The smallest model that reaches `target_loss` with unlimited data; infinite where none does
// (a target at or below the irreducible loss).
LLMB_HD inline double min_params_for_loss(const ScalingLaw& law, double target_loss) {
  const IsoLoss iso = iso_loss(law, target_loss);
  if (!(iso.c > 0)) return HUGE_VAL;
  return exp((iso.log_w - log(iso.c)) / iso.s);
}

// Compute-optimal allocation of `flop` = 6 N D. For the parametric law, minimising
// E + A/N^alpha + B/D^beta with D = C/(6N) gives (Hoffmann et al. 2022, eq. 4)
//   N* = G (C/6)^(beta/(alpha+beta)),  D* = G^-1 (C/6)^(alpha/(alpha+beta)),
//   G = (alpha A / (beta B))^(1/(alpha+beta)).
// For Kaplan's L(N, D), minimising the bracket (N_c/N)^p + 6 D_c N / C, p = alpha_N/alpha_D,
// gives N*^(p+1) = p N_c^p C / (6 D_c). This is the optimum of the early-stopped L(N, D) fit;
// Kaplan's own allocation (N ~ C^0.73, section 6) comes from learning curves instead.
LLMB_HD inline ComputeOptimal compute_optimal(const ScalingLaw& law, double flop) {
  ComputeOptimal opt;
  opt.flop = flop;
  const double params_times_tokens = flop / kTrainingFlopPerParamToken;
  if (law.form == kLawKaplan) {
    const double p = law.alpha_n / law.alpha_d;
    opt.params =
        exp((log(p) + p * log(law.n_c) + log(params_times_tokens) - log(law.d_c)) / (p + 1.0));
  } else {
    const double sum = law.alpha + law.beta;
    const double log_g = (log(law.alpha * law.a) - log(law.beta * law.b)) / sum;
    opt.params = exp(log_g + law.beta / sum * log(params_times_tokens));
  }
  opt.tokens = params_times_tokens / opt.params;
  opt.loss = predicted_loss(law, opt.params, opt.tokens);
  opt.tokens_per_param = opt.tokens / opt.params;
  return opt;
}

// d(total compute)/d(log N) along the contour of `iso`, over N:
//   6 D (1 - s k w / (c - w)) + 2 D_inference,  w = W N^-s.
// Negative below the optimum, positive above it: total compute is convex in log N, since
// log D(log N) is convex and a sum of exponentials of convex functions is convex.
LLMB_HD inline double inference_aware_slope(const IsoLoss& iso, double log_params,
                                            double inference_tokens) {
  const double w = iso_model_term(iso, log_params);
  const double room = iso.c - w;
  const double tokens = exp(iso.k * (iso.log_k_const - log(room)));
  return kTrainingFlopPerParamToken * tokens * (1.0 - iso.s * iso.k * w / room) +
         kInferenceFlopPerParamToken * inference_tokens;
}

// The model that reaches `target_loss` at the least 6 N D + 2 N D_inference (Sardana et al.
// 2024): bisection on log N between the smallest model that can reach the loss and the
// training-optimal one (where the slope is 2 D_inference >= 0). 200 halvings of an interval
// a few nats wide reach the resolution of a double; a fixed count keeps it device-friendly.
// Returns zeros where the target is at or below the irreducible loss.
LLMB_HD inline InferenceOptimal inference_optimal(const ScalingLaw& law, double target_loss,
                                                  double inference_tokens) {
  InferenceOptimal opt;
  const IsoLoss iso = iso_loss(law, target_loss);
  if (!(iso.c > 0)) return opt;
  // Training-optimal at this loss: s k w / (c - w) = 1, so w = c / (1 + s k).
  const double log_c = log(iso.c);
  double hi = (iso.log_w - log_c + log(1.0 + iso.s * iso.k)) / iso.s;
  double lo = (iso.log_w - log_c) / iso.s;  // w = c: infinitely many tokens
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    // Within rounding of the smallest model the slope can come out NaN; it is negative there.
    if (!(inference_aware_slope(iso, mid, inference_tokens) >= 0))
      lo = mid;
    else
      hi = mid;
  }
  opt.params = exp(hi);
  opt.tokens = tokens_for_loss(law, opt.params, target_loss);
  opt.training_flop = training_flop(opt.params, opt.tokens);
  opt.inference_flop = inference_flop(opt.params, inference_tokens);
  opt.total_flop = opt.training_flop + opt.inference_flop;
  return opt;
}

}  // namespace llmb
