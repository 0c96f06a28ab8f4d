// The llmbudget program end to end: exit codes, the bad-input catalogue, atomic output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "sim/catalog/catalog.h"
#include "tests/cli/cli_harness.h"

namespace llmb {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using namespace cli_test;

const std::string kExample = "scenarios/examples/gpt3_on_a100.yaml";

TEST_F(Cli, RunOfTheBundledExampleExitsZeroAndPrintsTheTable) {
  const Result r = run({"run", kExample});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr("GPT-3 175B on 1,024 rented A100-80GB"));
  EXPECT_THAT(r.out, HasSubstr("cost.cloud_usd"));
  EXPECT_THAT(r.out, HasSubstr("wall_days"));
}

TEST_F(Cli, RunWritesValidJsonToTheOutputFileAndNothingElse) {
  const Result r = run({"run", kExample, "--format", "json", "-o", work("run.json").string()});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("run.json"));  // no temporary file left
  const auto j = nlohmann::json::parse(read(work("run.json")));
  for (const char* key : {"flops", "gpu_hours", "wall_days", "energy_mwh", "co2_t"})
    EXPECT_TRUE(j.contains(key)) << key;
  for (const char* key : {"purchase_gpus_usd", "purchase_cluster_usd", "amortized_usd", "cloud_usd",
                          "development_usd"})
    EXPECT_TRUE(j.at("cost").contains(key)) << key;
  EXPECT_GT(j.at("flops").get<double>(), 3e23);
}

