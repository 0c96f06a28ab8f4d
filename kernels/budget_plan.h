// What a budget and a deadline buy: the largest training compute they allow on a cluster, the
// compute-optimal model for it under a scaling law (from a limited stock of unique data where
// one is given), and, given lifetime inference tokens, the model that reaches the same loss at
// the least training plus inference compute. Or, given a target loss, the cheapest run that
// reaches it. Costs come from evaluate_training(), so the plan prices a run exactly as `run`.
#pragma once

#include <cmath>

#include "kernels/data_constrained.h"
#include "kernels/hd.h"
#include "kernels/scaling_law.h"
#include "kernels/training_run.h"

namespace llmb {

// Which cost the budget pays.
inline constexpr double kPriceCloud = 0;      // rented GPU-hours
inline constexpr double kPriceAmortized = 1;  // owned cluster: value lost over the run plus energy

struct PlanInputs {
  // GPU figures, utilisation (MFU basis), power and prices, as for any training run; the plan
  // sets the parameters, tokens and GPU count.
  TrainingInputs cluster;
  ScalingLaw law;
  double budget_usd = 0;
  double deadline_s = 0;
  double max_gpus = 0;
  double gpus_per_server = 1;  // clusters come in whole servers
  double price_basis = kPriceCloud;
  double inference_tokens = 0;      // tokens served over the model's life; 0 for none
  double unique_tokens = HUGE_VAL;  // unique training tokens available; infinite for no limit
  // Dollars spent per dollar of the final run: 1 when the budget pays for the final run only,
  // the development multiplier (experiments, evaluations and failed runs included; Cottier et
  // al. 2024) when it pays for the whole development.
  double budget_multiplier = 1;
  double target_loss = 0;  // > 0: the cheapest run reaching this loss, instead of the budget's best
  // With the cluster's reliability on, each planned run gets its own checkpoint (bytes per
  // parameter of the planned model) and storage (bandwidth per GPU of the planned cluster); 0
  // keeps the cluster's stated aggregate (a checkpoint_size or bandwidth set by hand).
  double checkpoint_bytes_per_param = 0;
  double checkpoint_write_bytes_per_s_per_gpu = 0;
  double checkpoint_read_bytes_per_s_per_gpu = 0;
};

struct PlanOutputs {
  double deadline_flop = 0;        // what max_gpus deliver by the deadline
  double limited_by_deadline = 0;  // 1 when the deadline, not the budget, caps the compute
  ComputeOptimal optimum;          // at the planned compute (its loss with repeats counted)
  double gpu_count = 0;
  TrainingOutputs run;
  double cost_usd = 0;          // the final run, on the price basis
  double budget_spent_usd = 0;  // cost_usd x budget_multiplier: what the budget pays
  // The data: epochs over the unique tokens, what the repeated tokens are worth in fresh ones,
  // the loss the same compute would reach with unlimited and with twice the unique data, and
  // the best loss the unique data allows with any compute (all plain figures without a limit).
  double epochs = 0;
  double effective_tokens = 0;
  double unlimited_data_loss = 0;
  double doubled_data_loss = 0;
  double best_loss_from_data = 0;
  // Inference-aware sizing at the optimum's loss (when inference_tokens > 0).
  InferenceOptimal inference_aware;
  double inference_aware_gpu_count = 0;
  TrainingOutputs inference_aware_run;
  double compute_optimal_total_flop = 0;  // the compute-optimal model's training plus inference
  double inference_saving_fraction = 0;   // 1 - inference-aware total / compute-optimal total
};

// FLOPs one GPU delivers by the deadline: the definition of MFU, peak x MFU x time.
LLMB_HD inline double flop_per_gpu_by_deadline(const PlanInputs& in) {
  return in.cluster.peak_flop_per_s * in.cluster.mfu * in.deadline_s;
}

// The smallest whole-server cluster that finishes `flop` by the deadline at steady state (no
// interruptions), capped at max_gpus.
LLMB_HD inline double steady_gpu_count(const PlanInputs& in, double flop) {
  double servers = ceil(flop / flop_per_gpu_by_deadline(in) / in.gpus_per_server);
  if (servers < 1) servers = 1;
  return fmin(servers * in.gpus_per_server, in.max_gpus);
}

LLMB_HD inline TrainingOutputs plan_run(const PlanInputs& in, double params, double tokens,
                                        double gpu_count) {
  TrainingInputs run = in.cluster;
  run.params = params;
  run.flop_params = params;
  run.attention_layers = 0;  // the laws count 6 N D, without attention
  run.tokens = tokens;
  run.gpu_count = gpu_count;
  run.utilization_basis = kBasisMfu;
  if (in.checkpoint_bytes_per_param > 0)
    run.checkpoint_bytes = params * in.checkpoint_bytes_per_param;
  if (in.checkpoint_write_bytes_per_s_per_gpu > 0)
    run.checkpoint_write_bytes_per_s = gpu_count * in.checkpoint_write_bytes_per_s_per_gpu;
  if (in.checkpoint_read_bytes_per_s_per_gpu > 0)
    run.checkpoint_read_bytes_per_s = gpu_count * in.checkpoint_read_bytes_per_s_per_gpu;
  return evaluate_training(run);
}

// A whole number of servers, as GPUs, capped at max_gpus.
LLMB_HD inline double plan_servers_gpus(const PlanInputs& in, double servers) {
  return fmin(servers * in.gpus_per_server, in.max_gpus);
}

// The smallest whole-server cluster that trains `params` on `tokens` by the deadline, capped
// at max_gpus. With reliability on, the run takes longer than its compute (ETTR < 1) and ETTR
// falls as the cluster grows, so the steady-state count is only the lower end: the count is
// doubled until the run meets the deadline, then bisected in whole servers. Elapsed time falls
// with more GPUs only up to the goodput peak (GPUs x ETTR greatest); past it no cluster meets
// the deadline, and the count with the shortest run found is returned (the run is late).
// `flop` is the run's 6 N D as the law's optimum states it.
LLMB_HD inline double plan_gpu_count(const PlanInputs& in, double flop, double params,
                                     double tokens) {
  const double steady = steady_gpu_count(in, flop);
  if (!(in.cluster.reliability_enabled > 0)) return steady;
  double late_wall = plan_run(in, params, tokens, steady).wall_s;
  if (late_wall <= in.deadline_s) return steady;
  double late = ceil(steady / in.gpus_per_server);  // servers: too few
  double on_time = 0;                               // servers: enough (0: none found)
  const double max_servers = ceil(in.max_gpus / in.gpus_per_server);
  while (late < max_servers) {
    const double next = fmin(2 * late, max_servers);
    const double wall = plan_run(in, params, tokens, plan_servers_gpus(in, next)).wall_s;
    if (wall <= in.deadline_s) {
      on_time = next;
      break;
    }
    if (!(wall < late_wall)) break;  // past the goodput peak
    late = next;
    late_wall = wall;
  }
  if (!(on_time > 0)) return plan_servers_gpus(in, late);
  while (on_time - late > 1) {
    const double mid = floor(0.5 * (late + on_time));
    if (plan_run(in, params, tokens, plan_servers_gpus(in, mid)).wall_s <= in.deadline_s)
      on_time = mid;
    else
      late = mid;
  }
  return plan_servers_gpus(in, on_time);
}

LLMB_HD inline double plan_cost_usd(const PlanInputs& in, const TrainingOutputs& out) {
  return in.price_basis == kPriceAmortized ? out.cost_amortized_usd : out.cost_cloud_usd;
}

// The lowest-loss model for `flop` under the plan's law and data.
LLMB_HD inline ComputeOptimal plan_optimum(const PlanInputs& in, double flop) {
  return data_constrained_optimal(in.law, flop, in.unique_tokens);
}

// What the budget pays for the compute-optimal run at `flop` on the smallest cluster that
// meets the deadline. Non-decreasing in flop: more compute never needs fewer GPUs, and
// neither costs less.
LLMB_HD inline double plan_cost_at(const PlanInputs& in, double flop) {
  const ComputeOptimal opt = plan_optimum(in, flop);
  return in.budget_multiplier *
         plan_cost_usd(in, plan_run(in, opt.params, opt.tokens,
                                    plan_gpu_count(in, flop, opt.params, opt.tokens)));
}

// Whether the compute-optimal run at `flop` can finish by the deadline on at most max_gpus.
LLMB_HD inline bool plan_meets_deadline(const PlanInputs& in, double flop) {
  const ComputeOptimal opt = plan_optimum(in, flop);
  return plan_run(in, opt.params, opt.tokens, plan_gpu_count(in, flop, opt.params, opt.tokens))
             .wall_s <= in.deadline_s;
}

// The most compute max_gpus can finish by the deadline: peak x MFU x time per GPU at steady
// state; with reliability on, less by the losses, found by bisection on log compute below the
// steady-state figure (meeting the deadline is monotone in compute: more compute is never
// faster). 200 halvings reach the resolution of a double.
LLMB_HD inline double plan_deadline_flop(const PlanInputs& in) {
  const double steady = in.max_gpus * flop_per_gpu_by_deadline(in);
  if (!(in.cluster.reliability_enabled > 0) || plan_meets_deadline(in, steady)) return steady;
  double lo = 0;
  double hi = log(steady);
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (plan_meets_deadline(in, exp(mid)))
      lo = mid;
    else
      hi = mid;
  }
  return exp(lo);
}

