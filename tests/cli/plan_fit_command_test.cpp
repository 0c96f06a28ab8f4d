// `llmbudget plan` and `llmbudget fit` end to end: output, exit codes, and that a bad input
// writes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli/cli_harness.h"

namespace llmb::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::vector<std::string> kPlan = {"plan", "--budget", "$5M",      "--deadline",
                                        "60d",  "--gpu",    "A100-80GB"};

std::vector<std::string> plan_with(const std::vector<std::string>& extra) {
  std::vector<std::string> args = kPlan;
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

class PlanFitCommand : public Cli {
 protected:
  // A file in the scratch work directory, for inputs the tests make.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(work(name)) << text;
    return work(name).string();
  }
};

TEST_F(PlanFitCommand, PlanPrintsTheComputeOptimalRunAndAlternatives) {
  const Result r = run(kPlan);
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("Plan: $5M for the whole development (final run and "
                                "experiments) by 60 days on A100-80GB, cloud prices, law epoch"));
  EXPECT_THAT(r.out, HasSubstr("predicted loss"));
  EXPECT_THAT(r.out, HasSubstr("cost: amortized"));
  EXPECT_THAT(r.out, HasSubstr("0.25x"));
  EXPECT_THAT(r.out, HasSubstr("4x"));
}

TEST_F(PlanFitCommand, PlanWithInferenceTokensComparesBothSizes) {
  const Result r =
      run(plan_with({"--law", "epoch", "--inference-tokens", "2T", "--format", "json"}));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"inference_aware\""));
  EXPECT_THAT(r.out, HasSubstr("\"saving_fraction\""));
}

