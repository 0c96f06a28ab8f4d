// Enumerates the parallel layouts of a transformer (dense or mixture of experts) on a cluster
// and ranks those that fit in memory by step time (kernels/layout.h evaluates each).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kernels/layout.h"
#include "sim/catalog/gpu_spec.h"

namespace llmb {

// The cluster from a GPU's figures (the catalog's, with a scenario's overrides): peak at the
// run's precision, HBM, NVLink (the datasheet's total over both directions, halved), GPUs per
// server, the network between servers per GPU (0 where the catalog lists none) and
// kNetworkLatencyS.
ClusterSpec cluster_from_gpu(const GpuSpec& gpu, double peak_flop_per_s, double gpu_count);

// Why a layout cannot be evaluated on `cluster`, or empty: a cluster beyond one server needs
// the network between servers.
std::string missing_cluster_figure(const ClusterSpec& cluster, const std::string& gpu_name);

// Bytes per value of weights, gradients and activations at a run's precision: 4 for fp32 and
// tf32, 2 otherwise (bf16 and fp16; an FP8 run keeps 16-bit copies and sets Layout::fp8).
double layout_precision_bytes(const std::string& precision);

// What to enumerate. A fixed_* of 0 searches that axis; any other value pins it.
struct LayoutSearchOptions {
  double global_batch = 0;  // sequences per step
  double precision_bytes = 2;
  std::vector<double> micro_batches{1, 2, 4, 8};
  double fixed_tp = 0;
  double fixed_pp = 0;
  double fixed_interleave = 0;
  double fixed_micro_batch = 0;
  double fixed_zero = -1;               // -1 searches 0..3
  double fixed_recompute = -1;          // -1 searches none, selective, full
  double fixed_sequence_parallel = -1;  // -1 searches off and on
  double fixed_ep = 0;                  // 0 searches the expert-parallel sizes
  // Carried into every layout: FP8 linear layers, the load imbalance, the overlap fractions.
  Layout carried;
};

struct RankedLayout {
  Layout layout;
  LayoutResult result;
};

struct LayoutSearch {
  std::vector<RankedLayout> best;  // fitting layouts, fastest first, at most top_k
  std::size_t visited = 0;         // layouts evaluate_layout was called on, valid or not
  std::size_t evaluated = 0;       // valid layouts evaluated
  std::size_t fitting = 0;
  double least_bytes = 0;  // the smallest memory per GPU of a valid layout (0: none valid)
};

// The search at the cluster's GPU count, and where nothing fits there, at whole servers fewer
// (down to kMaxIdleServersTried servers fewer): real clusters leave a few GPUs idle when
// their count has awkward factors. `gpus_used` is the count the best layouts run on.
inline constexpr int kMaxIdleServersTried = 64;
struct LayoutSearchUpTo {
  LayoutSearch search;  // at gpus_used, or at the full count when nothing fits anywhere
  double gpus_used = 0;
  double nearest_valid_gpus = 0;  // the largest count tried with a valid layout (0: none)
};
LayoutSearchUpTo search_layouts_up_to(const Architecture& arch, const ClusterSpec& cluster,
                                      const LayoutSearchOptions& options, std::size_t top_k);

// One line saying why no layout was found, for an input error: what eliminated the candidates
// (divisibility or memory) and the nearest GPU counts and batch sizes that work.
std::string no_layout_reason(const Architecture& arch, const ClusterSpec& cluster,
                             const LayoutSearchOptions& options, const LayoutSearchUpTo& found);

LayoutSearch search_layouts(const Architecture& arch, const ClusterSpec& cluster,
                            const LayoutSearchOptions& options, std::size_t top_k);

}  // namespace llmb
