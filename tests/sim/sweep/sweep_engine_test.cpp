#include "sim/sweep/sweep_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>

#include "sim/schema/output_fields.h"
#include "sim/sweep/load_sweep.h"
#include "sim/sweep/sweep_report.h"
#include "tests/sim/sweep/sweep_fixtures.h"

namespace llmb {
namespace {

using test::bundled_catalog;
const std::string& kSource = test::kSourceDir;
SweepPlan plan_of(const std::string& name) {
  return test::test_sweep(name);
}

int field_index(const std::string& key) {
  const auto fields = training_output_fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].key == key) return static_cast<int>(i);
  return -1;
}

SweepSummary run_summary(const SweepPlan& plan, int threads, const SummaryOptions& options = {}) {
  ExecOptions exec;
  exec.device = Device::kCpu;
  exec.threads = threads;
  return summarize(plan, options, exec);
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(OutputFields, TableOrderMatchesTheStructLayout) {
  // The backends address outputs by position; the table must list them in struct order.
  const auto fields = training_output_fields();
  ASSERT_EQ(static_cast<int>(fields.size()), kTrainingOutputFields);
  TrainingOutputs probe;
  for (int i = 0; i < kTrainingOutputFields; ++i)
    reinterpret_cast<double*>(&probe)[i] = static_cast<double>(i) + 0.5;
  for (std::size_t i = 0; i < fields.size(); ++i)
    EXPECT_EQ(fields[i].base_value(probe), output_field(probe, static_cast<int>(i)))
        << fields[i].key;
}

TEST(SweepSummary, IsBitIdenticalForOneTwoAndEightThreads) {
  const SweepPlan plan = plan_of("determinism.yaml");
  ASSERT_GT(plan.total(), 4 * summary_chunk_size(plan.total()));  // several chunks
  SummaryOptions options;
  options.top_k = 5;
  options.top_output = field_index("cost.cloud_usd");
  options.pareto = true;
  options.pareto_cost_output = field_index("cost.cloud_usd");
  const SweepSummary one = run_summary(plan, 1, options);
  for (int threads : {2, 8}) {
    const SweepSummary many = run_summary(plan, threads, options);
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      const auto& a = one.outputs[static_cast<std::size_t>(f)];
      const auto& b = many.outputs[static_cast<std::size_t>(f)];
      EXPECT_TRUE(same_bits(a.moments.mean, b.moments.mean)) << threads << " threads, output " << f;
      EXPECT_TRUE(same_bits(a.moments.m2, b.moments.m2)) << threads << " threads, output " << f;
      EXPECT_EQ(a.moments.min, b.moments.min);
      EXPECT_EQ(a.moments.max, b.moments.max);
      EXPECT_EQ(a.first_bin, b.first_bin);
      EXPECT_EQ(a.histogram, b.histogram);
    }
    ASSERT_EQ(one.top.size(), many.top.size());
    for (std::size_t i = 0; i < one.top.size(); ++i) EXPECT_EQ(one.top[i].index, many.top[i].index);
    ASSERT_EQ(one.pareto.size(), many.pareto.size());
    for (std::size_t i = 0; i < one.pareto.size(); ++i)
      EXPECT_EQ(one.pareto[i].index, many.pareto[i].index);
  }
}

TEST(SweepSummary, MomentsMatchADirectPassOverEveryPoint) {
  const SweepPlan plan = plan_of("determinism.yaml");
  const SweepSummary summary = run_summary(plan, 2);
  const int f = field_index("cost.cloud_usd");
  double sum = 0, min = INFINITY, max = -INFINITY;
  for (std::uint64_t i = 0; i < plan.total(); ++i) {
    const double x = evaluate_sweep_point(plan.view(), i).cost_cloud_usd;
    sum += x;
    min = std::min(min, x);
    max = std::max(max, x);
  }
  const Moments& m = summary.outputs[static_cast<std::size_t>(f)].moments;
  EXPECT_EQ(m.count, static_cast<double>(plan.total()));
  EXPECT_NEAR(m.mean, sum / static_cast<double>(plan.total()), 1e-12 * m.mean);
  EXPECT_EQ(m.min, min);
  EXPECT_EQ(m.max, max);
}

