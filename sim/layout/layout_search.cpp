#include "sim/layout/layout_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace llmb {

ClusterSpec cluster_from_gpu(const GpuSpec& gpu, double peak_flop_per_s, double gpu_count) {
  ClusterSpec c;
  c.gpu_count = gpu_count;
  c.peak_flop_per_s = peak_flop_per_s;
  c.hbm_bytes = gpu.memory ? gpu.memory->value : 0;
  c.hbm_bytes_per_s = gpu.memory_bandwidth ? gpu.memory_bandwidth->value : 0;
  c.gpus_per_node = gpu.gpus_per_server ? gpu.gpus_per_server->value : 1;
  // The datasheets list NVLink as the total of both directions.
  c.nvlink_bytes_per_s = gpu.nvlink_bandwidth ? gpu.nvlink_bandwidth->value / 2.0 : 0;
  c.network_bytes_per_s = gpu.network_bandwidth ? gpu.network_bandwidth->value : 0;
  c.network_latency_s = kNetworkLatencyS;
  // Above the 16-bit peak (an FP8 run), attention, the router and the logits stay at bf16's.
  for (const char* sixteen : {"bf16", "fp16"}) {
    const auto it = gpu.peak.find(sixteen);
    if (it == gpu.peak.end()) continue;
    if (peak_flop_per_s > it->second.value) c.bf16_peak_flop_per_s = it->second.value;
    break;
  }
  return c;
}

double layout_precision_bytes(const std::string& precision) {
  return precision == "fp32" || precision == "tf32" ? 4 : 2;
}

std::string missing_cluster_figure(const ClusterSpec& cluster, const std::string& gpu_name) {
  if (cluster.gpu_count <= cluster.gpus_per_node || cluster.network_bytes_per_s > 0) return {};
  return fmt::format(
      "{:g} GPUs span more than one server, and the catalog lists no network between {} "
      "servers; set hardware.network_bandwidth (per GPU, each direction, e.g. 50 GB/s for one "
      "400 Gb/s adapter per GPU)",
      cluster.gpu_count, gpu_name);
}

namespace {

std::vector<double> divisors_up_to(double n, double limit) {
  std::vector<double> out;
  for (double d = 1; d <= n && d <= limit; ++d)
    if (std::fmod(n, d) == 0) out.push_back(d);
  return out;
}

std::vector<double> axis(double fixed, std::vector<double> all) {
  if (fixed > 0) return {fixed};
  return all;
}

std::vector<double> choice(double fixed, std::vector<double> all) {
  if (fixed >= 0) return {fixed};
  return all;
}

bool faster(const RankedLayout& x, const RankedLayout& y) {
  if (x.result.step_time_s != y.result.step_time_s)
    return x.result.step_time_s < y.result.step_time_s;
  return x.result.total_bytes < y.result.total_bytes;
}

}  // namespace

LayoutSearch search_layouts(const Architecture& arch, const ClusterSpec& cluster,
                            const LayoutSearchOptions& options, std::size_t top_k) {
  LayoutSearch search;
  std::vector<RankedLayout> fitting;
  const auto tps = axis(options.fixed_tp, divisors_up_to(arch.heads, cluster.gpus_per_node));
  const auto micro = axis(options.fixed_micro_batch, options.micro_batches);
  const auto zeros = choice(options.fixed_zero, {0, 1, 2, 3});
  const auto recomputes =
      choice(options.fixed_recompute, {kRecomputeNone, kRecomputeSelective, kRecomputeFull});
  for (double tp : tps) {
    if (std::fmod(cluster.gpu_count, tp) != 0) continue;
    const auto sps = choice(options.fixed_sequence_parallel,
                            tp > 1 ? std::vector<double>{0, 1} : std::vector<double>{0});
    // Any stage count up to the layers: uneven stages hold floor or ceil of layers / p.
    std::vector<double> pps;
    for (double pp = 1; pp <= arch.layers && pp <= cluster.gpu_count / tp; ++pp)
      if (std::fmod(cluster.gpu_count, tp * pp) == 0) pps.push_back(pp);
    for (double pp : axis(options.fixed_pp, pps)) {
      if (std::fmod(cluster.gpu_count, tp * pp) != 0) continue;
      const double dp = cluster.gpu_count / (tp * pp);
      const bool even = std::fmod(arch.layers, pp) == 0;
      const auto vs = axis(
          options.fixed_interleave,
          pp > 1 && even ? divisors_up_to(arch.layers / pp, arch.layers) : std::vector<double>{1});
      std::vector<double> eps{1};
      if (is_moe(arch)) {
        eps.clear();
        for (double ep : divisors_up_to(arch.experts, dp))
          if (std::fmod(dp, ep) == 0) eps.push_back(ep);
      }
      for (double ep : axis(options.fixed_ep, eps))
        for (double v : vs)
          for (double b : micro)
            for (double sp : sps)
              for (double zero : zeros)
                for (double recompute : recomputes) {
                  Layout l = options.carried;
                  l.tp = tp;
                  l.pp = pp;
                  l.dp = dp;
                  l.ep = ep;
                  l.interleave = v;
                  l.micro_batch = b;
                  l.global_batch = options.global_batch;
                  l.sequence_parallel = sp;
                  l.zero = zero;
                  l.recompute = recompute;
                  l.precision_bytes = options.precision_bytes;
                  const LayoutResult r = evaluate_layout(arch, l, cluster);
                  ++search.visited;
                  if (r.valid <= 0) continue;
                  ++search.evaluated;
                  if (search.least_bytes == 0 || r.total_bytes < search.least_bytes)
                    search.least_bytes = r.total_bytes;
                  if (r.fits <= 0) continue;
                  ++search.fitting;
                  fitting.push_back({l, r});
                }
    }
  }
  const std::size_t k = std::min(top_k, fitting.size());
  std::partial_sort(fitting.begin(), fitting.begin() + static_cast<std::ptrdiff_t>(k),
                    fitting.end(), faster);
  fitting.resize(k);
  search.best = std::move(fitting);
  return search;
}

