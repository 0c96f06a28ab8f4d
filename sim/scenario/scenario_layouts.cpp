#include "sim/scenario/scenario_layouts.h"

#include <fmt/format.h>

#include "sim/input_error.h"

namespace llmb {

ClusterSpec scenario_cluster(const Scenario& scenario) {
  const ClusterSpec cluster = cluster_from_gpu(scenario.hardware, scenario.inputs.peak_flop_per_s,
                                               scenario.inputs.gpu_count);
  if (const std::string missing = missing_cluster_figure(cluster, scenario.hardware.name);
      !missing.empty())
    throw InputError(scenario.hardware_where, "hardware.gpu", missing, scenario.hardware.name);
  return cluster;
}

ScenarioLayouts study_layouts(const Scenario& scenario, const LayoutPins& pins, std::size_t top) {
  const SourceLoc file_start{scenario.file, 1, 1};
  if (!scenario.architecture)
    throw InputError(file_start, "model.architecture",
                     "missing: the layout search needs layers, hidden, heads, vocab, seq_len");
  const Architecture& arch = *scenario.architecture;
  ScenarioLayouts out;
  const ClusterSpec cluster = scenario_cluster(scenario);
  out.hardware_gpus = cluster.gpu_count;
  if (scenario.layout) {
    out.given = RankedLayout{*scenario.layout, {}};
    if (pins.global_batch > 0) out.given->layout.global_batch = pins.global_batch;
    out.given->result = evaluate_layout(arch, out.given->layout, cluster);
  }
  LayoutSearchOptions options;
  options.global_batch = pins.global_batch > 0 ? pins.global_batch
                         : scenario.layout     ? scenario.layout->global_batch
                                               : 0;
  if (options.global_batch <= 0)
    throw InputError(file_start, "training.layout.global_batch",
                     "missing: give --global-batch or training.layout.global_batch");
  options.precision_bytes = layout_precision_bytes(scenario.precision);
  options.carried = scenario.layout_settings;
  options.fixed_tp = pins.tp;
  options.fixed_pp = pins.pp;
  options.fixed_ep = pins.ep;
  options.fixed_interleave = pins.interleave;
  options.fixed_micro_batch = pins.micro_batch;
  options.fixed_zero = pins.zero;
  options.fixed_sequence_parallel = pins.sequence_parallel;
  options.fixed_recompute = pins.recompute;
  const LayoutSearchUpTo found = search_layouts_up_to(arch, cluster, options, top);
  out.search = found.search;
  out.cluster = cluster;
  out.cluster.gpu_count = found.gpus_used;
  if (found.search.best.empty())
    out.note = no_layout_reason(arch, cluster, options, found);
  else if (found.gpus_used < cluster.gpu_count)
    out.note = fmt::format(
        "no layout fits all {:g} GPUs; the layouts below run on {:g}, leaving {:g} idle",
        cluster.gpu_count, found.gpus_used, cluster.gpu_count - found.gpus_used);
  return out;
}

}  // namespace llmb
