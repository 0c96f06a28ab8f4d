// `llmbudget sweep` end to end: outputs, determinism across thread counts, bad sweeps.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "kernels/batch_cuda.h"
#include "tests/cli/cli_harness.h"

namespace llmb::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class SweepCli : public Cli {};

TEST_F(SweepCli, EveryBundledSweepRunsAsASummary) {
  for (const char* file :
       {"scenarios/sweeps/params_tokens_a100.yaml", "scenarios/sweeps/cluster_size_days.yaml",
        "scenarios/sweeps/gpu_generations.yaml", "scenarios/sweeps/gpt3_monte_carlo.yaml",
        "scenarios/sweeps/goodput_cluster_size.yaml"}) {
    const Result r =
        run({"sweep", file, "--summary", "--set", "hardware.count=512", "--no-progress"});
    EXPECT_EQ(r.exit_code, kExitOk) << file << ": " << r.err;
    EXPECT_THAT(r.out, HasSubstr("cost.cloud_usd")) << file;
  }
}

TEST_F(SweepCli, CsvPointsAreIdenticalForOneAndTwoThreadsAndWrittenWhole) {
  const std::string file = "tests/data/sweeps/monte_carlo_all_distributions.yaml";
  const Result one = run({"sweep", file, "--threads", "1", "-o", work("one.csv").string()});
  const Result two = run({"sweep", file, "--threads", "2", "-o", work("two.csv").string()});
  ASSERT_EQ(one.exit_code, kExitOk) << one.err;
  ASSERT_EQ(two.exit_code, kExitOk) << two.err;
  const std::string csv = read(work("one.csv"));
  EXPECT_EQ(csv, read(work("two.csv")));
  EXPECT_THAT(csv, StartsWith("index,hardware.gpu,training.mfu,"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2 * 5000 + 1);
  EXPECT_EQ(work_entries(), (std::vector<std::string>{"one.csv", "two.csv"}));
}

TEST_F(SweepCli, SummaryAsJsonHasStatisticsForEveryOutput) {
  const Result r = run({"sweep", "tests/data/sweeps/uniform_mfu.yaml", "--summary", "--format",
                        "json", "--top", "3", "--by", "wall_days", "--pareto"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["count"], 200000);
  for (const char* key :
       {"min", "p5", "p10", "p50", "p90", "p95", "max", "mean", "sd", "histogram"})
    EXPECT_TRUE(j["outputs"]["cost.cloud_usd"].contains(key)) << key;
  EXPECT_EQ(j["top"]["points"].size(), 3u);
  EXPECT_FALSE(j["pareto"]["points"].empty());
  // How the run went is on stderr, not in the results.
  EXPECT_FALSE(j.contains("device"));
  EXPECT_FALSE(j.contains("seconds"));
  EXPECT_THAT(r.err, HasSubstr("points on CPU"));
}

// A summary is the same bytes on one thread and two (the run's facts are not in it).
TEST_F(SweepCli, SummaryIsTheSameBytesForAnyThreadCount) {
  for (const char* format : {"json", "table"}) {
    const Result one = run({"sweep", "tests/data/sweeps/uniform_mfu.yaml", "--summary", "--format",
                            format, "--threads", "1", "--device", "cpu"});
    const Result two = run({"sweep", "tests/data/sweeps/uniform_mfu.yaml", "--summary", "--format",
                            format, "--threads", "2", "--device", "cpu"});
    ASSERT_EQ(one.exit_code, kExitOk) << one.err;
    EXPECT_EQ(one.out, two.out) << format;
  }
}

TEST_F(SweepCli, CudaWithoutAGpuIsAnInputError) {
  if (cuda_device_count() > 0) GTEST_SKIP() << "a GPU is present";
  const Result r = run({"sweep", "tests/data/sweeps/grid_3_axes.yaml", "--device", "cuda", "-o",
                        work("x.csv").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("--device"));
  EXPECT_TRUE(work_entries().empty());
}

TEST_F(SweepCli, UnknownRankingOutputSuggestsTheKey) {
  const Result r =
      run({"sweep", "tests/data/sweeps/grid_3_axes.yaml", "--top", "2", "--by", "wall_day"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("did you mean \"wall_days\""));
}

struct BadSweep {
  const char* file;
  int line;
  const char* key;
};

// Each bad sweep: exit 2, one line naming the file, line and key, and no output file.
class BadSweepCli : public Cli, public ::testing::WithParamInterface<BadSweep> {};

TEST_P(BadSweepCli, ExitsTwoWithOneLocatedLineAndWritesNothing) {
  const BadSweep& bad = GetParam();
  const std::string file = std::string("tests/data/bad_sweeps/") + bad.file;
  for (const bool summary : {false, true}) {
    std::vector<std::string> args{"sweep", file, "--no-progress", "-o", work("out").string()};
    if (summary) args.push_back("--summary");
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, kExitInput) << r.err;
    expect_one_located_line(r.err);
    EXPECT_THAT(r.err, StartsWith(file + ":" + std::to_string(bad.line) + ":")) << r.err;
    EXPECT_THAT(r.err, HasSubstr(std::string(" ") + bad.key + ": ")) << r.err;
    EXPECT_TRUE(work_entries().empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Catalogue, BadSweepCli,
    ::testing::Values(BadSweep{"unknown_path.yaml", 3, "axes.model.parms"},
                      BadSweep{"empty_list.yaml", 3, "axes.model.params"},
                      BadSweep{"steps_zero.yaml", 3, "axes.model.params.steps"},
                      BadSweep{"negative_sigma.yaml", 3, "random.training.mfu.sd"},
                      BadSweep{"min_above_max.yaml", 3, "random.training.mfu.max"},
                      BadSweep{"seed_not_integer.yaml", 5, "seed"},
                      BadSweep{"too_many_points.yaml", 3, "axes"},
                      BadSweep{"axis_value_invalid.yaml", 4, "hardware.count"},
                      BadSweep{"unknown_distribution.yaml", 3, "random.training.mfu.dist"},
                      BadSweep{"missing_base.yaml", 1, "base"},
                      BadSweep{"zip_lengths_differ.yaml", 4, "zip[0].cost.cloud_usd_per_gpu_hour"},
                      BadSweep{"random_support_invalid.yaml", 3, "training.mfu"},
                      BadSweep{"normal_tail_invalid.yaml", 3, "data.tokens"},
                      BadSweep{"uniform_from_zero.yaml", 3, "training.mfu"},
                      BadSweep{"huge_grid.yaml", 4, "axes"},
                      BadSweep{"steps_too_many.yaml", 4, "axes.model.params.steps"}),
    [](const auto& case_info) {
      std::string name = case_info.param.file;
      name = name.substr(0, name.find('.'));
      std::replace(name.begin(), name.end(), '_', ' ');
      name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
      return name;
    });

}  // namespace
}  // namespace llmb::cli_test
