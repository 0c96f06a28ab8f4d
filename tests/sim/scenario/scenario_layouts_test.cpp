// The layouts of a loaded scenario (what `layout` reports) and the fields every writer shows.
#include "sim/scenario/scenario_layouts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "sim/layout/layout_fields.h"
#include "sim/output/layout_report.h"
#include "sim/scenario/load_scenario.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(std::string(LLMB_SOURCE_DIR) + "/scenarios/catalog");
  return loaded;
}

// Megatron-LM's 145.6B row (Narayanan et al. 2021, Table 1) on 1,536 A100, with its layout.
std::string megatron145(const std::string& precision) {
  return "model:\n  architecture: {layers: 80, hidden: 12288, heads: 96, vocab: 51200, "
         "seq_len: 2048}\ndata:\n  tokens: 300B\nhardware:\n  gpu: A100-80GB\n  count: 1536\n"
         "training:\n  precision: " +
         precision + "\n  layout: {tp: 8, pp: 8, micro_batch: 1, global_batch: 2304}\n";
}

Scenario load(const std::string& text) {
  return load_scenario(Document::parse(text, "s.yaml"), catalog());
}

TEST(ScenarioLayouts, EvaluatesTheScenariosLayoutAndRanksTheFastestFirst) {
  const ScenarioLayouts found = study_layouts(load(megatron145("bf16")), {}, 5);
  ASSERT_TRUE(found.given);
  EXPECT_GT(found.given->result.valid, 0);
  ASSERT_FALSE(found.search.best.empty());
  EXPECT_LE(found.search.best.size(), 5u);
  for (std::size_t i = 1; i < found.search.best.size(); ++i)
    EXPECT_LE(found.search.best[i - 1].result.step_time_s, found.search.best[i].result.step_time_s);
  EXPECT_EQ(found.cluster.gpu_count, 1536);
  EXPECT_TRUE(found.note.empty());
}

TEST(ScenarioLayouts, PinsAreHonoured) {
  LayoutPins pins;
  pins.tp = 4;
  pins.zero = 1;
  const ScenarioLayouts found = study_layouts(load(megatron145("bf16")), pins, 10);
  ASSERT_FALSE(found.search.best.empty());
  for (const RankedLayout& x : found.search.best) {
    EXPECT_EQ(x.layout.tp, 4);
    EXPECT_EQ(x.layout.zero, 1);
  }
}

// The search holds values at the run's precision: fp32 weights take twice the bytes of bf16.
TEST(ScenarioLayouts, SearchesAtTheScenariosPrecision) {
  LayoutPins pins;
  pins.tp = 8;
  pins.pp = 8;
  pins.micro_batch = 1;
  pins.zero = 0;
  pins.sequence_parallel = 0;
  pins.recompute = kRecomputeFull;
  pins.interleave = 1;
  const ScenarioLayouts bf16 = study_layouts(load(megatron145("bf16")), pins, 1);
  const ScenarioLayouts fp32 = study_layouts(load(megatron145("fp32")), pins, 1);
  ASSERT_EQ(bf16.search.evaluated, 1u);
  ASSERT_EQ(fp32.search.evaluated, 1u);
  // The one valid layout's memory per GPU (least_bytes counts it whether it fits or not).
  EXPECT_GT(fp32.search.least_bytes, bf16.search.least_bytes);
}

TEST(ScenarioLayouts, RefusesAScenarioWithoutAnArchitecture) {
  const Scenario s =
      load("model:\n  params: 7B\ndata:\n  tokens: 1T\nhardware:\n  gpu: A100-80GB\n  count: 64\n");
  try {
    study_layouts(s, {}, 1);
    FAIL() << "expected an input error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("model.architecture"));
  }
}

TEST(LayoutFields, TheStepsPartsAddUpToTheStepTime) {
  const ScenarioLayouts found = study_layouts(load(megatron145("bf16")), {}, 3);
  ASSERT_FALSE(found.search.best.empty());
  for (const RankedLayout& x : found.search.best) {
    double parts = 0;
    for (const LayoutField& f : layout_time_fields()) parts += f.base_value(x);
    EXPECT_NEAR(parts, x.result.step_time_s, 1e-12 * x.result.step_time_s);
    double memory = 0;
    for (const LayoutField& f : layout_memory_fields()) memory += f.base_value(x);
    EXPECT_NEAR(memory, x.result.total_bytes, 1e-9 * x.result.total_bytes);
  }
}

TEST(LayoutFields, KeysAreUniqueAndFindable) {
  for (const LayoutField& f : layout_fields()) {
    ASSERT_NE(find_layout_field(f.key), nullptr) << f.key;
    EXPECT_EQ(find_layout_field(f.key), &f) << f.key << " is listed twice";
  }
  EXPECT_EQ(find_layout_field("time.nothing"), nullptr);
}

TEST(LayoutReport, JsonHoldsEveryFieldOfEachLayout) {
  const ScenarioLayouts found = study_layouts(load(megatron145("bf16")), {}, 2);
  const auto json = nlohmann::json::parse(render_layouts(found, Format::kJson));
  ASSERT_EQ(json["layouts"].size(), found.search.best.size());
  const RankedLayout& best = found.search.best.front();
  EXPECT_EQ(json["layouts"][0]["step_time_s"].get<double>(), best.result.step_time_s);
  EXPECT_EQ(json["layouts"][0]["memory"]["total_bytes"].get<double>(), best.result.total_bytes);
  EXPECT_EQ(json["layouts"][0]["time"]["hidden"]["dp_comm_s"].get<double>(),
            best.result.dp_comm_hidden_s);
  EXPECT_EQ(json["gpus_used"].get<double>(), 1536);
  EXPECT_TRUE(json["scenario_layout"]["valid"].get<bool>());
}

TEST(LayoutReport, TableShowsWhereTheFastestStepGoes) {
  const ScenarioLayouts found = study_layouts(load(megatron145("bf16")), {}, 2);
  const std::string table = render_layouts(found, Format::kTable);
  EXPECT_THAT(table, HasSubstr("fastest:\n  step "));
  EXPECT_THAT(table, HasSubstr("pipeline bubble"));
  EXPECT_THAT(table, HasSubstr("hidden behind compute: tensor-parallel"));
  EXPECT_THAT(table, HasSubstr("memory per GPU"));
}

}  // namespace
}  // namespace llmb
