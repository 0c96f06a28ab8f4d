// A training scenario after loading: units resolved, catalog values and defaults filled in,
// every number in base units and ready for evaluate_training().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernels/layout.h"
#include "kernels/training_run.h"
#include "sim/catalog/gpu_spec.h"
#include "sim/input_error.h"
#include "sim/schema/claim_spec.h"

namespace llmb {

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::string source;
  GpuSpec hardware;          // the catalog GPU (hardware.name), with the scenario's overrides
  SourceLoc hardware_where;  // hardware.gpu, for errors about the cluster
  std::string precision;     // the peak used: "bf16"
  std::string recompute;     // none, selective, full
  std::string basis;         // mfu, throughput, duration
  TrainingInputs inputs;
  std::optional<Architecture> architecture;  // when the model gave one
  std::optional<Layout> layout;              // training.layout, given or the best found
  Layout layout_settings;  // what every layout carries: fp8, load imbalance, overlap fractions
  std::optional<LayoutResult> layout_result;  // its memory and step time, when the run uses it
  double layout_gpus = 0;     // GPUs the layout runs on: hardware.count, or fewer with layout: best
  double restart_spread = 0;  // training.reliability.restart_spread, for the Monte Carlo
  std::vector<ClaimSpec> claims;
};

}  // namespace llmb
