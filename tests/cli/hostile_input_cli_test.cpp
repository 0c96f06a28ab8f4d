// What the fuzzing campaign of issue 12 found, end to end: the -o contract (regular files only,
// never an input, symbolic links followed), temporary files removed on SIGTERM, command-line
// numbers through the validated readers, one line per error whatever the value holds.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "tests/cli/cli_harness.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace cli_test;

const std::string kExample = "scenarios/examples/gpt3_on_a100.yaml";
const std::string kMonteCarloCount = "tests/data/sweeps/monte_carlo_gpu_count.yaml";

// Item 0: a JSON summary of a Monte Carlo over the GPU count crashed in coarse_histogram (an
// output the count does not move varied by an ulp: a zero log span, NaN cast to an index).
TEST_F(Cli, JsonSummaryOfAMonteCarloOverTheGpuCountWorks) {
  const Result r =
      run({"sweep", kMonteCarloCount, "--summary", "--format", "json", "--no-progress"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("count").get<int>(), 64);
  const auto& counts = j.at("outputs").at("wall_days").at("histogram").at("counts");
  std::uint64_t total = 0;
  for (const auto& c : counts) total += c.get<std::uint64_t>();
  EXPECT_EQ(total, 64u);
}

// Item 13: draws of a whole-number input are rounded, within the distribution's bounds.
TEST_F(Cli, DrawsOfTheGpuCountAreWholeNumbers) {
  const Result r = run({"sweep", kMonteCarloCount, "--format", "jsonl", "--no-progress"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int rows = 0;
  std::set<double> seen;
  while (std::getline(lines, line)) {
    const auto j = nlohmann::json::parse(line);
    const double count = j.at("hardware.count").get<double>();
    EXPECT_EQ(count, std::round(count)) << line;
    EXPECT_GE(count, 8);
    EXPECT_LE(count, 16);
    seen.insert(count);
    ++rows;
  }
  EXPECT_EQ(rows, 64);
  EXPECT_GE(seen.size(), 5u);  // a uniform over 9 whole values, 64 draws
}

TEST_F(Cli, OutputToADeviceIsRefused) {
  const Result r = run({"run", kExample, "-o", "/dev/null"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err,
            "/dev/null:1:1: --output: cannot write (not a regular file: a device, FIFO or "
            "socket)\n");
}

TEST_F(Cli, OutputOverTheInputItselfIsRefusedAndLeavesItAlone) {
  const fs::path input = work("scenario.yaml");
  fs::copy_file(fs::path(LLMB_SOURCE_DIR) / kExample, input);
  const std::string before = read(input);
  const Result r = run({"run", input.string(), "--format", "json", "-o", input.string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("--output: cannot write (it is an input of this run"));
  expect_one_located_line(r.err);
  EXPECT_EQ(read(input), before);
  // A hard link is the same file.
  fs::create_hard_link(input, work("link.yaml"));
  EXPECT_EQ(run({"run", input.string(), "-o", work("link.yaml").string()}).exit_code, kExitInput);
  EXPECT_EQ(read(input), before);
}

TEST_F(Cli, OutputThroughASymlinkWritesItsTargetAndKeepsTheLink) {
  std::ofstream(work("target.json")) << "old";
  fs::create_symlink(work("target.json"), work("link.json"));
  const Result r = run({"run", kExample, "--format", "json", "-o", work("link.json").string()});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_TRUE(fs::is_symlink(work("link.json")));
  EXPECT_NO_THROW(nlohmann::json::parse(read(work("target.json"))));
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("link.json", "target.json"));
}

TEST_F(Cli, OutputThroughADanglingSymlinkIsRefused) {
  fs::create_symlink(work("nowhere.json"), work("link.json"));
  const Result r = run({"run", kExample, "-o", work("link.json").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("a symbolic link to nothing"));
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("link.json"));
}

// Item 10: SIGTERM during a long sweep to -o leaves no temporary file (SIGINT never did).
TEST_F(Cli, SigtermDuringALongSweepLeavesNoTemporaryFile) {
  const std::string out = work("big.csv").string();
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::chdir(LLMB_SOURCE_DIR);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    ::execl(LLMB_CLI_PATH, LLMB_CLI_PATH, "sweep", "tests/data/sweeps/long_monte_carlo.yaml",
            "--no-progress", "--threads", "1", "-o", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until the temporary file exists, then stop the run.
  bool started = false;
  for (int i = 0; i < 200 && !started; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    for (const auto& name : work_entries()) started = started || name.find(".tmp.") != name.npos;
  }
  EXPECT_TRUE(started);
  ::kill(child, SIGTERM);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) << status;
  EXPECT_TRUE(work_entries().empty()) << ::testing::PrintToString(work_entries());
}

// The sweep's banner does not precede an -o error: one line on stderr.
TEST_F(Cli, SweepWithABadOutputPrintsOneLine) {
  const Result r = run({"sweep", kMonteCarloCount, "--no-progress", "-o", "/dev/null"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
}

struct BadOption {
  std::vector<std::string> args;
  const char* option;
};

class BadNumericOption : public Cli, public ::testing::WithParamInterface<BadOption> {};

TEST_P(BadNumericOption, ExitsTwoNamingTheOption) {
  const Result r = run(GetParam().args);
  EXPECT_EQ(r.exit_code, kExitInput) << r.out;
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(std::string("command line:1:1: ") + GetParam().option + ": "));
}

INSTANTIATE_TEST_SUITE_P(
    Options, BadNumericOption,
    ::testing::Values(
        BadOption{{"layout", kExample, "--tp", "-1"}, "--tp"},
        BadOption{{"layout", kExample, "--pp", "nan"}, "--pp"},
        BadOption{{"layout", kExample, "--interleave", "-7"}, "--interleave"},
        BadOption{{"layout", kExample, "--tp", "0.5"}, "--tp"},
        BadOption{{"layout", kExample, "--global-batch", "1.5"}, "--global-batch"},
        BadOption{{"layout", kExample, "--global-batch", "nan"}, "--global-batch"},
        BadOption{{"layout", kExample, "--global-batch", "1e308"}, "--global-batch"},
        BadOption{{"layout", kExample, "--global-batch", "1536", "--top", "-1"}, "--top"},
        BadOption{{"sweep", kMonteCarloCount, "--summary", "--max-memory=-5GB"}, "--max-memory"},
        BadOption{{"plan", "--budget", "$5M", "--deadline", "60d", "--gpu", "A100-80GB", "--mfu",
                   "1e-300"},
                  "--mfu"}));

TEST_F(Cli, SetValueWithANewlineGivesOneLine) {
  const Result r = run({"run", kExample, "--set", "hardware.count=5\nfoo: 1"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith("--set:1:1: hardware.count: "));
}

// An unknown key that a deep --set creates is the --set's.
TEST_F(Cli, UnknownKeyCreatedByADeepSetIsLocatedAtTheSet) {
  const Result r = run({"run", kExample, "--set", "hardware.foo.bar=1"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, StartsWith("--set:1:1: hardware.foo: unknown key"));
}

// Item 2: a file name that is not UTF-8 still gives valid JSON (the bytes replaced).
TEST_F(Cli, JsonOfAFileNamedInInvalidUtf8IsValid) {
  const fs::path input = work("gpt\xff.yaml");
  fs::copy_file(fs::path(LLMB_SOURCE_DIR) / kExample, input);
  const Result r = run({"run", input.string(), "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_NO_THROW(nlohmann::json::parse(r.out));
}

// Item 11: a device that never ends is refused at the size limit, not read until memory runs out.
TEST_F(Cli, AnEndlessInputIsRefusedAtTheSizeLimit) {
  const Result r = run({"run", "/dev/zero"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, "/dev/zero:1:1: file too large: inputs are read up to 16 MiB\n");
}

// Item 14: a runs CSV with 1e308 parameters is a located input error, not an internal one.
TEST_F(Cli, FitOfAbsurdParametersIsALocatedInputError) {
  std::ofstream(work("runs.csv")) << "N,D,loss\n1e308,1e9,2\n1e9,1e9,2\n2e9,1e9,2\n3e9,1e9,2\n"
                                     "4e9,1e9,2\n5e9,1e9,2\n";
  const Result r = run({"fit", work("runs.csv").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(work("runs.csv").string() + ":2:1: N: must be from"));
}

// Item 12: a GPU listed twice in a --catalog is refused like any duplicate key.
TEST_F(Cli, AGpuListedTwiceInACatalogIsRefused) {
  const fs::path catalog = work("catalog");
  fs::copy(fs::path(LLMB_SOURCE_DIR) / "scenarios/catalog", catalog);
  // hardware.yaml is one mapping, gpus:, so an entry appended at the end joins its list.
  std::ofstream(catalog / "hardware.yaml", std::ios::app) << "  V100:\n    description: again\n";
  const Result r = run({"--catalog", catalog.string(), "catalog"});
  EXPECT_EQ(r.exit_code, kExitInput) << r.out;
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr(": key given twice"));
}

// A listed axis is resolved entry by entry: more than 10,000 entries is refused at once (a list
// of 200,000 took 11 s); a range takes any number of steps up to the point limit.
TEST_F(Cli, AnAxisListOfMoreThanTenThousandValuesIsRefused) {
  std::ofstream sweep(work("long_list.yaml"));
  sweep << "base: " << LLMB_SOURCE_DIR << "/scenarios/examples/a100_cluster_7b.yaml\n"
        << "axes:\n  hardware.count: [";
  for (int i = 1; i <= 10001; ++i) sweep << (i > 1 ? ", " : "") << i;
  sweep << "]\n";
  sweep.close();
  const Result r = run({"sweep", work("long_list.yaml").string(), "--no-progress"});
  EXPECT_EQ(r.exit_code, kExitInput);
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, HasSubstr("axes.hardware.count: an axis lists at most 10000 values"));
}

// Item 6: tiny positive figures were accepted and gave inf or NaN with exit 0.
TEST_F(Cli, TinyServingFiguresAreRefused) {
  const std::string serving = "scenarios/serving/chatgpt_semianalysis.yaml";
  for (const char* set :
       {"serving.hardware.memory=1e-300GB", "serving.measured_output_tokens_per_s_per_gpu=1e-300",
        "serving.fleet_utilization=1e-300"}) {
    const Result r = run({"serve", serving, "--set", set});
    EXPECT_EQ(r.exit_code, kExitInput) << set;
    expect_one_located_line(r.err);
    EXPECT_THAT(r.err, HasSubstr("must be at least")) << r.err;
  }
}

}  // namespace
}  // namespace llmb
