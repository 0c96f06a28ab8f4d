#include "sim/scaling/runs_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/input_error.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

std::string parse_error(const std::string& text) {
  try {
    parse_loss_runs(text, "runs.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(ReadLossRuns, EpochsColumnsGiveTokensFromFlops) {
  // The header of epoch-research/analyzing-chinchilla's svg_extracted_data.csv; D = C / (6 N).
  const LossRunsFile file = parse_loss_runs(
      "x,y,color,Model Size,Training FLOP,hex_color,loss\n"
      "154.0,140.6,#faebdd,6795600349.289497,9.993852799709755e+18,#faebdd,5.005581996196243\n",
      "runs.csv");
  ASSERT_EQ(file.runs.size(), 1u);
  EXPECT_EQ(file.params_column, "Model Size");
  EXPECT_EQ(file.flop_column, "Training FLOP");
  EXPECT_DOUBLE_EQ(file.runs[0].params, 6795600349.289497);
  EXPECT_DOUBLE_EQ(file.runs[0].tokens, 9.993852799709755e+18 / (6 * 6795600349.289497));
  EXPECT_DOUBLE_EQ(file.runs[0].loss, 5.005581996196243);
}

TEST(ReadLossRuns, HeaderNamesAreMatchedWhateverTheirCaseAndSpacing) {
  const LossRunsFile file =
      parse_loss_runs("Params , Training_Tokens,Final Loss\n1e9,2e10,2.5\n", "runs.csv");
  EXPECT_EQ(file.tokens_column, "Training_Tokens");
  EXPECT_DOUBLE_EQ(file.runs[0].tokens, 2e10);
  EXPECT_DOUBLE_EQ(file.runs[0].loss, 2.5);
}

TEST(ReadLossRuns, ValuesMayCarryMagnitudes) {
  const LossRunsFile file = parse_loss_runs("N,D,loss\n70B,1.4T,1.94\n", "runs.csv");
  EXPECT_DOUBLE_EQ(file.runs[0].params, 70e9);
  EXPECT_DOUBLE_EQ(file.runs[0].tokens, 1.4e12);
}

TEST(ReadLossRuns, QuotedFieldsAndWindowsLineEndingsAreRead) {
  const LossRunsFile file =
      parse_loss_runs("\"N\",\"D\",\"loss\"\r\n\"1e9\",\"2e10\",\"2.5\"\r\n", "runs.csv");
  EXPECT_DOUBLE_EQ(file.runs[0].params, 1e9);
}

TEST(ReadLossRuns, MissingLossColumnNamesWhatTheHeaderHas) {
  EXPECT_EQ(parse_error("N,D,perplexity\n1e9,2e10,12\n"),
            "runs.csv:1:1: header: no column for the final loss (named loss); the header has N, D, "
            "perplexity");
}

TEST(ReadLossRuns, MissingTokensAndFlopsIsRejected) {
  EXPECT_THAT(parse_error("N,loss\n1e9,2.5\n"), HasSubstr("no column for the training tokens"));
}

TEST(ReadLossRuns, TwoColumnsForOneQuantityAreRejected) {
  EXPECT_THAT(parse_error("N,params,D,loss\n1,1,1,1\n"),
              HasSubstr("two columns could be the parameter count: \"N\" and \"params\""));
}

TEST(ReadLossRuns, NonNumericValueReportsLineColumnAndHeader) {
  EXPECT_EQ(parse_error("N,D,loss\n1e9,2e10,2.5\n1e9,lots,2.4\n"),
            "runs.csv:3:5: D: expected a number (got lots)");
}

TEST(ReadLossRuns, NonPositiveValueIsRejected) {
  EXPECT_EQ(parse_error("N,D,loss\n1e9,2e10,-2.5\n"),
            "runs.csv:2:10: loss: must be positive (got -2.5)");
  EXPECT_EQ(parse_error("N,D,loss\n0,2e10,2.5\n"), "runs.csv:2:1: N: must be positive (got 0)");
}

TEST(ReadLossRuns, MissingValueIsRejected) {
  EXPECT_EQ(parse_error("N,D,loss\n1e9,,2.5\n"), "runs.csv:2:5: D: missing value");
}

TEST(ReadLossRuns, RowWithTheWrongNumberOfFieldsIsRejected) {
  EXPECT_EQ(parse_error("N,D,loss\n1e9,2e10\n"),
            "runs.csv:2:1: expected 3 fields as in the header (got 2)");
}

TEST(ReadLossRuns, AFileWithoutRunsIsRejected) {
  EXPECT_EQ(parse_error("N,D,loss\n"), "runs.csv:1:1: no runs after the header");
  EXPECT_EQ(parse_error(""), "runs.csv:1:1: empty file: expected a header and runs");
}

TEST(ReadLossRuns, UnreadableFileIsAnInputError) {
  EXPECT_THROW(read_loss_runs("/nonexistent/runs.csv"), InputError);
}

TEST(RunsForFit, DropsTheHighestLosses) {
  const LossRunsFile file = parse_loss_runs(
      "N,D,loss\n1,1,3.0\n1,1,5.0\n1,1,2.0\n1,1,4.0\n1,1,2.5\n1,1,2.2\n1,1,2.1\n", "runs.csv");
  const std::vector<LossRun> runs = runs_for_fit(file, 2);
  ASSERT_EQ(runs.size(), 5u);
  for (const LossRun& r : runs) EXPECT_LE(r.loss, 3.0);
}

TEST(RunsForFit, FewerRunsThanParametersAreRejected) {
  const LossRunsFile file =
      parse_loss_runs("N,D,loss\n1,1,3\n1,1,5\n1,1,2\n1,1,4\n1,1,2.5\n1,1,2.2\n", "runs.csv");
  EXPECT_EQ(runs_for_fit(file, 1).size(), 5u);
  try {
    runs_for_fit(file, 2);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "runs.csv:1:1: 4 runs after dropping the 2 highest losses: fitting 5 parameters needs at "
        "least 5 (got 6 runs in the file)");
  }
}

}  // namespace
}  // namespace llmb
