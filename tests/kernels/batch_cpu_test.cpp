#include "kernels/batch_cpu.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <vector>

namespace llmb {
namespace {

constexpr int field_of(std::size_t offset) {
  return static_cast<int>(offset / sizeof(double));
}

// A plan built by hand whose axes change what the vector loops treat as constants within a
// block: the time basis and recomputation mode (fastest, so they change inside blocks), the
// exponentials' inputs, and 37 token counts (blocks of 64 straddle settings); Monte Carlo
// draws of every distribution on top when `samples` > 1.
struct HandPlan {
  std::vector<AxisGroup> groups;
  std::vector<int> fields;
  std::vector<double> values;
  std::vector<RandomInput> randoms;
  SweepPlanView view;

  void add_group(const std::vector<int>& group_fields, const std::vector<double>& settings) {
    AxisGroup g;
    g.field_begin = static_cast<int>(fields.size());
    g.field_count = static_cast<int>(group_fields.size());
    g.combos = settings.size() / group_fields.size();
    g.value_begin = values.size();
    fields.insert(fields.end(), group_fields.begin(), group_fields.end());
    values.insert(values.end(), settings.begin(), settings.end());
    groups.push_back(g);
  }

  void add_random(int kind, double p0, double p1, double p2, int field, double scale = 1) {
    RandomInput r;
    r.distribution = {kind, p0, p1, p2};
    r.field_count = 1;
    r.fields[0] = field;
    r.scales[0] = scale;
    randoms.push_back(r);
  }

