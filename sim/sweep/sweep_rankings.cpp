#include "sim/sweep/sweep_rankings.h"

#include <algorithm>
#include <cmath>

#include "kernels/sweep_point.h"

namespace llmb {

void keep_best(std::vector<RankedPoint>& points, std::size_t k, bool highest) {
  const RanksBefore order{highest};
  if (points.size() > k) {
    std::partial_sort(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(k), points.end(),
                      order);
    points.resize(k);
  } else {
    std::sort(points.begin(), points.end(), order);
  }
}

void keep_front(std::vector<ParetoPoint>& points) {
  std::sort(points.begin(), points.end(), ParetoOrder{});
  std::vector<ParetoPoint> front;
  double best_cost = INFINITY;
  for (const auto& p : points) {
    if (p.cost < best_cost) {
      front.push_back(p);
      best_cost = p.cost;
    }
  }
  points.swap(front);
}

void rank_point(const SummaryOptions& options, const TrainingOutputs& out, std::uint64_t index,
                ChunkRankings& rankings) {
  if (options.top_k > 0) {
    const double v = output_field(out, options.top_output);
    if (!std::isnan(v)) rankings.top.push_back({v, index});
    if (rankings.top.size() >= 4 * static_cast<std::size_t>(options.top_k))
      keep_best(rankings.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  }
  if (options.pareto)
    rankings.pareto.push_back({out.wall_s, output_field(out, options.pareto_cost_output), index});
}

void finish_rankings(const SummaryOptions& options, std::vector<ChunkRankings>& chunks,
                     SweepSummary& summary) {
  for (auto& chunk : chunks) {
    summary.top.insert(summary.top.end(), chunk.top.begin(), chunk.top.end());
    summary.pareto.insert(summary.pareto.end(), chunk.pareto.begin(), chunk.pareto.end());
  }
  if (options.top_k > 0)
    keep_best(summary.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  if (options.pareto) keep_front(summary.pareto);
}

void finish_chunk_rankings(const SummaryOptions& options, ChunkRankings& rankings) {
  if (options.top_k > 0)
    keep_best(rankings.top, static_cast<std::size_t>(options.top_k), options.top_highest);
  if (options.pareto) keep_front(rankings.pareto);
}

}  // namespace llmb
