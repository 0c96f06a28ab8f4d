#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/data/data_program.h"
#include "sim/data/data_scenario.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

const LabourCatalog& labour() {
  static const LabourCatalog loaded = load_labour_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

DataProgram program(const std::string& text, const std::vector<std::string>& caller_keys = {}) {
  const Document doc = Document::parse(text, "p.yaml");
  const Fields root(doc, doc.root(), "");
  return read_data_program(root, caller_keys, labour());
}

std::string program_error(const std::string& text,
                          const std::vector<std::string>& caller_keys = {}) {
  try {
    program(text, caller_keys);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(LabourCatalog, CrowdRateIsTheBilledRateOthersArePayTimesMarkup) {
  // TIME 2023: OpenAI paid Sama $12.50 an hour; The Verge 2023: US generalists $10-25 (midpoint
  // $17.50); WIRED: experts up to $60; vendor markup 2 (Sacra: gross margins of 50% or more).
  EXPECT_DOUBLE_EQ(labour().tiers[kTierCrowd].usd_per_hour, 12.5);
  EXPECT_FALSE(labour().tiers[kTierCrowd].from_pay);
  EXPECT_DOUBLE_EQ(labour().tiers[kTierGeneralist].usd_per_hour, 35.0);
  EXPECT_DOUBLE_EQ(labour().tiers[kTierExpert].usd_per_hour, 120.0);
  for (const auto& tier : labour().tiers) {
    EXPECT_FALSE(tier.source.empty());
    EXPECT_FALSE(tier.date.empty());
  }
}

TEST(LoadDataProgram, ReadsTiersByNameWithCatalogRates) {
  const DataInputs in = program(
                            "labelling:\n"
                            "  crowd: {items: 1000, items_per_hour: 60}\n"
                            "  expert: {items: 50, items_per_hour: 2, usd_per_hour: $90/h}\n"
                            "review_overhead: 10%\n")
                            .inputs;
  EXPECT_DOUBLE_EQ(in.tiers[kTierCrowd].items, 1000);
  EXPECT_DOUBLE_EQ(in.tiers[kTierCrowd].usd_per_hour, 12.5);
  EXPECT_DOUBLE_EQ(in.tiers[kTierExpert].usd_per_hour, 90);
  EXPECT_DOUBLE_EQ(in.tiers[kTierGeneralist].items, 0);
  EXPECT_DOUBLE_EQ(in.review_overhead, 0.1);
}

TEST(LoadDataProgram, TasksOfOneTierAddUpToTheSameCost) {
  const DataProgram p = program(
      "labelling:\n"
      "  - {tier: generalist, task: demonstrations, items: 100, items_per_hour: 4}\n"
      "  - {tier: generalist, task: rankings, items: 300, items_per_hour: 6, usd_per_hour: "
      "$50/h}\n");
  ASSERT_EQ(p.tasks.size(), 2u);
  EXPECT_EQ(p.tasks[0].name, "demonstrations");
  const LabelTier& tier = p.inputs.tiers[kTierGeneralist];
  // 25 h at $35 and 50 h at $50: 400 items in 75 h, $3,375.
  EXPECT_DOUBLE_EQ(tier.items, 400);
  EXPECT_DOUBLE_EQ(data_cost(p.inputs).tier_hours[kTierGeneralist], 75);
  EXPECT_DOUBLE_EQ(data_cost(p.inputs).tier_usd[kTierGeneralist], 25 * 35 + 50 * 50);
}

TEST(LoadDataProgram, LicensedAndCleaningHaveUnits) {
  const DataInputs in = program(
                            "licensed: {tokens: 500B, price: $2/Mtok}\n"
                            "cleaning: {tokens: 10T, flop_per_token: 1e9 FLOP,\n"
                            "           throughput_per_gpu: 200 TFLOP/s, usd_per_gpu_hour: $2/h}\n")
                            .inputs;
  EXPECT_DOUBLE_EQ(in.licensed_tokens, 5e11);
  EXPECT_DOUBLE_EQ(in.usd_per_million_licensed_tokens, 2);
  EXPECT_DOUBLE_EQ(in.cleaning_flop_per_s_per_gpu, 2e14);
  EXPECT_DOUBLE_EQ(data_cost(in).licensed_usd, 1e6);
}

TEST(LoadDataProgram, TheCallerReadsItsOwnKeysFromTheSameMappingFirst) {
  const Document doc =
      Document::parse("month: 3\nlabelling:\n  crowd: {items: 10, items_per_hour: 60}\n", "p.yaml");
  const Fields root(doc, doc.root(), "");
  EXPECT_DOUBLE_EQ(root.quantity("month", Dimension::kCount, non_negative(100)), 3);
  EXPECT_DOUBLE_EQ(read_data_program(root, {"month"}, labour()).inputs.tiers[kTierCrowd].items, 10);
}

TEST(LoadDataProgram, AKeyNobodyReadIsUnknownAndTheCallersKeysAreSuggested) {
  EXPECT_EQ(program_error("mnth: 3\n", {"month"}),
            "p.yaml:1:1: mnth: unknown key (did you mean \"month\"?)");
}

TEST(LoadDataProgram, AZeroPaceIsAnError) {
  EXPECT_EQ(program_error("labelling:\n  crowd: {items: 10, items_per_hour: 0}\n"),
            "p.yaml:2:38: labelling.crowd.items_per_hour: must be positive (got 0)");
}

TEST(LoadDataProgram, AnUnknownTierSuggestsOne) {
  EXPECT_THAT(program_error("labelling:\n  - {tier: generalst, items: 10, items_per_hour: 6}\n"),
              HasSubstr("labelling[0].tier: unknown tier; the tiers are crowd, generalist, expert "
                        "(did you mean \"generalist\"?)"));
}

TEST(LoadDataProgram, TheCatalogOverloadReadsTheLabourCatalogBesideIt) {
  const Document doc =
      Document::parse("labelling:\n  expert: {items: 10, items_per_hour: 1}\n", "p.yaml");
  const Fields root(doc, doc.root(), "");
  EXPECT_DOUBLE_EQ(load_data_program(root, {}, catalog()).tiers[kTierExpert].usd_per_hour, 120);
}

TEST(LoadDataScenario, BundledExamplesLoad) {
  for (const char* name : {"instructgpt.yaml", "llama2_preferences.yaml"}) {
    const DataScenario s =
        load_data_file(std::string(LLMB_SOURCE_DIR "/scenarios/labelling/") + name, {}, catalog());
    EXPECT_FALSE(s.source.empty()) << name;
    EXPECT_GT(data_cost(s.program.inputs).total_usd, 0) << name;
  }
}

}  // namespace
}  // namespace llmb
