// The layouts of a loaded scenario's model on its cluster: the scenario's own layout evaluated,
// and the fastest found with what the user pinned. What `layout` reports.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "sim/layout/layout_search.h"
#include "sim/scenario/scenario.h"

namespace llmb {

// What the user pinned. A degree or batch of 0 searches that axis (or, for the batch, takes
// training.layout.global_batch); -1 searches the ZeRO stage, sequence parallelism and
// recomputation.
struct LayoutPins {
  double global_batch = 0;
  double tp = 0;
  double pp = 0;
  double ep = 0;
  double interleave = 0;
  double micro_batch = 0;
  double zero = -1;
  double sequence_parallel = -1;
  double recompute = -1;
};

struct ScenarioLayouts {
  std::optional<RankedLayout> given;  // training.layout, evaluated at the pinned batch
  LayoutSearch search;                // the fastest fitting layouts, at most `top`
  ClusterSpec cluster;                // at the GPU count the ranked layouts run on
  double hardware_gpus = 0;           // hardware.count
  // Why nothing was found (what eliminated the candidates), or how many GPUs the ranked
  // layouts leave idle; empty when they use them all.
  std::string note;
};

// The scenario's cluster: the catalog GPU with its overrides, at hardware.count. Throws an
// InputError at hardware.gpu when a figure the layout model needs is missing.
ClusterSpec scenario_cluster(const Scenario& scenario);

// Throws an InputError when the scenario has no model.architecture or no global batch.
ScenarioLayouts study_layouts(const Scenario& scenario, const LayoutPins& pins, std::size_t top);

}  // namespace llmb