LayoutSearchUpTo search_layouts_up_to(const Architecture& arch, const ClusterSpec& cluster,
                                      const LayoutSearchOptions& options, std::size_t top_k) {
  LayoutSearchUpTo out;
  out.search = search_layouts(arch, cluster, options, top_k);
  out.gpus_used = cluster.gpu_count;
  if (out.search.evaluated > 0) out.nearest_valid_gpus = cluster.gpu_count;
  if (!out.search.best.empty()) return out;
  const double per_server = cluster.gpus_per_node;
  double count = std::floor(cluster.gpu_count / per_server) * per_server;
  if (count == cluster.gpu_count) count -= per_server;
  for (int tried = 0; tried < kMaxIdleServersTried && count >= 1; ++tried, count -= per_server) {
    ClusterSpec fewer = cluster;
    fewer.gpu_count = count;
    LayoutSearch search = search_layouts(arch, fewer, options, top_k);
    if (search.evaluated > 0 && out.nearest_valid_gpus == 0) out.nearest_valid_gpus = count;
    if (search.best.empty()) continue;
    out.search = std::move(search);
    out.gpus_used = count;
    return out;
  }
  return out;
}

std::string no_layout_reason(const Architecture& arch, const ClusterSpec& cluster,
                             const LayoutSearchOptions& options, const LayoutSearchUpTo& found) {
  if (found.search.evaluated > 0)
    return fmt::format(
        "no layout on {:g} GPUs fits in memory: the {} valid layouts need {:.1f} GB per GPU at "
        "least, above the GPU's {:.1f} GB; more GPUs (for ZeRO, pipeline or expert splits) or a "
        "GPU with more memory would",
        cluster.gpu_count, found.search.evaluated, found.search.least_bytes / 1e9,
        cluster.hbm_bytes / 1e9);
  // Nothing divided: tp x pp x dp = GPUs with b x dp dividing the batch. The batch sizes that
  // work here are multiples of a data-parallel size the count admits; name the nearest.
  double nearest_batch = 0;
  for (double tp = 1; tp <= cluster.gpus_per_node; ++tp)
    for (double pp = 1; pp <= arch.layers; ++pp) {
      if (std::fmod(cluster.gpu_count, tp * pp) != 0 || std::fmod(arch.heads, tp) != 0) continue;
      const double dp = cluster.gpu_count / (tp * pp);
      const double up = std::ceil(options.global_batch / dp) * dp;
      if (nearest_batch == 0 ||
          std::fabs(up - options.global_batch) < std::fabs(nearest_batch - options.global_batch))
        nearest_batch = up;
    }
  std::string text = fmt::format(
      "no layout divides the model, the batch and the GPUs: tp x pp x dp must equal {:g} with "
      "micro-batch x dp dividing global_batch {:g}",
      cluster.gpu_count, options.global_batch);
  if (found.nearest_valid_gpus > 0)
    text += fmt::format("; {:g} GPUs admit one (nothing fits there)", found.nearest_valid_gpus);
  if (nearest_batch > 0) text += fmt::format("; global_batch {:g} would divide", nearest_batch);
  return text;
}

}  // namespace llmb