TEST_F(Cli, RunReplacesAnExistingOutputFileWhole) {
  std::ofstream(work("run.csv")) << std::string(100000, 'x');
  const Result r = run({"run", kExample, "--format", "csv", "-o", work("run.csv").string()});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  const std::string csv = read(work("run.csv"));
  EXPECT_THAT(csv, StartsWith("flops,"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("run.csv"));
}

TEST_F(Cli, SetOverridesAPathFromTheCommandLine) {
  const Result r = run({"run", kExample, "--format", "json", "--set", "hardware.count=2048",
                        "--set", "cost.cloud_usd_per_gpu_hour=$2/h"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_DOUBLE_EQ(j.at("inputs").at("gpu_count").get<double>(), 2048);
  EXPECT_DOUBLE_EQ(j.at("inputs").at("cloud_usd_per_gpu_hour").get<double>(), 2.0);
}

TEST_F(Cli, BadSetValueExitsTwoNamingTheSet) {
  const Result r =
      run({"run", kExample, "--set", "training.mfu=0.4", "--set", "hardware.count=-5"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, "--set:2:1: hardware.count: must be positive (got -5)\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(Cli, ClaimsExitZeroWhenEveryClaimHolds) {
  const Result r = run({"claims"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(r.out, HasSubstr(" 0 outside"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("FAIL")));
}

TEST_F(Cli, ClaimsExitThreeWhenAClaimIsOutsideItsTolerance) {
  std::ofstream(work("off.yaml")) << "model: {params: 175B}\n"
                                     "data: {tokens: 300B}\n"
                                     "hardware: {gpu: V100, count: 10000}\n"
                                     "claims:\n"
                                     "  - claim: deliberately wrong\n"
                                     "    output: flops\n"
                                     "    published: 1e20 FLOP\n"
                                     "    tolerance: 1%\n"
                                     "    source: this test\n";
  const Result r = run({"claims", "--dir", (scratch_ / "work").string()});
  EXPECT_EQ(r.exit_code, kExitClaimsFailed) << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAIL"));
  EXPECT_THAT(r.out, HasSubstr("1 outside"));
}

TEST_F(Cli, ClaimsAsJsonAreMachineReadable) {
  const Result r = run({"claims", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  EXPECT_GE(j.size(), 15u);
  for (const auto& claim : j) EXPECT_TRUE(claim.at("pass").get<bool>()) << claim.dump();
}

TEST_F(Cli, ClaimsInAMissingDirectoryExitTwo) {
  const Result r = run({"claims", "--dir", work("missing").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, StartsWith(work("missing").string() + ":1:1: cannot list claims"));
  expect_one_located_line(r.err);
}

TEST_F(Cli, CatalogListsEveryGpu) {
  const Result r = run({"catalog"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  const Catalog catalog = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  for (const auto& name : catalog.gpu_names()) EXPECT_THAT(r.out, HasSubstr(name + " ")) << name;
  // The issues' minimum: V100 to H200, then B200, GB200 NVL72, MI300X and H20.
  for (const char* name : {"V100", "A100-40GB", "A100-80GB", "A800", "H100-SXM", "H800", "H200",
                           "B200", "GB200-NVL72", "MI300X", "H20"})
    EXPECT_TRUE(catalog.gpus.contains(name)) << name;
  EXPECT_THAT(r.out, HasSubstr("fp4"));
}

// Commas outside quoted fields (RFC 4180): the number of separators of a CSV line.
std::size_t csv_separators(const std::string& line) {
  std::size_t separators = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++separators;
  }
  return separators;
}

TEST_F(Cli, CatalogCsvIsOneRowPerGpuInBaseUnits) {
  const Result r = run({"catalog", "--format", "csv"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  const Catalog catalog = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  std::istringstream in(r.out);
  std::string header;
  std::getline(in, header);
  EXPECT_THAT(header, StartsWith("gpu,description,released,peak_fp64_flop_per_s,"));
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    ++rows;
    EXPECT_EQ(csv_separators(line), csv_separators(header)) << line;
  }
  EXPECT_EQ(rows, catalog.gpus.size());
  EXPECT_THAT(r.out,
              HasSubstr("\"H100-SXM\",\"NVIDIA H100 SXM5 80GB\",\"2022-03\",67000000000000,"));
}

TEST_F(Cli, CatalogWithSourcesNamesASourceForEveryGpu) {
  const Result r = run({"catalog", "--sources"});
  EXPECT_EQ(r.exit_code, kExitOk) << r.err;
  EXPECT_THAT(r.out, HasSubstr("NVIDIA A100 datasheet"));
  EXPECT_THAT(r.out, HasSubstr("price"));
  const Catalog catalog = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  for (const auto& [name, gpu] : catalog.gpus) {
    EXPECT_THAT(r.out, HasSubstr("\n" + name + " (" + gpu.description)) << name;
    for (const auto& [precision, value] : gpu.peak)
      EXPECT_THAT(r.out, HasSubstr("peak." + precision)) << name;
  }
  EXPECT_THAT(r.out, HasSubstr("NVIDIA GB200 NVL72 page"));
  EXPECT_THAT(r.out, HasSubstr("AMD ROCm documentation"));
  // Every exchange rate with its source (Federal Reserve G.5A, 2023: 7.0809 yuan a dollar).
  EXPECT_THAT(r.out, HasSubstr("CNY 2023 7.0809"));
  EXPECT_THAT(r.out, HasSubstr("G.5A Foreign Exchange Rates (Annual)"));
}

TEST_F(Cli, CatalogAsJsonHasEveryGpu) {
  const Result r = run({"catalog", "--format", "json"});
  ASSERT_EQ(r.exit_code, kExitOk) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* name : {"V100", "A100-40GB", "A100-80GB", "A800", "H100-SXM", "H800", "H200",
                           "B200", "GB200-NVL72", "MI300X", "H20"})
    EXPECT_TRUE(j.at("gpus").contains(name)) << name;
  EXPECT_DOUBLE_EQ(j.at("gpus").at("B200").at("peak_flop_per_s").at("fp4").at("value"), 9e15);
  EXPECT_EQ(j.at("gpus").at("GB200-NVL72").at("gpus_per_server").at("value"), 72);
  EXPECT_GE(j.at("exchange_rates").size(), 10u);
}

TEST_F(Cli, MissingScenarioFileExitsTwoWithOneLine) {
  const Result r =
      run({"run", "tests/data/bad/no_such_file.yaml", "-o", work("out.json").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err,
            "tests/data/bad/no_such_file.yaml:1:1: cannot read file: No such file or directory\n");
  EXPECT_TRUE(work_entries().empty());
}

TEST_F(Cli, DirectoryAsScenarioExitsTwoWithOneLine) {
  const Result r = run({"run", "tests/data/bad"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, "tests/data/bad:1:1: cannot read file: Is a directory\n");
}

TEST_F(Cli, UnwritableOutputPathExitsTwoWithOneLineAndNoFile) {
  const std::string path = work("no-such-dir").string() + "/out.json";
  const Result r = run({"run", kExample, "--format", "json", "-o", path});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, path + ":1:1: --output: cannot write (No such file or directory)\n");
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(work_entries().empty());
}

TEST_F(Cli, DirectoryAsOutputExitsTwoWithOneLineAndLeavesItAlone) {
  fs::create_directory(work("outdir"));
  const Result r = run({"run", kExample, "-o", work("outdir").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.err, work("outdir").string() + ":1:1: --output: cannot write (is a directory)\n");
  EXPECT_TRUE(fs::is_directory(work("outdir")));
  EXPECT_TRUE(fs::is_empty(work("outdir")));
  EXPECT_THAT(work_entries(), ::testing::ElementsAre("outdir"));
}

TEST_F(Cli, MissingCatalogDirectoryExitsTwo) {
  const Result r = run({"--catalog", work("nowhere").string(), "run", kExample});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_THAT(r.err, StartsWith(work("nowhere").string() + "/hardware.yaml:1:1: cannot read file"));
  expect_one_located_line(r.err);
}

TEST_F(Cli, UnknownOptionExitsTwo) {
  const Result r = run({"run", kExample, "--no-such-option"});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_FALSE(r.err.empty());
}

TEST_F(Cli, NoSubcommandExitsTwo) {
  EXPECT_EQ(run({}).exit_code, kExitInput);
}

TEST_F(Cli, UnknownFormatExitsTwo) {
  EXPECT_EQ(run({"run", kExample, "--format", "xml"}).exit_code, kExitInput);
}

TEST_F(Cli, HelpExitsZero) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.exit_code, kExitOk);
  EXPECT_THAT(r.out, HasSubstr("run"));
}

// One file under tests/data/bad/ per mistake, and what its one line of stderr must say.
struct BadInput {
  const char* name;  // also the file: tests/data/bad/NAME.yaml
  int line;
  int column;
  const char* key_path;  // "" for whole-file errors
  const char* problem;   // a part of the message after the key path
};

// Names the case in test listings, where gtest would otherwise print the struct's bytes.
void PrintTo(const BadInput& bad, std::ostream* os) {
  *os << "tests/data/bad/" << bad.name << ".yaml";
}

const BadInput kBadInputs[] = {
    {"malformed_yaml", 5, 5, "", "malformed YAML: end of sequence flow not found"},
    {"unknown_key", 9, 3, "hardware.cuont", "unknown key (did you mean \"count\"?)"},
    {"missing_tokens", 4, 7, "data.tokens", "missing: needs a count such as 175B"},
    {"bare_number_price", 10, 18, "cost.gpu_price_usd",
     "needs a unit: an amount of money such as $10k (got 10000)"},
    {"unknown_unit", 10, 27, "cost.cloud_usd_per_gpu_hour", "unknown unit \"EUR/h\""},
    {"wrong_kind_tdp", 9, 8, "hardware.tdp",
     "\"GB\" is a unit of a memory size; expected a power such as 400W (got 80GB)"},
    {"negative_count", 8, 10, "hardware.count", "must be positive (got -64)"},
    {"zero_count", 8, 10, "hardware.count", "must be positive (got 0)"},
    {"fractional_count", 8, 10, "hardware.count", "must be a whole number (got 1024.5)"},
    {"nan_mfu", 10, 8, "training.mfu", "must be a finite number (got nan)"},
    {"mfu_above_one", 10, 8, "training.mfu", "must be at most 1 (got 1.5)"},
    {"absurd_gpu_count", 8, 10, "hardware.count", "must be at most 1e+07 (got 1e30)"},
    {"unknown_gpu", 7, 8, "hardware.gpu", "(did you mean \"A100-80GB\"?) (got A100-80G)"},
    {"empty", 1, 1, "", "expected a mapping of keys to values at the top of the file"},
    {"top_level_scalar", 1, 1, "", "expected a mapping of keys to values at the top of the file"},
    {"list_for_mapping", 3, 3, "model", "expected a mapping of keys to values (got a list)"},
    {"two_utilization_bases", 11, 23, "training.throughput_per_gpu",
     "give only one of mfu, throughput_per_gpu and duration"},
    {"heads_not_dividing_hidden", 6, 12, "model.architecture.heads",
     "must divide hidden (12288) (got 100)"},
    {"duplicate_key", 9, 3, "hardware.count", "key given twice"},
    {"moe_top_k_above_experts", 10, 24, "model.architecture.experts_per_token",
     "must not exceed experts (8) (got 10)"},
    {"moe_key_without_experts", 9, 24, "model.architecture.experts_per_token",
     "only with experts (a mixture of experts)"},
    {"moe_ep_not_dividing_experts", 10, 30, "training.layout.ep",
     "must divide the experts (8) (got 3)"},
    {"moe_ep_not_dividing_dp", 10, 30, "training.layout.ep",
     "must divide the data-parallel size, hardware.count / (tp x pp) = 4 (got 8)"},
    {"fp8_on_a100", 10, 14, "training.precision", "A100-80GB has no dense fp8 peak"},
    {"pp_above_layers", 10, 23, "training.layout.pp", "must not exceed the layers (32) (got 40)"},
    {"overlap_without_layout", 10, 12, "training.overlap", "only with training.layout"},
    {"overlap_above_one", 11, 17, "training.overlap.dp", "must be at most 1 (got 1.5)"},
    {"stage_split_not_summing", 10, 58, "training.layout.stage_layers",
     "sums to 32, not the model's 30 layers (got [8, 8, 8, 8])"},
    {"precision_missing_on_gpu", 10, 14, "training.precision", "V100 has no dense bf16 peak"},
    {"unknown_recompute", 10, 14, "training.recompute", "(did you mean \"full\"?) (got ful)"},
    {"active_above_params", 4, 18, "model.active_params", "must not exceed params"},
    {"empty_value", 3, 3, "model.params", "missing value"},
    // Hostile inputs found by the fuzzing campaign (issue 12): each is one located line.
    {"non_scalar_key", 2, 21, "model", "a key must be text, not a list or a mapping (got a list)"},
    {"second_document", 10, 1, "", "a second YAML document (after ---): a file holds one"},
    {"invalid_utf8_name", 2, 11, "", "not UTF-8 text (got byte 0xff)"},
    {"newline_in_value", 8, 10, "hardware.count",
     "on one line, without control characters (got 8\\nfoo)"},
    {"block_scalar_value", 8, 10, "hardware.count", "(got 8\\nfoo\\n)"},
    {"nul_in_value", 8, 10, "hardware.count", "(got 8\\x00foo)"},
    {"long_value", 8, 10, "hardware.count", "(got 99999999999999999999"},
    {"tiny_mfu", 10, 8, "training.mfu", "must be at least 0.0001 (got 1e-308)"},
    {"tiny_throughput", 10, 23, "training.throughput_per_gpu", "must be at least"},
    {"duration_too_short", 10, 13, "training.duration",
     "shorter than the cluster needs at its peak"},
    {"misspelt_required_key", 8, 3, "hardware.cuont", "unknown key (did you mean \"count\"?)"},
    {"alias_expansion", 2, 37, "", "too many values: at most 1000000"},
    {"leading_comma", 2, 1, "", "malformed YAML: a line begins with ',' outside a flow list"},
    {"comma_after_list", 3, 1, "", "malformed YAML: a line begins with ',' outside a flow list"},
    {"comma_after_tag", 2, 4, "", "malformed YAML: ',' after a tag or an anchor outside a flow"},
    {"comma_after_flow_root", 2, 4, "", "malformed YAML: ',' after the document's whole value"},
    {"comma_line_after_bracket_text", 3, 3, "",
     "malformed YAML: a line begins with ',' outside a flow list"},
    {"yaml_cpp_endless_tag", 1, 1, "", "malformed YAML: the parser did not finish"},
    {"yaml_cpp_endless_quotes", 1, 1, "", "malformed YAML: the parser did not finish"},
    {"control_character", 2, 10, "", "malformed YAML: a control character (byte 0x01)"},
    {"alias_cycle", 2, 7, "loop", "nested more than 64 levels deep"},
    {"reliability_negative_rate", 12, 34, "training.reliability.failures_per_1000_node_days",
     "must not be negative (got -1)"},
    {"reliability_absurd_rate", 12, 34, "training.reliability.failures_per_1000_node_days",
     "must be at most 1.44e+06 (got 2e6)"},
    {"reliability_interval_below_write", 13, 26, "training.reliability.checkpoint_interval",
     "is shorter than one checkpoint write (245 s at 10 GB/s) (got 1 min)"},
    {"reliability_zero_bandwidth", 12, 22, "training.reliability.write_bandwidth",
     "must be positive (got 0 GB/s)"},
    {"reliability_restart_above_run", 12, 14, "training.reliability.restart",
     "is longer than the whole run"},
    {"reliability_unknown_key", 12, 5, "training.reliability.checkpoint_intervall",
     "unknown key (did you mean \"checkpoint_interval\"?)"},
    {"reliability_interval_word", 12, 26, "training.reliability.checkpoint_interval",
     "(did you mean \"optimal\"?) (got optimum)"},
    {"reliability_no_progress", 12, 34, "training.reliability.failures_per_1000_node_days",
     "leaves the job almost no progress"},
};

class BadScenario : public Cli, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadScenario, ExitsTwoWithOneLineNamingFileLineColumnAndKey) {
  const BadInput& bad = GetParam();
  const std::string file = std::string("tests/data/bad/") + bad.name + ".yaml";
  ASSERT_TRUE(fs::exists(fs::path(LLMB_SOURCE_DIR) / file)) << file;
  const Result r = run({"run", file});
  EXPECT_EQ(r.exit_code, kExitInput) << r.err;
  EXPECT_EQ(r.out, "");
  expect_one_located_line(r.err);
  EXPECT_THAT(r.err, StartsWith(located_prefix(file, bad.line, bad.column, bad.key_path)));
  EXPECT_THAT(r.err, HasSubstr(bad.problem));
}

TEST_P(BadScenario, WritesNoOutputFile) {
  const BadInput& bad = GetParam();
  const Result r = run({"run", std::string("tests/data/bad/") + bad.name + ".yaml", "--format",
                        "json", "-o", work("out.json").string()});
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_TRUE(work_entries().empty());
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadScenario, ::testing::ValuesIn(kBadInputs),
                         [](const ::testing::TestParamInfo<BadInput>& case_info) {
                           return std::string(case_info.param.name);
                         });

TEST(BadInputCatalogue, EveryFileUnderTestsDataBadHasACase) {
  const std::vector<std::string> stems = yaml_stems("tests/data/bad");
  for (const auto& stem : stems)
    EXPECT_TRUE(std::any_of(std::begin(kBadInputs), std::end(kBadInputs),
                            [&](const BadInput& bad) { return stem == bad.name; }))
        << "tests/data/bad/" << stem << ".yaml has no case";
  EXPECT_GE(stems.size(), 14u);
}

}  // namespace
}  // namespace llmb
