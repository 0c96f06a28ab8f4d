#include "sim/scaling/fit.h"

#include <LBFGS.h>
#include <Random123/philox.h>

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <thread>

namespace llmb {
namespace {

using Vector = Eigen::VectorXd;

// Coordinates of the optimiser, as in Besiroglu et al. 2024: x = (a, b, e, alpha, beta).
constexpr int kA = 0, kB = 1, kE = 2, kAlpha = 3, kBeta = 4;

struct LogRun {
  double log_params;
  double log_tokens;
  double log_loss;
};

ScalingLaw law_from(const Vector& x) {
  ScalingLaw law;
  law.form = kLawParametric;
  law.a = std::exp(x[kA]);
  law.b = std::exp(x[kB]);
  law.e = std::exp(x[kE]);
  law.alpha = x[kAlpha];
  law.beta = x[kBeta];
  return law;
}

Vector coordinates_of(const ScalingLaw& law) {
  Vector x(kFittedParameters);
  x << std::log(law.a), std::log(law.b), std::log(law.e), law.alpha, law.beta;
  return x;
}

// Sum over runs of Huber(log L_pred - log L_obs), log L_pred a log-sum-exp of three terms; the
// gradient goes through the softmax weights of the three terms. Remembers the best point it
// was asked about, because a line search that gives up throws from inside the solver.
class HuberObjective {
 public:
  HuberObjective(const std::vector<LogRun>& runs, double delta) : runs_(runs), delta_(delta) {}

  double operator()(const Vector& x, Vector& grad) {
    grad.setZero();
    double total = 0;
    for (const LogRun& run : runs_) {
      const double t_model = x[kA] - x[kAlpha] * run.log_params;
      const double t_data = x[kB] - x[kBeta] * run.log_tokens;
      const double t_floor = x[kE];
      const double top = std::max({t_model, t_data, t_floor});
      const double w_model = std::exp(t_model - top);
      const double w_data = std::exp(t_data - top);
      const double w_floor = std::exp(t_floor - top);
      const double sum = w_model + w_data + w_floor;
      const double residual = top + std::log(sum) - run.log_loss;
      double slope = 0;
      if (std::fabs(residual) <= delta_) {
        total += 0.5 * residual * residual;
        slope = residual;
      } else {
        total += delta_ * (std::fabs(residual) - 0.5 * delta_);
        slope = residual > 0 ? delta_ : -delta_;
      }
      const double scale = slope / sum;
      grad[kA] += scale * w_model;
      grad[kAlpha] -= scale * w_model * run.log_params;
      grad[kB] += scale * w_data;
      grad[kBeta] -= scale * w_data * run.log_tokens;
      grad[kE] += scale * w_floor;
    }
    if (std::isfinite(total) && total < best_value_) {
      best_value_ = total;
      best_x_ = x;
    }
    return total;
  }

  double best_value() const { return best_value_; }
  const Vector& best_x() const { return best_x_; }
  void reset() { best_value_ = std::numeric_limits<double>::infinity(); }

 private:
  const std::vector<LogRun>& runs_;
  double delta_;
  double best_value_ = std::numeric_limits<double>::infinity();
  Vector best_x_;
};

struct Minimum {
  double value = std::numeric_limits<double>::infinity();
  Vector x;
};

// L-BFGS from `start`. The objective is nearly piecewise linear (most residuals exceed delta),
// so line searches often stop short of their conditions; the best point seen is the answer
// either way. Convergence is a relative change of the objective below 1e-10 over 5 iterations
// (the loss is small in absolute terms, so a gradient tolerance alone would stop too early).
Minimum minimize_from(HuberObjective& objective, Vector x) {
  LBFGSpp::LBFGSParam<double> param;
  param.epsilon = 1e-12;
  param.epsilon_rel = 1e-12;
  param.past = 5;
  param.delta = 1e-10;
  param.max_iterations = 1000;
  param.max_linesearch = 40;
  LBFGSpp::LBFGSSolver<double> solver(param);
  objective.reset();
  double value = 0;
  try {
    solver.minimize(objective, x, value);
  } catch (const std::exception&) {
    // The line search gave up; keep the best point seen.
  }
  Minimum m;
  if (std::isfinite(objective.best_value())) {
    m.value = objective.best_value();
    m.x = objective.best_x();
  }
  return m;
}

int thread_count(const FitOptions& options, std::size_t jobs) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(threads), jobs));
}

