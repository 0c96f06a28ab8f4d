// `llmbudget serve` and `llmbudget data` end to end: outputs, formats, and a catalogue of bad
// inputs (tests/data/bad_serving/, tests/data/bad_data/), each one located line and exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_harness.h"

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using namespace cli_test;

const std::string kServeExample = "scenarios/serving/chatgpt_semianalysis.yaml";
const std::string kDataExample = "scenarios/labelling/llama2_preferences.yaml";

TEST_F(Cli, ServeOfTheBundledExamplePrintsFleetAndCosts) {
  const Result r = run({"serve", kServeExample});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr("ChatGPT at SemiAnalysis' demand"));
  for (const char* key : {"fleet.gpus", "rented.usd_per_query", "owned.usd_per_day",
                          "rented.usd_per_million_tokens", "throughput.decode_step_s"})
    EXPECT_THAT(r.out, HasSubstr(key)) << key;
}

TEST_F(Cli, ServeWritesJsonWithNestedKeysAndSetOverrides) {
  const Result r = run({"serve", kServeExample, "--format", "json", "--set",
                        "serving.usd_per_gpu_hour=$2/h", "-o", work("serve.json").string()});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("serve.json"));
  const auto j = nlohmann::json::parse(read(work("serve.json")));
  EXPECT_DOUBLE_EQ(j.at("rented").at("usd_per_gpu_hour").get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(j.at("requests_per_day").get<double>(), 195e6);
  EXPECT_GT(j.at("fleet").at("gpus").get<double>(), 0);
  EXPECT_EQ(j.at("inputs").at("gpu").get<std::string>(), "A100-80GB");
}

TEST_F(Cli, ServeCsvIsOneHeaderAndOneRow) {
  const Result r = run({"serve", kServeExample, "--format", "csv"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, StartsWith("requests_per_day,tokens_per_day,"));
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
}

TEST_F(Cli, DataOfTheBundledExamplePrintsCostsByTier) {
  const Result r = run({"data", kDataExample});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("tiers.generalist.usd"));
  EXPECT_THAT(r.out, HasSubstr("$8.51M"));
}

TEST_F(Cli, DataAsJsonListsTasksAndTiers) {
  const Result r = run({"data", "scenarios/labelling/instructgpt.yaml", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("inputs").at("tasks").size(), 2u);
  EXPECT_GT(j.at("tiers").at("generalist").at("usd").get<double>(), 0);
  EXPECT_DOUBLE_EQ(j.at("tiers").at("expert").at("usd").get<double>(), 0);
}

struct BadCostInput {
  const char* command;  // serve or data
  const char* name;     // tests/data/bad_serving/NAME.yaml or tests/data/bad_data/NAME.yaml
  int line;
  int column;
  const char* key_path;
  const char* problem;
};

std::string folder(const BadCostInput& bad) {
  return std::string(bad.command) == "serve" ? "tests/data/bad_serving/" : "tests/data/bad_data/";
}

void PrintTo(const BadCostInput& bad, std::ostream* os) {
  *os << folder(bad) << bad.name << ".yaml";
}

const BadCostInput kBadCostInputs[] = {
    {"serve", "unknown_gpu", 5, 19, "serving.hardware.gpu", "(did you mean \"A100-80GB\"?)"},
    {"serve", "unknown_precision", 4, 41, "serving.model.precision",
     "must be one of int4, fp4, int8, fp8, bf16, fp16"},
    {"serve", "precision_missing_on_gpu", 4, 41, "serving.model.precision",
     "A100-80GB has no dense fp8 peak"},
    {"serve", "negative_batch", 7, 15, "serving.batch_size", "must be positive (got -8)"},
    {"serve", "nan_bandwidth_utilization", 8, 26, "serving.bandwidth_utilization",
     "must be a finite number (got nan)"},
    {"serve", "utilization_above_one", 8, 22, "serving.fleet_utilization",
     "must be at most 1 (got 150%)"},
    {"serve", "zero_output_tokens", 6, 18, "serving.output_tokens", "must be positive (got 0)"},
    {"serve", "unknown_key", 8, 3, "serving.peak_to_averge",
     "unknown key (did you mean \"peak_to_average\"?)"},
    {"serve", "price_wrong_unit", 8, 21, "serving.usd_per_gpu_hour",
     "\"$/kWh\" is a unit of a price per kWh"},
    {"serve", "replica_too_small", 8, 21, "serving.gpus_per_replica",
     "1 x A100-80GB hold 80 GB; the weights and the KV cache of a batch of 16 need 350 GB"},
    {"serve", "demand_both_forms", 4, 16, "demand.daily_users",
     "give requests_per_day, or daily_users with requests_per_user_per_day, not both"},
    {"serve", "missing_demand", 1, 1, "demand", "missing section"},
    {"data", "items_per_hour_zero", 3, 40, "labelling.crowd.items_per_hour",
     "must be positive (got 0)"},
    {"data", "negative_items", 3, 41, "labelling[0].items", "must not be negative (got -5)"},
    {"data", "unknown_tier", 3, 12, "labelling[0].tier", "(did you mean \"expert\"?)"},
    {"data", "unknown_tier_key", 3, 14, "labelling.generalst", "(did you mean \"generalist\"?)"},
    {"data", "nan_review_overhead", 4, 18, "review_overhead", "must be a finite number (got nan)"},
    {"data", "rate_wrong_unit", 3, 58, "labelling.crowd.usd_per_hour",
     "\"$/Mtok\" is a unit of a price per million tokens"},
    {"data", "unknown_key", 4, 1, "review_overheads",
     "unknown key (did you mean \"review_overhead\"?)"},
    {"data", "cleaning_missing_throughput", 3, 3, "cleaning.throughput_per_gpu",
     "missing: needs a compute rate"},
};

class BadCostFile : public Cli, public ::testing::WithParamInterface<BadCostInput> {};

TEST_P(BadCostFile, ExitsTwoWithOneLocatedLineAndWritesNothing) {
  const BadCostInput& bad = GetParam();
  const std::string file = folder(bad) + bad.name + ".yaml";
  ASSERT_TRUE(fs::exists(fs::path(LLMB_SOURCE_DIR) / file)) << file;
  const Result r = run({bad.command, file, "--format", "json", "-o", work("out.json").string()});
  EXPECT_EQ(r.exit_code, kExitInput) << r.err;
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(located_prefix(file, bad.line, bad.column, bad.key_path)));
  EXPECT_THAT(r.err, HasSubstr(bad.problem));
  EXPECT_TRUE(work_entries().empty());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadCostFile, ::testing::ValuesIn(kBadCostInputs),
                         [](const ::testing::TestParamInfo<BadCostInput>& case_info) {
                           return std::string(case_info.param.command) + "_" + case_info.param.name;
                         });

TEST(BadCostInputCatalogue, EveryFileInTheBadFoldersHasACase) {
  for (const char* command : {"serve", "data"}) {
    const std::string dir = folder({command, "", 0, 0, "", ""});
    const std::vector<std::string> stems = yaml_stems(dir);
    for (const auto& stem : stems)
      EXPECT_TRUE(std::any_of(std::begin(kBadCostInputs), std::end(kBadCostInputs),
                              [&](const BadCostInput& bad) {
                                return bad.command == std::string(command) && stem == bad.name;
                              }))
          << dir << stem << ".yaml has no case";
    EXPECT_GE(stems.size(), 8u) << dir;
  }
}

}  // namespace
}  // namespace llmb
