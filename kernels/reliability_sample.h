// One draw of a run's interruption process, the process whose expected values
// kernels/reliability.h gives in closed form: interruptions arrive as a Poisson process while
// the job runs, the job loses the work since its last durable checkpoint, then is down for a
// log-normal time whose mean is detection + restart + reload. Philox keyed on (seed, sample,
// stream, event), so a sample is a pure function of its index: the same on any thread count.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/hd.h"
#include "kernels/random_draw.h"
#include "kernels/reliability.h"

namespace llmb {

// The Philox input word for interruption draws; sweeps number their random inputs from 0, and
// a run's reliability samples are never mixed with them.
inline constexpr std::uint32_t kReliabilityStream = 0x52454C49;  // "RELI"

struct ReliabilitySample {
  double elapsed_s = 0;
  double interruptions = 0;
  double lost_rework_s = 0;
  double lost_checkpoint_s = 0;
  double lost_restart_s = 0;
};

// A run of `productive_s` of compute, interrupted. `restart_spread` is the sigma of the
// logarithm of the downtime. Needs lambda > 0 and rework per interruption below the MTBF (the
// loader's check), else it may not finish.
LLMB_HD inline ReliabilitySample sample_reliability(const ReliabilityInputs& r, double gpu_count,
                                                    double productive_s, double restart_spread,
                                                    std::uint64_t seed, std::uint64_t sample) {
  ReliabilitySample out;
  const double lambda = interruption_rate_per_s(r, gpu_count);
  const double tau = checkpoint_interval_used_s(r, 1.0 / lambda);
  const double blocked = checkpoint_blocked_s(r);
  const double cycle = tau + blocked;
  const double lag = durability_lag_s(r);
  const double downtime_mean = downtime_per_interruption_s(r);
  // A log-normal with this mean: median = mean x exp(-sigma^2 / 2).
  const double log_median = log(downtime_mean) - 0.5 * restart_spread * restart_spread;

  double remaining = productive_s;
  for (std::uint32_t event = 0;; ++event) {
    // Running time to finish from here, with a checkpoint after every full interval.
    const double checkpoints_left = floor(remaining / tau);
    const double to_finish = remaining + checkpoints_left * blocked;
    const double arrival = -log(unit_pair(seed, sample, kReliabilityStream, 2 * event).u0) / lambda;
    if (arrival >= to_finish) {
      out.elapsed_s += to_finish;
      out.lost_checkpoint_s += checkpoints_left * blocked;
      return out;
    }
    // Cycles whose checkpoint became durable before the interruption.
    const double kept = arrival >= lag ? floor((arrival - lag) / cycle) : 0.0;
    remaining -= kept * tau;
    out.lost_checkpoint_s += kept * blocked;
    out.lost_rework_s += arrival - kept * cycle;
    const double z = standard_normal(seed, sample, kReliabilityStream, 2 * event + 1);
    const double downtime = downtime_mean > 0 ? exp(log_median + restart_spread * z) : 0.0;
    out.lost_restart_s += downtime;
    out.elapsed_s += arrival + downtime;
    out.interruptions += 1;
  }
}

}  // namespace llmb