// Runs job(i) for i in [0, jobs) on `threads` threads, each taking every threads-th index.
// Each job writes only its own slot, so the results do not depend on the thread count.
template <typename Job>
void parallel_for(std::size_t jobs, int threads, const Job& job) {
  if (threads <= 1) {
    for (std::size_t i = 0; i < jobs; ++i) job(i);
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < jobs;
           i += static_cast<std::size_t>(threads))
        job(i);
    });
  for (auto& thread : pool) thread.join();
}

Vector start_point(const FitStart& s) {
  Vector x(kFittedParameters);
  x << s.a, s.b, s.e, s.alpha, s.beta;
  return x;
}

// The starts L-BFGS runs from, in grid order: every start, or the `refined_starts` whose
// objective is lowest where they start (not finite: last; ties to the earlier start).
std::vector<std::size_t> starts_to_refine(const std::vector<LogRun>& runs,
                                          const FitOptions& options) {
  const std::size_t count = options.starts.size();
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  const auto keep = static_cast<std::size_t>(std::max(options.refined_starts, 0));
  if (keep == 0 || keep >= count) return order;
  std::vector<double> start_value(count);
  parallel_for(count, thread_count(options, count), [&](std::size_t i) {
    HuberObjective objective(runs, options.huber_delta);
    Vector grad(kFittedParameters);
    const double value = objective(start_point(options.starts[i]), grad);
    start_value[i] = std::isfinite(value) ? value : std::numeric_limits<double>::infinity();
  });
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return start_value[a] < start_value[b]; });
  order.resize(keep);
  std::sort(order.begin(), order.end());
  return order;
}

// Best of the minima from the starts refined; ties go to the earliest start.
Minimum best_fit(const std::vector<LogRun>& runs, const FitOptions& options,
                 const std::vector<std::size_t>& refined) {
  std::vector<Minimum> minima(refined.size());
  parallel_for(refined.size(), thread_count(options, refined.size()), [&](std::size_t k) {
    HuberObjective objective(runs, options.huber_delta);
    minima[k] = minimize_from(objective, start_point(options.starts[refined[k]]));
  });
  Minimum best;
  for (const Minimum& m : minima)
    if (m.value < best.value) best = m;
  return best;
}

// The i-th bootstrap resample of n runs: n indices drawn with replacement from a Philox stream
// keyed by the seed, counter (sample, block), so any sample is reproducible on its own.
std::vector<std::size_t> resample(std::uint64_t seed, std::uint32_t sample, std::size_t n) {
  using Philox = r123::Philox4x32;
  Philox rng;
  const Philox::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  std::vector<std::size_t> indices(n);
  for (std::size_t i = 0; i < n; i += 4) {
    const Philox::ctr_type counter = {{sample, static_cast<std::uint32_t>(i / 4), 0, 0}};
    const Philox::ctr_type bits = rng(counter, key);
    for (std::size_t j = 0; j < 4 && i + j < n; ++j)
      // Multiply-shift maps 32 random bits onto [0, n); the bias is below n / 2^32.
      indices[i + j] = static_cast<std::size_t>((static_cast<std::uint64_t>(bits.v[j]) * n) >> 32);
  }
  return indices;
}

ParameterSpread spread(std::vector<double> values) {
  ParameterSpread s;
  const double n = static_cast<double>(values.size());
  for (double v : values) s.mean += v / n;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.std_error = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  std::sort(values.begin(), values.end());
  // Linear interpolation between order statistics (numpy's default percentile).
  auto percentile = [&](double q) {
    const double rank = q * (n - 1);
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (rank - std::floor(rank)) * (values[above] - values[below]);
  };
  s.low = percentile(0.025);
  s.high = percentile(0.975);
  return s;
}

