// What a data programme costs: licensed tokens, GPU time to clean a corpus, and people's time to
// label items in three tiers of skill. Plain structs of doubles and inline functions, shared by
// the `data` command and the company model. Every double is in base units (tokens, FLOP,
// FLOP/s, hours of people's time, USD).
#pragma once

#include <type_traits>

#include "kernels/hd.h"
#include "kernels/training_run.h"

namespace llmb {

inline constexpr int kLabelTiers = 3;  // 0 crowd, 1 generalist, 2 expert
inline constexpr int kTierCrowd = 0;
inline constexpr int kTierGeneralist = 1;
inline constexpr int kTierExpert = 2;

struct LabelTier {
  double items = 0;           // labelled items: comparisons, demonstrations, ratings
  double items_per_hour = 0;  // per labeller-hour, before review
  double usd_per_hour = 0;    // the billed rate per labeller-hour (what the buyer pays)
};

struct DataInputs {
  double licensed_tokens = 0;
  double usd_per_million_licensed_tokens = 0;
  double cleaning_tokens = 0;              // tokens run through filters and classifiers
  double cleaning_flop_per_token = 0;      // of those models, per token
  double cleaning_flop_per_s_per_gpu = 0;  // achieved
  double cleaning_usd_per_gpu_hour = 0;
  LabelTier tiers[kLabelTiers];
  double review_overhead = 0;  // extra fraction of labelling hours for QA and management
};
// The company model addresses the inputs field by field, as an array of doubles.
static_assert(std::is_standard_layout_v<DataInputs>);
static_assert(sizeof(DataInputs) == (7 + 3 * kLabelTiers) * sizeof(double));

struct DataCost {
  double licensed_usd = 0;
  double cleaning_gpu_hours = 0;
  double cleaning_usd = 0;
  double labelling_hours = 0;  // review included
  double labelling_usd = 0;
  double tier_usd[kLabelTiers] = {0, 0, 0};
  double total_usd = 0;
  double tier_hours[kLabelTiers] = {0, 0, 0};  // review included
};

// People's hours for a tier: items at the tier's pace, plus the review overhead on top (QA,
// spot checks, team leads). A tier with no items costs nothing, whatever its pace.
LLMB_HD inline double labelling_hours(const LabelTier& tier, double review_overhead) {
  if (tier.items <= 0) return 0.0;
  return tier.items / tier.items_per_hour * (1.0 + review_overhead);
}

LLMB_HD inline DataCost data_cost(const DataInputs& in) {
  DataCost out;
  out.licensed_usd = in.licensed_tokens / 1e6 * in.usd_per_million_licensed_tokens;
  if (in.cleaning_tokens > 0)
    out.cleaning_gpu_hours = in.cleaning_tokens * in.cleaning_flop_per_token /
                             in.cleaning_flop_per_s_per_gpu / kSecondsPerHour;
  out.cleaning_usd = out.cleaning_gpu_hours * in.cleaning_usd_per_gpu_hour;
  for (int t = 0; t < kLabelTiers; ++t) {
    out.tier_hours[t] = labelling_hours(in.tiers[t], in.review_overhead);
    out.tier_usd[t] = out.tier_hours[t] * in.tiers[t].usd_per_hour;
    out.labelling_hours += out.tier_hours[t];
    out.labelling_usd += out.tier_usd[t];
  }
  out.total_usd = out.licensed_usd + out.cleaning_usd + out.labelling_usd;
  return out;
}

}  // namespace llmb
