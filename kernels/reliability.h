// Failures, checkpoints and restarts: how much longer a run takes than its steady-state compute
// time, in expected values (closed form). Plain doubles in base units (s, bytes, bytes/s); no
// strings, no throws. training_run.h applies it inside evaluate_training(), so every consumer
// (run, claims, sweeps, the CUDA backend) gets the same numbers.
//
// The model (Young 1974; Daly 2006; Kokolis et al. 2024 estimate ETTR the same way, from the
// restart overhead and the work lost since the last checkpoint):
//   rate       lambda = nodes x failures per node-second x share that stops the job
//                       + planned interruptions per second, while the job runs;  MTBF M = 1/lambda
//   blocked    delta  = checkpoint write time (synchronous), or the stall of an asynchronous
//                       checkpoint (the copy out of GPU memory; the write continues behind it)
//   interval   tau    = compute time between checkpoints: given, or Young's sqrt(2 delta M);
//                       never shorter than the write. A cycle is c = tau + delta of running.
//   rework     per interruption: the mean time into a cycle at which a Poisson interruption
//              strikes, 1/lambda - c / (e^(lambda c) - 1), which is c/2 to first order (Young's
//              assumption); plus, when asynchronous, the time the last checkpoint still takes
//              to become durable (write - delta)
//   downtime   D per interruption: detection + restart + reading the checkpoint back
//   running    R = P (1 + delta / tau) / (1 - lambda x rework), for productive time P; with the
//              exact rework this is the renewal result, (e^(lambda c) - 1) / lambda per cycle
//   elapsed    T = R (1 + lambda D);  interruptions lambda R;  ETTR = P / T
// The Monte Carlo (kernels/reliability_sample.h) simulates exactly this process.
#pragma once

#include <cmath>

#include "kernels/hd.h"