TEST_F(PlanFitCommand, BadBudgetIsOneLineAndExitTwo) {
  const Result r = run({"plan", "--budget", "lots", "--deadline", "60d", "--gpu", "A100-80GB"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err,
            "command line:1:1: --budget: expected an amount of money such as $10k (got lots)\n");
  EXPECT_EQ(r.out, "");
}

const std::vector<std::string> kPlanRange = {
    "plan", "--budget-range", "$1M..$1B", "--steps", "4", "--deadline", "90d", "--gpu", "H100-SXM"};

std::vector<std::string> range_with(const std::vector<std::string>& extra) {
  std::vector<std::string> args = kPlanRange;
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST_F(PlanFitCommand, BudgetRangeWritesOneCsvRowPerBudget) {
  const Result r = run(range_with({"--format", "csv"}));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("budget_usd,flops,params,tokens,"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 5);  // header + 4 budgets
}

TEST_F(PlanFitCommand, GpuLawAndDeadlineListsPlanEveryCombination) {
  // 2 GPUs x 2 laws x 2 deadlines x 4 budgets = 32 rows, each naming its axes.
  const Result r =
      run({"plan", "--budget-range", "$1M..$1B", "--steps", "4", "--deadline", "30d,90d", "--gpu",
           "H100-SXM,A100-80GB", "--law", "epoch,chinchilla", "--format", "csv"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("gpu,law,deadline_days,budget_usd,flops,"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 33);
  EXPECT_THAT(r.out, HasSubstr("\nA100-80GB,chinchilla,90,1000000,"));
}

TEST_F(PlanFitCommand, AGpuListWithOneBudgetPlansOneRowPerGpu) {
  const Result r = run({"plan", "--budget", "$5M", "--deadline", "60d", "--gpu",
                        "H100-SXM,A100-80GB", "--format", "json"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"gpu\": \"A100-80GB\""));
  EXPECT_THAT(r.out, HasSubstr("\"gpu\": \"H100-SXM\""));
}

TEST_F(PlanFitCommand, UniqueTokensShowTheEpochsAndWhatMoreDataIsWorth) {
  const Result r = run(plan_with({"--unique-tokens", "100B"}));
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("The data: 100B unique tokens"));
  EXPECT_THAT(r.out, HasSubstr("same compute, twice the data"));
}

TEST_F(PlanFitCommand, MatchNeedsNoBudget) {
  const Result r =
      run({"plan", "--match", "30B", "--deadline", "60d", "--gpu", "H100-SXM", "--format", "json"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"limited_by\": \"target_loss\""));
}

TEST_F(PlanFitCommand, BadPlanOptionsAreOneLineAndExitTwo) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {plan_with({"--unique-tokens", "0"}), "command line:1:1: --unique-tokens: must be positive"},
      {plan_with({"--match", "-7B"}), "command line:1:1: --match: must be positive"},
      {plan_with({"--target-loss", "1.5"}),
       "command line:1:1: --target-loss: at or below the irreducible loss of law epoch"},
      {plan_with({"--budget-covers", "runs"}),
       "command line:1:1: --budget-covers: must be run or development (did you mean \"run\"?)"},
      {plan_with({"--format", "csv"}), "command line:1:1: --format: must be table or json"},
      {{"plan", "--budget-range", "$1M..$1B", "--steps", "1", "--deadline", "90d", "--gpu",
        "H100-SXM"},
       "command line:1:1: --steps: needs at least 2 budgets"},
      {{"plan", "--budget-range", "$1B..$1M", "--deadline", "90d", "--gpu", "H100-SXM"},
       "command line:1:1: --budget-range: the lower end must be below the upper end"},
      {{"plan", "--deadline", "90d", "--gpu", "H100-SXM"},
       "command line:1:1: --budget: missing: give a budget such as '$5M'"},
  };
  for (const auto& [args, message] : cases) {
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, kExitInput) << message;
    EXPECT_THAT(r.err, StartsWith(message));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(PlanFitCommand, BudgetThatBuysNothingWritesNothing) {
  const Result r = run({"plan", "--budget", "$0.0001", "--deadline", "60d", "--gpu", "A100-80GB",
                        "-o", work("plan.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, StartsWith("command line:1:1: --budget: buys only"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_TRUE(work_entries().empty());
}

TEST_F(PlanFitCommand, LawWithANonPositiveExponentIsRejected) {
  const std::string law =
      write("bad.yaml",
            "laws:\n  bad:\n    E: 1.7\n    A: 400\n    B: 400\n    alpha: 0\n    beta: 0.3\n");
  const Result r = run(plan_with({"--law", law}));
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, law + ":6:12: laws.bad.alpha: must be positive (got 0)\n");
}

TEST_F(PlanFitCommand, FitReproducesEpochAndItsYamlFeedsPlan) {
  const std::string law = work("fitted.yaml").string();
  const Result fit = run({"fit", "scenarios/data/chinchilla_fig4_epoch.csv", "--drop-highest", "5",
                          "--format", "yaml", "-o", law});
  ASSERT_EQ(fit.exit_code, kExitOk) << fit.err;
  EXPECT_THAT(read(law), HasSubstr("E: 1.817"));
  const Result plan = run(plan_with({"--law", law}));
  EXPECT_EQ(plan.exit_code, kExitOk) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("law fitted"));
}

TEST_F(PlanFitCommand, FitOfACsvWithoutLossIsOneLineAndWritesNothing) {
  const std::string csv = write("runs.csv", "N,D\n1e9,2e10\n");
  const Result r = run({"fit", csv, "-o", work("fit.txt").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err,
            csv + ":1:1: header: no column for the final loss (named loss); the header has N, D\n");
  EXPECT_EQ(work_entries(), std::vector<std::string>{"runs.csv"});
}

TEST_F(PlanFitCommand, FitOfTooFewRunsIsRejected) {
  const std::string csv = write("runs.csv", "N,D,loss\n1e9,2e10,2.5\n2e9,2e10,2.4\n");
  const Result r = run({"fit", csv});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, HasSubstr("fitting 5 parameters needs at least 5"));
}

TEST_F(PlanFitCommand, BadBootstrapCountIsACommandLineError) {
  const std::string csv = write("runs.csv", "N,D,loss\n1e9,2e10,2.5\n");
  const Result r = run({"fit", csv, "--bootstrap=-3"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, "command line:1:1: --bootstrap: must not be negative (got -3)\n");
}

}  // namespace
}  // namespace llmb::cli_test
