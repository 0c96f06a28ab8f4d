// The lowest or highest points of an output and the Pareto front of cost against time, kept
// chunk by chunk while a sweep is summarised and merged in chunk order, so that they are the
// same for any thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kernels/ranking.h"
#include "kernels/training_run.h"
#include "sim/sweep/sweep_engine.h"

namespace llmb {

// Keeps the best `k` of `points`, best first.
void keep_best(std::vector<RankedPoint>& points, std::size_t k, bool highest);

// The points no other point beats on both time and cost.
void keep_front(std::vector<ParetoPoint>& points);

// Per-chunk state for the rankings, filled by whichever thread runs the chunk.
struct ChunkRankings {
  std::vector<RankedPoint> top;
  std::vector<ParetoPoint> pareto;
};

void rank_point(const SummaryOptions& options, const TrainingOutputs& out, std::uint64_t index,
                ChunkRankings& rankings);
// Cuts a chunk's candidates to its best, once the chunk is done.
void finish_chunk_rankings(const SummaryOptions& options, ChunkRankings& rankings);
// Merges the chunks' rankings, in chunk order, into the summary.
void finish_rankings(const SummaryOptions& options, std::vector<ChunkRankings>& chunks,
                     SweepSummary& summary);

}  // namespace llmb