std::vector<LogRun> log_runs(std::span<const LossRun> runs) {
  std::vector<LogRun> out;
  out.reserve(runs.size());
  for (const LossRun& r : runs) {
    if (!(r.params > 0 && r.tokens > 0 && r.loss > 0))
      throw std::invalid_argument("fit_loss_law: runs need positive params, tokens and loss");
    out.push_back({std::log(r.params), std::log(r.tokens), std::log(r.loss)});
  }
  return out;
}

}  // namespace

std::vector<FitStart> epoch_start_grid() {
  std::vector<FitStart> grid;
  for (int alpha = 0; alpha < 5; ++alpha)
    for (int beta = 0; beta < 5; ++beta)
      for (int e = 0; e < 5; ++e)
        for (int a = 0; a < 6; ++a)
          for (int b = 0; b < 6; ++b)
            grid.push_back({5.0 * a, 5.0 * b, -1.0 + 0.5 * e, 0.5 * alpha, 0.5 * beta});
  return grid;
}

double huber_objective(std::span<const LossRun> runs, const ScalingLaw& law, double delta) {
  const std::vector<LogRun> logs = log_runs(runs);
  HuberObjective objective(logs, delta);
  Vector grad(kFittedParameters);
  return objective(coordinates_of(law), grad);
}

LossLawFit fit_loss_law(std::span<const LossRun> runs, const FitOptions& options) {
  if (runs.size() < static_cast<std::size_t>(kFittedParameters))
    throw std::invalid_argument("fit_loss_law: fewer runs than fitted parameters");
  if (options.starts.empty()) throw std::invalid_argument("fit_loss_law: no starting points");
  const std::vector<LogRun> logs = log_runs(runs);

  const std::vector<std::size_t> refined = starts_to_refine(logs, options);
  const Minimum best = best_fit(logs, options, refined);
  if (!std::isfinite(best.value))
    throw std::runtime_error("fit_loss_law: no starting point gave a finite objective");
  LossLawFit fit;
  fit.law = law_from(best.x);
  fit.objective = best.value;
  fit.runs = static_cast<int>(runs.size());
  fit.starts = static_cast<int>(options.starts.size());
  fit.refined_starts = static_cast<int>(refined.size());
  double squares = 0;
  for (const LossRun& r : runs) {
    const double residual = std::log(predicted_loss(fit.law, r.params, r.tokens) / r.loss);
    squares += residual * residual;
  }
  fit.rms_log_residual = std::sqrt(squares / static_cast<double>(runs.size()));

  // Bootstrap as Besiroglu et al. 2024 did: refit each resample from the full-data optimum.
  const auto samples = static_cast<std::size_t>(std::max(options.bootstrap_samples, 0));
  if (samples == 0) return fit;
  std::vector<Vector> refits(samples);
  parallel_for(samples, thread_count(options, samples), [&](std::size_t s) {
    const std::vector<std::size_t> picks =
        resample(options.seed, static_cast<std::uint32_t>(s), logs.size());
    std::vector<LogRun> sample;
    sample.reserve(picks.size());
    for (std::size_t i : picks) sample.push_back(logs[i]);
    HuberObjective objective(sample, options.huber_delta);
    const Minimum m = minimize_from(objective, best.x);
    refits[s] = std::isfinite(m.value) ? m.x : best.x;
  });
  std::vector<double> e, a, b, alpha, beta;
  for (const Vector& x : refits) {
    const ScalingLaw law = law_from(x);
    e.push_back(law.e);
    a.push_back(law.a);
    b.push_back(law.b);
    alpha.push_back(law.alpha);
    beta.push_back(law.beta);
  }
  fit.bootstrap_samples = static_cast<int>(samples);
  fit.e = spread(std::move(e));
  fit.a = spread(std::move(a));
  fit.b = spread(std::move(b));
  fit.alpha = spread(std::move(alpha));
  fit.beta = spread(std::move(beta));
  return fit;
}

}  // namespace llmb
