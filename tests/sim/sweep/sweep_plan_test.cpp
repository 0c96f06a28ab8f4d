#include "sim/sweep/sweep_plan.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "sim/scenario/load_scenario.h"
#include "sim/sweep/load_sweep.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
const std::string& kSource = test::kSourceDir;
SweepPlan plan_of(const std::string& name) {
  return test::test_sweep(name);
}

bool same_bits(const TrainingInputs& a, const TrainingInputs& b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(SweepPlan, PointCountIsTheProductOfAxisLengthsAndSamples) {
  EXPECT_EQ(plan_of("grid_3_axes.yaml").total(), 2u * 3u * 4u);
  EXPECT_EQ(plan_of("zipped.yaml").total(), 3u * 5u);
  EXPECT_EQ(plan_of("monte_carlo_all_distributions.yaml").total(), 2u * 5000u);
}

// A point's inputs equal those of the base scenario loaded with --set for each axis setting:
// the flat index alone recomputes the point, and the patches are the loader's own values.
TEST(SweepPlan, EveryGridPointEqualsTheScenarioLoadedWithItsSettings) {
  const SweepPlan plan = plan_of("grid_3_axes.yaml");
  const SweepPlanView view = plan.view();
  for (std::uint64_t index = 0; index < plan.total(); ++index) {
    std::vector<std::string> overrides;
    for (std::size_t a = 0; a < plan.axes().size(); ++a) {
      const AxisSpec& axis = plan.axes()[a];
      const std::size_t s = plan.setting_of(a, grid_index_of(view, index));
      for (std::size_t p = 0; p < axis.paths.size(); ++p)
        overrides.push_back(axis.paths[p] + "=" + YAML::Dump(axis.settings[s][p]));
    }
    const Scenario direct = load_scenario_file(plan.file().base_path, overrides, bundled_catalog());
    EXPECT_TRUE(same_bits(sweep_point_inputs(view, index), direct.inputs)) << "point " << index;
  }
}

TEST(SweepPlan, LastAxisVariesFastest) {
  const SweepPlan plan = plan_of("grid_3_axes.yaml");
  const std::size_t last = plan.axes().size() - 1;
  EXPECT_EQ(plan.setting_of(last, 0), 0u);
  EXPECT_EQ(plan.setting_of(last, 1), 1u);
  EXPECT_EQ(plan.setting_of(0, 1), 0u);
  EXPECT_EQ(plan.setting_of(0, plan.grid_points() - 1), plan.axes()[0].settings.size() - 1);
}

TEST(SweepPlan, LogRangeHitsBothEndsExactly) {
  const SweepPlan plan = plan_of("grid_3_axes.yaml");
  for (const auto& axis : plan.axes()) {
    if (axis.paths[0] != "hardware.count") continue;
    ASSERT_EQ(axis.range_values.size(), 4u);
    EXPECT_EQ(axis.range_values.front(), 256.0);
    EXPECT_EQ(axis.range_values.back(), 2048.0);
    EXPECT_DOUBLE_EQ(axis.range_values[1], 512.0);  // 256 * 8^(1/3)
  }
}

TEST(SweepPlan, ZippedAxesMoveTogether) {
  const SweepPlan plan = plan_of("zipped.yaml");
  const SweepPlanView view = plan.view();
  const double expected_price[] = {1.0, 2.0, 3.0};
  const double expected_peak[] = {312e12, 989.4e12, 989.4e12};  // A100, H100, H200 bf16 peaks
  for (std::uint64_t index = 0; index < plan.total(); ++index) {
    const TrainingInputs in = sweep_point_inputs(view, index);
    const std::size_t zip_axis = plan.axes()[0].paths.size() == 2 ? 0 : 1;
    const std::size_t s = plan.setting_of(zip_axis, index);
    EXPECT_EQ(in.cloud_usd_per_gpu_hour, expected_price[s]);
    EXPECT_DOUBLE_EQ(in.peak_flop_per_s, expected_peak[s]);
  }
}

TEST(SweepPlan, RandomInputsStayInsideTheirSupport) {
  const SweepPlan plan = plan_of("monte_carlo_all_distributions.yaml");
  const SweepPlanView view = plan.view();
  for (std::uint64_t i = 0; i < plan.total(); ++i) {
    const TrainingInputs in = sweep_point_inputs(view, i);
    ASSERT_GE(in.mfu, 0.3);
    ASSERT_LE(in.mfu, 0.5);
    ASSERT_GE(in.tokens, 0.5e12);
    ASSERT_LE(in.tokens, 2e12);
    ASSERT_GE(in.gpu_price_usd, 8e3);
    ASSERT_LE(in.gpu_price_usd, 30e3);
  }
}

// Each random input is clamped to its draw range: the support of a bounded distribution, six
// standard deviations either side of a normal's mean, of a log-normal's log median.
TEST(SweepPlan, RandomInputsCarryTheirDrawRange) {
  const SweepPlan plan = plan_of("monte_carlo_all_distributions.yaml");
  ASSERT_EQ(plan.file().randoms.size(), 6u);
  const SweepPlanView view = plan.view();
  const double expected[6][2] = {{0.3, 0.5},
                                 {2.0 * std::exp(-1.8), 2.0 * std::exp(1.8)},
                                 {0.5e12, 2e12},
                                 {0.05, 0.15},
                                 {1.2 - 6 * 0.02, 1.2 + 6 * 0.02},
                                 {8e3, 30e3}};
  for (int r = 0; r < 6; ++r) {
    EXPECT_DOUBLE_EQ(view.randoms[r].low, expected[r][0]) << plan.file().randoms[r].path;
    EXPECT_DOUBLE_EQ(view.randoms[r].high, expected[r][1]) << plan.file().randoms[r].path;
  }
}

TEST(SweepPlan, ParamsOnARandomInputFeedsBothParameterFields) {
  // The base has no architecture, so model.params sets params and flop_params alike.
  Document base = Document::load_file(kSource + "/scenarios/examples/a100_cluster_7b.yaml");
  load_scenario(base, bundled_catalog());
  const Document sweep_doc = Document::parse(
      "base: ../scenarios/examples/a100_cluster_7b.yaml\n"
      "random:\n  model.params: {dist: uniform, min: 1B, max: 2B}\nsamples: 10\n",
      kSource + "/tests/inline.yaml");
  const SweepPlan plan =
      SweepPlan::resolve(parse_sweep_file(sweep_doc, base), base, bundled_catalog());
  const TrainingInputs in = sweep_point_inputs(plan.view(), 3);
  EXPECT_EQ(in.params, in.flop_params);
  EXPECT_GE(in.params, 1e9);
  EXPECT_LE(in.params, 2e9);
}

}  // namespace
}  // namespace llmb
