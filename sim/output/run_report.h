// One scenario's results as a terminal table, JSON or CSV.
#pragma once

#include <string>

#include "kernels/training_run.h"
#include "sim/reliability/reliability_monte_carlo.h"
#include "sim/scenario/scenario.h"
#include "sim/schema/format.h"

namespace llmb {

// `sampled`, when given, adds the Monte Carlo of the interruption process (JSON and table; the
// CSV row keeps to the closed-form outputs).
std::string render_run(const Scenario& scenario, const TrainingOutputs& outputs, Format format,
                       const ReliabilityMonteCarlo* sampled = nullptr);

}  // namespace llmb