namespace llmb {

struct ReliabilityInputs {
  double enabled = 0;                // 0: the cluster never stops (T = P exactly)
  double gpus_per_node = 0;          // a failure takes out a node
  double failures_per_node_s = 0;    // all failures, per node-second
  double stop_fraction = 0;          // share of them that interrupts the job
  double planned_per_s = 0;          // planned interruptions (maintenance), per second
  double detect_s = 0;               // from failure to the restart starting
  double restart_s = 0;              // rescheduling, process start, warm-up (reload apart)
  double checkpoint_interval_s = 0;  // compute time between checkpoints; 0: Young's optimum
  double checkpoint_bytes = 0;       // the whole job's checkpoint (weights + optimizer state)
  double write_bytes_per_s = 0;      // aggregate storage bandwidth, writing
  double read_bytes_per_s = 0;       // and reading back on restart
  double checkpoint_async = 0;       // 1: the job blocks only for async_stall_s
  double async_stall_s = 0;          // blocked time of an asynchronous checkpoint
};

struct ReliabilityOutputs {
  double interruptions = 0;          // expected over the run
  double mtbf_s = 0;                 // the job's mean time between interruptions (0: none)
  double ettr = 1;                   // productive time / elapsed time
  double checkpoint_interval_s = 0;  // the interval used (0: no interruptions, no checkpoints)
  double checkpoint_write_s = 0;
  double best_interval_s = 0;             // the interval that maximises ETTR in this model
  double collapse_write_bytes_per_s = 0;  // below it a checkpoint outlasts the MTBF
  double elapsed_s = 0;
  double lost_rework_s = 0;      // work redone after interruptions
  double lost_checkpoint_s = 0;  // blocked writing checkpoints
  double lost_restart_s = 0;     // detection, restart and reload
};

LLMB_HD inline double interruption_rate_per_s(const ReliabilityInputs& r, double gpu_count) {
  return gpu_count / r.gpus_per_node * r.failures_per_node_s * r.stop_fraction + r.planned_per_s;
}

// Young 1974: the checkpoint interval that minimises lost time to first order.
LLMB_HD inline double young_interval_s(double blocked_s, double mtbf_s) {
  return sqrt(2.0 * blocked_s * mtbf_s);
}

// The mean time into a cycle of `cycle_s` at which an interruption of rate `lambda` strikes,
// given that it strikes within the cycle: 1/lambda - c / (e^(lambda c) - 1). Below
// lambda c = 1e-3 its series c (1/2 - x/12 + x^3/720), which avoids the difference of two
// nearly equal numbers and agrees to double precision there.
LLMB_HD inline double mean_strike_in_cycle_s(double cycle_s, double lambda) {
  const double x = lambda * cycle_s;
  if (x < 1e-3) return cycle_s * (0.5 - x / 12.0 + x * x * x / 720.0);
  return 1.0 / lambda - cycle_s / expm1(x);
}

// The interval that maximises ETTR (synchronous or not, ignoring the durability lag): ETTR is
// proportional to tau / (e^(lambda (tau + delta)) - 1), greatest where
// e^(lambda (tau + delta)) (1 - lambda tau) = 1, the equation whose Lambert-W solution is Daly
// 2006's higher-order optimum. The left side falls strictly from e^(lambda delta) at tau = 0 to
// 0 at tau = M, so bisection (64 halvings, to double precision) finds the one root.
LLMB_HD inline double best_interval_s(double blocked_s, double lambda) {
  double low = 0, high = 1.0 / lambda;
  for (int i = 0; i < 64; ++i) {
    const double tau = 0.5 * (low + high);
    const double y = lambda * tau;
    // e^(lambda u)(1 - y) - 1, written with expm1 so that it keeps its digits for small y.
    const double excess = expm1(lambda * (tau + blocked_s)) * (1.0 - y) - y;
    if (excess > 0)
      low = tau;
    else
      high = tau;
  }
  return 0.5 * (low + high);
}

// Per interruption: the downtime (detect, restart, reload) and the expected rework.
LLMB_HD inline double downtime_per_interruption_s(const ReliabilityInputs& r) {
  return r.detect_s + r.restart_s + r.checkpoint_bytes / r.read_bytes_per_s;
}

LLMB_HD inline double checkpoint_write_s(const ReliabilityInputs& r) {
  return r.checkpoint_bytes / r.write_bytes_per_s;
}

LLMB_HD inline double checkpoint_blocked_s(const ReliabilityInputs& r) {
  return r.checkpoint_async > 0 ? r.async_stall_s : checkpoint_write_s(r);
}

// The interval used: given, or Young's; at least the write time, since a checkpoint cannot start
// before the previous one is written.
LLMB_HD inline double checkpoint_interval_used_s(const ReliabilityInputs& r, double mtbf_s) {
  const double tau = r.checkpoint_interval_s > 0
                         ? r.checkpoint_interval_s
                         : young_interval_s(checkpoint_blocked_s(r), mtbf_s);
  return fmax(tau, checkpoint_write_s(r));
}

// How long after its cycle ends a checkpoint becomes durable: zero when synchronous (the job
// waited for the write), the rest of the write when asynchronous.
LLMB_HD inline double durability_lag_s(const ReliabilityInputs& r) {
  return r.checkpoint_async > 0 ? fmax(checkpoint_write_s(r) - r.async_stall_s, 0.0) : 0.0;
}

LLMB_HD inline double rework_per_interruption_s(const ReliabilityInputs& r, double interval_s,
                                                double lambda) {
  return mean_strike_in_cycle_s(interval_s + checkpoint_blocked_s(r), lambda) + durability_lag_s(r);
}

// The run with its losses. `time_s` is the productive (steady-state) time, or, when
// `time_is_elapsed`, the stated wall-clock time the losses are part of. Returns elapsed_s
// infinite when interruptions leave no progress (the rework per interruption reaches the
// MTBF, possible only through the asynchronous lag); the loader rejects runs of over 100 years.
LLMB_HD inline ReliabilityOutputs evaluate_reliability(const ReliabilityInputs& r, double gpu_count,
                                                       double time_s, bool time_is_elapsed) {
  ReliabilityOutputs out;
  out.elapsed_s = time_s;
  if (!(r.enabled > 0)) return out;
  const double lambda = interruption_rate_per_s(r, gpu_count);
  out.checkpoint_write_s = checkpoint_write_s(r);
  if (!(lambda > 0)) return out;  // nothing interrupts the job: no checkpoints are needed

  out.mtbf_s = 1.0 / lambda;
  const double blocked = checkpoint_blocked_s(r);
  const double downtime = downtime_per_interruption_s(r);
  const double tau = checkpoint_interval_used_s(r, out.mtbf_s);
  const double rework = rework_per_interruption_s(r, tau, lambda);
  out.checkpoint_interval_s = tau;
  out.best_interval_s = fmax(best_interval_s(blocked, lambda), out.checkpoint_write_s);
  out.collapse_write_bytes_per_s = r.checkpoint_bytes / out.mtbf_s;

  const double progress_share = 1.0 - lambda * rework;     // of running time kept
  const double checkpoint_factor = 1.0 + blocked / tau;    // running time per productive second
  const double downtime_factor = 1.0 + lambda * downtime;  // elapsed time per running second
  out.ettr = progress_share > 0 ? progress_share / (checkpoint_factor * downtime_factor) : 0.0;
  double running = 0;
  if (time_is_elapsed) {
    running = time_s / downtime_factor;
  } else {
    running = progress_share > 0 ? time_s * checkpoint_factor / progress_share : INFINITY;
    out.elapsed_s = running * downtime_factor;
  }
  const double productive = running * progress_share / checkpoint_factor;
  out.interruptions = lambda * running;
  out.lost_checkpoint_s = productive * (checkpoint_factor - 1.0);
  out.lost_rework_s = out.interruptions * rework;
  out.lost_restart_s = out.interruptions * downtime;
  return out;
}

}  // namespace llmb
