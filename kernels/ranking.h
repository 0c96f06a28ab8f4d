// Rankings of sweep points that both backends compute: the best points by one output
// (--top K --by KEY) and the Pareto front of a cost against wall time (--pareto). The orders are
// total (ties broken by index), so any split of the points into chunks or batches, on either
// device, finds the same points.
#pragma once

#include <cstdint>

#include "kernels/hd.h"

namespace llmb {

struct RankedPoint {
  double value = 0;
  std::uint64_t index = 0;
};

struct ParetoPoint {
  double wall_s = 0;
  double cost = 0;
  std::uint64_t index = 0;
};

// Best first: by value, highest or lowest first, then by index.
struct RanksBefore {
  bool highest = false;
  LLMB_HD bool operator()(const RankedPoint& a, const RankedPoint& b) const {
    if (a.value != b.value) return highest ? a.value > b.value : a.value < b.value;
    return a.index < b.index;
  }
};

// By wall time, then cost, then index. The front is every point, in this order, that costs less
// than all the points before it.
struct ParetoOrder {
  LLMB_HD bool operator()(const ParetoPoint& a, const ParetoPoint& b) const {
    if (a.wall_s != b.wall_s) return a.wall_s < b.wall_s;
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.index < b.index;
  }
};

}  // namespace llmb