// The largest compute the budget and the deadline allow.
LLMB_HD inline double plan_budget_flop(const PlanInputs& in, PlanOutputs& out) {
  double flop = out.deadline_flop;
  if (plan_cost_at(in, flop) <= in.budget_usd) {
    out.limited_by_deadline = 1;
  } else {
    // Bisection on log compute between 1 FLOP and the deadline's limit; the lower end stays
    // affordable. 200 halvings reach the resolution of a double.
    double lo = 0;
    double hi = log(out.deadline_flop);
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break;
      if (plan_cost_at(in, exp(mid)) <= in.budget_usd)
        lo = mid;
      else
        hi = mid;
    }
    flop = exp(lo);
  }
  return flop;
}

// The compute-optimal model that reaches the target loss: the cheapest in training compute,
// hence in GPU-hours and dollars on a given cluster.
LLMB_HD inline ComputeOptimal plan_target_optimum(const PlanInputs& in) {
  const InferenceOptimal cheapest = cheapest_for_loss(in.law, in.target_loss, 0, in.unique_tokens);
  ComputeOptimal opt;
  opt.flop = cheapest.training_flop;
  opt.params = cheapest.params;
  opt.tokens = cheapest.tokens;
  opt.loss = in.target_loss;
  opt.tokens_per_param = opt.params > 0 ? opt.tokens / opt.params : 0;
  return opt;
}

