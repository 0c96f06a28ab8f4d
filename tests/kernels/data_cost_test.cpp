#include "kernels/data_cost.h"

#include <gtest/gtest.h>

#include <cmath>

namespace llmb {
namespace {

DataInputs programme() {
  DataInputs in;
  in.licensed_tokens = 2e9;
  in.usd_per_million_licensed_tokens = 3;
  in.cleaning_tokens = 1e12;
  in.cleaning_flop_per_token = 1e9;
  in.cleaning_flop_per_s_per_gpu = 1e14;
  in.cleaning_usd_per_gpu_hour = 2;
  in.tiers[kTierCrowd] = {1000, 50, 12.5};
  in.tiers[kTierGeneralist] = {300, 10, 35};
  in.review_overhead = 0.25;
  return in;
}

TEST(DataCost, LicensedTokensArePricedPerMillion) {
  EXPECT_DOUBLE_EQ(data_cost(programme()).licensed_usd, 6000.0);  // 2,000 x $3
}

TEST(DataCost, CleaningIsFlopsOverAchievedThroughputInGpuHours) {
  const DataCost cost = data_cost(programme());
  // 1e12 tokens x 1e9 FLOP / 1e14 FLOP/s = 1e7 s = 2,777.8 GPU-hours, at $2.
  EXPECT_DOUBLE_EQ(cost.cleaning_gpu_hours, 1e7 / 3600);
  EXPECT_DOUBLE_EQ(cost.cleaning_usd, 2e7 / 3600);
}

TEST(DataCost, EachTierIsItemsOverPaceWithReviewTimesRate) {
  const DataCost cost = data_cost(programme());
  // Crowd: 1,000 / 50 = 20 h, +25% review = 25 h, at $12.50. Generalist: 30 h -> 37.5 h at $35.
  EXPECT_DOUBLE_EQ(cost.tier_hours[kTierCrowd], 25.0);
  EXPECT_DOUBLE_EQ(cost.tier_usd[kTierCrowd], 312.5);
  EXPECT_DOUBLE_EQ(cost.tier_hours[kTierGeneralist], 37.5);
  EXPECT_DOUBLE_EQ(cost.tier_usd[kTierGeneralist], 1312.5);
  EXPECT_DOUBLE_EQ(cost.tier_usd[kTierExpert], 0.0);
  EXPECT_DOUBLE_EQ(cost.labelling_hours, 62.5);
  EXPECT_DOUBLE_EQ(cost.labelling_usd, 1625.0);
}

TEST(DataCost, TotalIsLicensedPlusCleaningPlusLabelling) {
  const DataCost cost = data_cost(programme());
  EXPECT_DOUBLE_EQ(cost.total_usd, cost.licensed_usd + cost.cleaning_usd + cost.labelling_usd);
}

TEST(DataCost, AnEmptyTierCostsNothingWhateverItsPace) {
  DataInputs in;
  in.tiers[kTierExpert] = {0, 0, 60};  // no items, no pace: not 0 / 0
  const DataCost cost = data_cost(in);
  EXPECT_EQ(cost.tier_usd[kTierExpert], 0.0);
  EXPECT_EQ(cost.total_usd, 0.0);
  EXPECT_FALSE(std::isnan(cost.labelling_hours));
}

// Touvron et al. 2023, Table 6: 1,418,091 comparisons; at 10 an hour, +20% review and $50 an
// hour (scenarios/labelling/llama2_preferences.yaml) they cost $8.51M.
TEST(DataCost, Llama2PreferenceComparisonsAtTheExampleRates) {
  DataInputs in;
  in.tiers[kTierGeneralist] = {1418091, 10, 50};
  in.review_overhead = 0.2;
  EXPECT_NEAR(data_cost(in).total_usd, 1418091 / 10.0 * 1.2 * 50, 1e-6);
  EXPECT_NEAR(data_cost(in).total_usd, 8.51e6, 0.01e6);
}

}  // namespace
}  // namespace llmb
