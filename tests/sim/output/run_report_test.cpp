#include "sim/output/run_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sim/scenario/load_scenario.h"
#include "sim/schema/output_fields.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

struct ExampleRun {
  Scenario scenario;
  TrainingOutputs outputs;
};

const ExampleRun& example_run() {
  static const ExampleRun run = [] {
    ExampleRun r;
    r.scenario =
        load_scenario_file(LLMB_SOURCE_DIR "/scenarios/examples/gpt3_on_a100.yaml", {}, catalog());
    r.outputs = evaluate_training(r.scenario.inputs);
    return r;
  }();
  return run;
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> cells;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, separator);) cells.push_back(cell);
  return cells;
}

TEST(RunReportJson, HasEveryDocumentedKeyWithTheModelsValue) {
  const ExampleRun& r = example_run();
  const auto j = nlohmann::json::parse(render_run(r.scenario, r.outputs, Format::kJson));
  const TrainingOutputs& o = r.outputs;
  EXPECT_DOUBLE_EQ(j.at("flops").get<double>(), o.model_flop);
  EXPECT_DOUBLE_EQ(j.at("gpu_hours").get<double>(), o.gpu_hours);
  EXPECT_DOUBLE_EQ(j.at("wall_days").get<double>(), o.wall_s / 86400);
  EXPECT_DOUBLE_EQ(j.at("energy_mwh").get<double>(), o.energy_kwh / 1000);
  EXPECT_DOUBLE_EQ(j.at("co2_t").get<double>(), o.co2_kg / 1000);
  const auto& cost = j.at("cost");
  EXPECT_DOUBLE_EQ(cost.at("purchase_gpus_usd").get<double>(), o.cost_purchase_gpus_usd);
  EXPECT_DOUBLE_EQ(cost.at("purchase_cluster_usd").get<double>(), o.cost_purchase_cluster_usd);
  EXPECT_DOUBLE_EQ(cost.at("amortized_usd").get<double>(), o.cost_amortized_usd);
  EXPECT_DOUBLE_EQ(cost.at("cloud_usd").get<double>(), o.cost_cloud_usd);
  EXPECT_DOUBLE_EQ(cost.at("development_usd").get<double>(), o.cost_development_usd);
}

TEST(RunReportJson, NamesTheScenarioAndEchoesItsInputs) {
  const ExampleRun& r = example_run();
  const auto j = nlohmann::json::parse(render_run(r.scenario, r.outputs, Format::kJson));
  EXPECT_EQ(j.at("scenario").at("name"), r.scenario.name);
  EXPECT_EQ(j.at("inputs").at("gpu"), "A100-80GB");
  EXPECT_EQ(j.at("inputs").at("precision"), "bf16");
  EXPECT_EQ(j.at("inputs").at("recompute"), "selective");
  EXPECT_DOUBLE_EQ(j.at("inputs").at("tokens").get<double>(), 300e9);
  EXPECT_DOUBLE_EQ(j.at("inputs").at("gpu_count").get<double>(), 1024);
}

TEST(RunReportJson, NumbersRoundTripExactly) {
  // Full precision, so a script reading the JSON gets the model's doubles bit for bit.
  const ExampleRun& r = example_run();
  const auto j = nlohmann::json::parse(render_run(r.scenario, r.outputs, Format::kJson));
  EXPECT_EQ(j.at("cost").at("amortized_usd").get<double>(), r.outputs.cost_amortized_usd);
  EXPECT_EQ(j.at("flops").get<double>(), r.outputs.model_flop);
}

TEST(RunReportCsv, HeaderAndRowHaveOneCellPerOutput) {
  const ExampleRun& r = example_run();
  const std::string csv = render_run(r.scenario, r.outputs, Format::kCsv);
  const auto lines = split(csv, '\n');
  ASSERT_EQ(lines.size(), 2u);
  const auto header = split(lines[0], ',');
  const auto row = split(lines[1], ',');
  EXPECT_EQ(header.size(), training_output_fields().size());
  EXPECT_EQ(row.size(), header.size());
}

TEST(RunReportCsv, EachCellIsTheValueItsHeaderNames) {
  const ExampleRun& r = example_run();
  const auto lines = split(render_run(r.scenario, r.outputs, Format::kCsv), '\n');
  const auto header = split(lines[0], ',');
  const auto row = split(lines[1], ',');
  ASSERT_EQ(row.size(), header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    const OutputField* field = find_output_field(header[i]);
    ASSERT_NE(field, nullptr) << header[i];
    EXPECT_EQ(std::stod(row[i]), field->key_value(r.outputs)) << header[i];
  }
}

TEST(RunReportCsv, HeaderHasTheDocumentedKeys) {
  const ExampleRun& r = example_run();
  const auto header = split(split(render_run(r.scenario, r.outputs, Format::kCsv), '\n')[0], ',');
  for (const char* key : {"flops", "gpu_hours", "wall_days", "energy_mwh", "co2_t",
                          "cost.purchase_gpus_usd", "cost.purchase_cluster_usd",
                          "cost.amortized_usd", "cost.cloud_usd", "cost.development_usd"})
    EXPECT_NE(std::find(header.begin(), header.end(), key), header.end()) << key;
}

TEST(RunReportTable, ShowsEveryOutputKeyAndTheScenarioName) {
  const ExampleRun& r = example_run();
  const std::string table = render_run(r.scenario, r.outputs, Format::kTable);
  EXPECT_THAT(table, HasSubstr(r.scenario.name));
  // Reliability off: its lines (zeros) are left out of the table, not out of JSON or CSV.
  for (const auto& field : training_output_fields()) {
    if (field.key.starts_with("reliability."))
      EXPECT_THAT(table, Not(HasSubstr(std::string(field.key))));
    else
      EXPECT_THAT(table, HasSubstr(std::string(field.key)));
  }
  Scenario on = r.scenario;
  on.inputs.reliability_enabled = 1;
  const std::string with = render_run(on, evaluate_training(on.inputs), Format::kTable);
  for (const auto& field : training_output_fields())
    EXPECT_THAT(with, HasSubstr(std::string(field.key)));
  EXPECT_THAT(with, HasSubstr("per 1,000 node-days"));
}

TEST(ParseFormat, NamesMapToFormats) {
  EXPECT_EQ(parse_format("json"), Format::kJson);
  EXPECT_EQ(parse_format("csv"), Format::kCsv);
  EXPECT_EQ(parse_format("table"), Format::kTable);
}

TEST(OutputFields, KeysAreUniqueAndFindable) {
  const auto keys = output_keys();
  std::set<std::string> unique(keys.begin(), keys.end());
  EXPECT_EQ(unique.size(), keys.size());
  for (const auto& key : keys) EXPECT_NE(find_output_field(key), nullptr) << key;
  EXPECT_EQ(find_output_field("no_such_output"), nullptr);
}

}  // namespace
}  // namespace llmb