// Extremes as a pass in index order finds them (of +0 and -0, the first), and every point of
// every output counted in its own bin; on sweeps with constant outputs, outputs that change
// with every point, chunks of many blocks, and zeros. The sweeps run one after another, so the
// worker histograms the summaries keep between runs must come back cleared.
TEST(SweepSummary, ExtremesAndHistogramsMatchADirectPassOverEveryPoint) {
  for (const char* name : {"determinism.yaml", "zipped.yaml", "zero_energy_price.yaml"}) {
    const SweepPlan plan = plan_of(name);
    const SweepSummary summary = run_summary(plan, 2);
    for (int f = 0; f < kTrainingOutputFields; ++f) {
      double min = INFINITY, max = -INFINITY;
      std::map<int, std::uint64_t> bins;
      for (std::uint64_t i = 0; i < plan.total(); ++i) {
        const double x = output_field(evaluate_sweep_point(plan.view(), i), f);
        min = x < min ? x : min;
        max = x > max ? x : max;
        ++bins[histogram_bin(x)];
      }
      const OutputSummary& s = summary.outputs[static_cast<std::size_t>(f)];
      EXPECT_TRUE(same_bits(s.moments.min, min)) << name << ", output " << f;
      EXPECT_TRUE(same_bits(s.moments.max, max)) << name << ", output " << f;
      std::uint64_t counted = 0;
      for (std::size_t k = 0; k < s.histogram.size(); ++k) {
        const int bin = s.first_bin + static_cast<int>(k);
        EXPECT_EQ(s.histogram[k], bins.count(bin) ? bins[bin] : 0) << name << ", bin " << bin;
        counted += s.histogram[k];
      }
      EXPECT_EQ(counted, plan.total()) << name << ", output " << f;
      EXPECT_EQ(s.bin_count(bins.begin()->first), bins.begin()->second);
      EXPECT_EQ(s.bin_count(s.first_bin - 1), 0u);
    }
  }
}

// With MFU drawn uniformly on [0.3, 0.5], the mfu output is that draw: its quantiles are
// 0.3 + 0.2 q, within four standard errors plus the histogram's bin width (0.39%).
TEST(SweepSummary, QuantilesOfAUniformInputMatchTheClosedForm) {
  const SweepPlan plan = plan_of("uniform_mfu.yaml");
  const SweepSummary summary = run_summary(plan, 2);
  const OutputSummary& mfu = summary.outputs[static_cast<std::size_t>(field_index("mfu"))];
  const double n = static_cast<double>(plan.total());
  for (double q : {0.05, 0.1, 0.5, 0.9, 0.95}) {
    const double exact = 0.3 + 0.2 * q;
    const double standard_error = std::sqrt(q * (1 - q) / n) * 0.2;  // density 1/0.2
    EXPECT_NEAR(mfu.quantile(q), exact, 4 * standard_error + 0.0039 * exact) << "q " << q;
  }
  EXPECT_NEAR(mfu.moments.mean, 0.4, 4 * (0.2 / std::sqrt(12.0)) / std::sqrt(n));
  const double sd = std::sqrt(mfu.moments.m2 / (n - 1));
  EXPECT_NEAR(sd, 0.2 / std::sqrt(12.0), 0.01 * 0.2 / std::sqrt(12.0));
}

TEST(SweepSummary, TopPointsAreTheLowestInIndexOrderOfTies) {
  const SweepPlan plan = plan_of("grid_3_axes.yaml");
  SummaryOptions options;
  options.top_k = 3;
  options.top_output = field_index("wall_days");
  const SweepSummary summary = run_summary(plan, 2, options);
  ASSERT_EQ(summary.top.size(), 3u);
  std::vector<double> all;
  for (std::uint64_t i = 0; i < plan.total(); ++i)
    all.push_back(evaluate_sweep_point(plan.view(), i).wall_s);
  std::sort(all.begin(), all.end());
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(summary.top[k].value, all[k]);
}