LLMB_HD inline PlanOutputs plan_budget(const PlanInputs& in) {
  PlanOutputs out;
  out.deadline_flop = plan_deadline_flop(in);
  if (in.target_loss > 0) {
    out.optimum = plan_target_optimum(in);
    if (!(out.optimum.params > 0)) return out;  // the target is out of reach
  } else {
    out.optimum = plan_optimum(in, plan_budget_flop(in, out));
  }
  const double flop = out.optimum.flop;
  out.gpu_count = plan_gpu_count(in, flop, out.optimum.params, out.optimum.tokens);
  out.run = plan_run(in, out.optimum.params, out.optimum.tokens, out.gpu_count);
  out.cost_usd = plan_cost_usd(in, out.run);
  out.budget_spent_usd = in.budget_multiplier * out.cost_usd;

  const double unique = in.unique_tokens;
  const bool limited = unique < HUGE_VAL;
  out.epochs = limited ? out.optimum.tokens / unique : 1.0;
  out.effective_tokens = effective_tokens(in.law, out.optimum.tokens, unique);
  out.unlimited_data_loss = compute_optimal(in.law, flop).loss;
  out.doubled_data_loss =
      limited ? data_constrained_optimal(in.law, flop, 2 * unique).loss : out.optimum.loss;
  out.best_loss_from_data = best_loss_from(in.law, unique);

  if (in.inference_tokens > 0) {
    out.inference_aware =
        cheapest_for_loss(in.law, out.optimum.loss, in.inference_tokens, in.unique_tokens);
    out.inference_aware_gpu_count =
        plan_gpu_count(in, out.inference_aware.training_flop, out.inference_aware.params,
                       out.inference_aware.tokens);
    out.inference_aware_run = plan_run(in, out.inference_aware.params, out.inference_aware.tokens,
                                       out.inference_aware_gpu_count);
    out.compute_optimal_total_flop =
        out.optimum.flop + inference_flop(out.optimum.params, in.inference_tokens);
    out.inference_saving_fraction =
        1.0 - out.inference_aware.total_flop / out.compute_optimal_total_flop;
  }
  return out;
}

}  // namespace llmb
