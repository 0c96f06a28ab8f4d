// `llmbudget plan` and `llmbudget fit` end to end: output, exit codes, and that a bad input
// writes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class PlanFitCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "llmb-plan-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the CLI with `args` (already shell-quoted).
  Result run(const std::string& args) {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string command = std::string("'") + LLMB_CLI_PATH + "' " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    Result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path dir_;
};

const std::string kPlan = "plan --budget '$5M' --deadline 60d --gpu A100-80GB";

TEST_F(PlanFitCommand, PlanPrintsTheComputeOptimalRunAndAlternatives) {
  const Result r = run(kPlan);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("Plan: $5M by 60 days on A100-80GB, cloud prices, law chinchilla"));
  EXPECT_THAT(r.out, HasSubstr("predicted loss"));
  EXPECT_THAT(r.out, HasSubstr("cost: amortized"));
  EXPECT_THAT(r.out, HasSubstr("0.25x"));
  EXPECT_THAT(r.out, HasSubstr("4x"));
}

TEST_F(PlanFitCommand, PlanWithInferenceTokensComparesBothSizes) {
  const Result r = run(kPlan + " --law epoch --inference-tokens 2T --format json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"inference_aware\""));
  EXPECT_THAT(r.out, HasSubstr("\"saving_fraction\""));
}

TEST_F(PlanFitCommand, BadBudgetIsOneLineAndExitTwo) {
  const Result r = run("plan --budget lots --deadline 60d --gpu A100-80GB");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "command line:1:1: --budget: expected an amount of money such as $10k (got lots)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(PlanFitCommand, BudgetThatBuysNothingWritesNothing) {
  const fs::path target = dir_ / "plan.txt";
  const Result r =
      run("plan --budget '$0.0001' --deadline 60d --gpu A100-80GB -o '" + target.string() + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, StartsWith("command line:1:1: --budget: buys only"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(PlanFitCommand, LawWithANonPositiveExponentIsRejected) {
  const std::string law =
      write("bad.yaml",
            "laws:\n  bad:\n    E: 1.7\n    A: 400\n    B: 400\n    alpha: 0\n    beta: 0.3\n");
  const Result r = run(kPlan + " --law '" + law + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, law + ":6:12: laws.bad.alpha: must be positive (got 0)\n");
}

TEST_F(PlanFitCommand, FitReproducesEpochAndItsYamlFeedsPlan) {
  const fs::path law = dir_ / "fitted.yaml";
  const Result fit = run("fit '" LLMB_SOURCE_DIR
                         "/scenarios/data/chinchilla_fig4_epoch.csv' --drop-highest 5 "
                         "--format yaml -o '" +
                         law.string() + "'");
  ASSERT_EQ(fit.code, 0) << fit.err;
  EXPECT_THAT(slurp(law), HasSubstr("E: 1.817"));
  const Result plan = run(kPlan + " --law '" + law.string() + "'");
  EXPECT_EQ(plan.code, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("law fitted"));
}

TEST_F(PlanFitCommand, FitOfACsvWithoutLossIsOneLineAndWritesNothing) {
  const std::string csv = write("runs.csv", "N,D\n1e9,2e10\n");
  const fs::path target = dir_ / "fit.txt";
  const Result r = run("fit '" + csv + "' -o '" + target.string() + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            csv + ":1:1: header: no column for the final loss (named loss); the header has N, D\n");
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(PlanFitCommand, FitOfTooFewRunsIsRejected) {
  const std::string csv = write("runs.csv", "N,D,loss\n1e9,2e10,2.5\n2e9,2e10,2.4\n");
  const Result r = run("fit '" + csv + "'");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("fitting 5 parameters needs at least 5"));
}

TEST_F(PlanFitCommand, BadBootstrapCountIsACommandLineError) {
  const std::string csv = write("runs.csv", "N,D,loss\n1e9,2e10,2.5\n");
  const Result r = run("fit '" + csv + "' --bootstrap=-3");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "command line:1:1: --bootstrap: must not be negative (got -3)\n");
}

}  // namespace
}  // namespace llmb