  // `reliable`: failures, checkpoints and restarts on (kernels/reliability.h), with axes on the
  // checkpoint interval (given or Young's) and asynchronous checkpoints, and a random failure
  // rate.
  HandPlan(std::uint64_t samples, bool with_randoms, bool reliable = false) {
    TrainingInputs& base = view.base;
    base.params = base.flop_params = 7e9;
    base.attention_layers = 32;
    base.attention_width = 4096;
    base.seq_len = 4096;
    base.tokens = 1e12;
    base.gpu_count = 1024;
    base.peak_flop_per_s = 312e12;
    base.mfu = 0.4;
    base.hardware_flop_per_s_per_gpu = 150e12;
    base.duration_s = 30 * 86400.0;
    base.server_power_per_gpu_w = 1400;
    base.average_power_fraction = 0.75;
    base.pue = 1.2;
    base.grid_kg_co2_per_kwh = 0.4;
    base.gpu_price_usd = 15000;
    base.server_cost_factor = 1.6;
    base.interconnect_cost_factor = 1.2;
    base.cloud_usd_per_gpu_hour = 2;
    base.electricity_usd_per_kwh = 0.1;
    base.depreciation_per_year = 0.322;
    base.hardware_age_years = 1;
    base.development_multiplier = 3;

    if (reliable) {
      base.reliability_enabled = 1;
      base.gpus_per_node = 8;
      base.failures_per_node_s = 6.5e-3 / 86400;
      base.failure_stop_fraction = 1;
      base.planned_interruptions_per_s = 0.5 / 86400;
      base.detect_s = 300;
      base.restart_s = 600;
      base.checkpoint_bytes = 1e11;
      base.checkpoint_write_bytes_per_s = 1e11;
      base.checkpoint_read_bytes_per_s = 2e11;
      base.checkpoint_async_stall_s = 0.5;
      add_group({field_of(offsetof(TrainingInputs, checkpoint_interval_s)),
                 field_of(offsetof(TrainingInputs, checkpoint_async))},
                {0, 0, 3600, 0, 0, 1, 1800, 1});
    }
    add_group({field_of(offsetof(TrainingInputs, depreciation_per_year)),
               field_of(offsetof(TrainingInputs, hardware_age_years))},
              {0.322, 0, 0.5, 2});
    std::vector<double> tokens;
    for (int k = 0; k < 37; ++k) tokens.push_back(1e11 * std::pow(1.13, k));
    add_group({field_of(offsetof(TrainingInputs, tokens))}, tokens);
    add_group({field_of(offsetof(TrainingInputs, recompute))},
              {kRecomputeNone, kRecomputeSelective, kRecomputeFull});
    add_group({field_of(offsetof(TrainingInputs, utilization_basis))},
              {kBasisMfu, kBasisHardwareThroughput, kBasisDuration});
    std::uint64_t stride = 1;
    for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
      g->stride = stride;
      stride *= g->combos;
    }
    if (with_randoms) {
      add_random(kUniform, 0.3, 0.5, 0, field_of(offsetof(TrainingInputs, mfu)));
      add_random(kLogNormal, 2, 0.3, 0, field_of(offsetof(TrainingInputs, cloud_usd_per_gpu_hour)));
      add_random(kTriangular, 0.5e12, 1e12, 2e12, field_of(offsetof(TrainingInputs, tokens)));
      add_random(kNormal, 1.2, 0.02, 0, field_of(offsetof(TrainingInputs, pue)));
      add_random(kPert, 0.05, 0.08, 0.15,
                 field_of(offsetof(TrainingInputs, electricity_usd_per_kwh)));
      add_random(kLogUniform, 8e3, 3e4, 0, field_of(offsetof(TrainingInputs, gpu_price_usd)));
      add_random(kUniform, 0, 0.5, 0, field_of(offsetof(TrainingInputs, depreciation_per_year)));
    }
    if (reliable)
      add_random(kLogUniform, 1e-8, 1e-7, 0,
                 field_of(offsetof(TrainingInputs, failures_per_node_s)));
    view.grid_points = stride;
    view.samples = samples;
    view.total = stride * samples;
    view.seed = 17;
    view.group_count = static_cast<int>(groups.size());
    view.groups = groups.data();
    view.field_total = static_cast<int>(fields.size());
    view.fields = fields.data();
    view.value_total = values.size();
    view.values = values.data();
    view.random_count = static_cast<int>(randoms.size());
    view.randoms = randoms.data();
  }
};

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Every point's outputs from blocks of uneven sizes starting at `first`, against
// evaluate_sweep_point() point by point.
void expect_blocks_match_points(const SweepPlanView& view, std::uint64_t first) {
  const int sizes[] = {kBlockPoints, 1, 17, kBlockPoints, 63, 2, kBlockPoints, 40};
  BlockEvaluator evaluator(view, first);
  OutputBlock block;
  std::uint64_t index = first;
  for (int b = 0; index < view.total; ++b) {
    const int count =
        static_cast<int>(std::min<std::uint64_t>(sizes[b % std::size(sizes)], view.total - index));
    evaluator.next(count, block);
    for (int j = 0; j < count; ++j, ++index) {
      const TrainingOutputs expected = evaluate_sweep_point(view, index);
      for (int f = 0; f < kTrainingOutputFields; ++f)
        ASSERT_TRUE(same_bits(block.values[f][j], output_field(expected, f)))
            << "point " << index << ", output " << f << ": " << block.values[f][j] << " vs "
            << output_field(expected, f);
    }
    ASSERT_EQ(evaluator.index(), index);
  }
}

TEST(BlockEvaluator, GivesEvaluateSweepPointsDoublesBitForBitOnAGrid) {
  const HandPlan plan(1, false);
  expect_blocks_match_points(plan.view, 0);
  expect_blocks_match_points(plan.view, 5);
}

TEST(BlockEvaluator, GivesEvaluateSweepPointsDoublesBitForBitWithEveryDistribution) {
  const HandPlan plan(3, true);
  expect_blocks_match_points(plan.view, 0);
  expect_blocks_match_points(plan.view, 131);
}

TEST(BlockEvaluator, GivesEvaluateSweepPointsDoublesBitForBitWithReliabilityOn) {
  const HandPlan plan(3, true, true);
  ASSERT_GT(evaluate_sweep_point(plan.view, 0).interruptions, 0);
  expect_blocks_match_points(plan.view, 0);
  expect_blocks_match_points(plan.view, 77);
}

TEST(EvaluatePointsCpu, EqualsEvaluateSweepPointOnEveryPoint) {
  const HandPlan plan(2, true);
  const std::uint64_t begin = 7, end = plan.view.total - 3;
  std::vector<TrainingOutputs> out(end - begin);
  evaluate_points_cpu(plan.view, begin, end, out.data());
  for (std::uint64_t i = begin; i < end; ++i) {
    const TrainingOutputs expected = evaluate_sweep_point(plan.view, i);
    ASSERT_EQ(std::memcmp(&out[i - begin], &expected, sizeof expected), 0) << "point " << i;
  }
}

}  // namespace
}  // namespace llmb