TEST(SweepSummary, ParetoFrontPointsAreNotDominated) {
  const SweepPlan plan = plan_of("grid_3_axes.yaml");
  SummaryOptions options;
  options.pareto = true;
  options.pareto_cost_output = field_index("cost.cloud_usd");
  const SweepSummary summary = run_summary(plan, 2, options);
  ASSERT_FALSE(summary.pareto.empty());
  for (const auto& p : summary.pareto) {
    for (std::uint64_t i = 0; i < plan.total(); ++i) {
      const TrainingOutputs out = evaluate_sweep_point(plan.view(), i);
      const bool dominates = out.wall_s <= p.wall_s && out.cost_cloud_usd <= p.cost &&
                             (out.wall_s < p.wall_s || out.cost_cloud_usd < p.cost);
      EXPECT_FALSE(dominates) << "point " << i << " dominates front point " << p.index;
    }
  }
}

TEST(SweepRows, TextIsIdenticalForOneAndEightThreads) {
  const SweepPlan plan = plan_of("monte_carlo_all_distributions.yaml");
  std::vector<int> columns;
  for (int f = 0; f < kTrainingOutputFields; ++f) columns.push_back(f);
  auto run = [&](int threads, RowFormat format) {
    ExecOptions exec;
    exec.device = Device::kCpu;
    exec.threads = threads;
    const RowFormatter rows(plan, format, columns);
    std::string text = rows.header();
    stream_points(
        plan, exec,
        [&](std::uint64_t b, std::uint64_t e, const TrainingOutputs* r, TextBuffer& chunk) {
          rows.write(b, e, r, chunk);
        },
        [&](std::string_view chunk) { text += chunk; });
    return text;
  };
  const std::string csv = run(1, RowFormat::kCsv);
  EXPECT_EQ(csv, run(8, RowFormat::kCsv));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'),
            static_cast<std::ptrdiff_t>(plan.total() + 1));
  EXPECT_EQ(run(1, RowFormat::kJsonLines), run(3, RowFormat::kJsonLines));
}

// Rows stream through two windows of buffers, the next produced while the last is consumed: a
// stop before the first window consumes nothing, and an error while consuming (a full disk)
// comes out of stream_points after the window being produced has finished.
TEST(SweepRows, StopAndConsumerErrorsEndTheStreamCleanly) {
  const SweepPlan plan = plan_of("rows_several_windows.yaml");
  const RowFormatter rows(plan, RowFormat::kCsv, {0, 1});
  const auto produce = [&](std::uint64_t b, std::uint64_t e, const TrainingOutputs* r,
                           TextBuffer& text) { rows.write(b, e, r, text); };
  std::atomic<bool> stop{true};
  ExecOptions exec;
  exec.device = Device::kCpu;
  exec.threads = 2;
  exec.stop = &stop;
  int consumed = 0;
  EXPECT_THROW(stream_points(plan, exec, produce, [&](std::string_view) { ++consumed; }),
               Cancelled);
  EXPECT_EQ(consumed, 0);

  exec.stop = nullptr;
  struct DiskFull {};
  consumed = 0;
  const auto fail_in_second_window = [&](std::string_view) {
    if (++consumed > 20) throw DiskFull{};
  };
  EXPECT_THROW(stream_points(plan, exec, produce, fail_in_second_window), DiskFull);

  // And uninterrupted, every row arrives once, in order.
  std::uint64_t rows_seen = 0;
  bool in_order = true;
  stream_points(plan, exec, produce, [&](std::string_view text) {
    in_order = in_order && text.substr(0, text.find(',')) == std::to_string(rows_seen);
    rows_seen += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
  });
  EXPECT_TRUE(in_order);
  EXPECT_EQ(rows_seen, plan.total());
}

TEST(SweepEngine, StopFlagCancelsTheRun) {
  const SweepPlan plan = plan_of("determinism.yaml");
  std::atomic<bool> stop{true};
  ExecOptions exec;
  exec.device = Device::kCpu;
  exec.threads = 2;
  exec.stop = &stop;
  EXPECT_THROW(summarize(plan, {}, exec), Cancelled);
}

}  // namespace
}  // namespace llmb
