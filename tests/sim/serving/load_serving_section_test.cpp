#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/serving/serving_scenario.h"
#include "sim/serving/serving_section.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

// The `serving:` mapping of a document labelled "s.yaml".
ServingSection section(const std::string& serving_text) {
  const Document doc = Document::parse("serving:\n" + serving_text, "s.yaml");
  const Fields root(doc, doc.root(), "");
  return read_serving_section(root.child("serving"), catalog());
}

std::string section_error(const std::string& serving_text) {
  try {
    section(serving_text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kMinimal =
    "  model: {active_params: 7B}\n"
    "  hardware: {gpu: A100-80GB}\n"
    "  output_tokens: 500\n"
    "  batch_size: 16\n";

TEST(LoadServingSection, TakesPeakMemoryAndBandwidthFromTheCatalog) {
  const ServingInputs in = section(kMinimal).inputs;
  EXPECT_DOUBLE_EQ(in.active_params, 7e9);
  EXPECT_DOUBLE_EQ(in.bytes_per_param, 2);       // bf16 by default
  EXPECT_DOUBLE_EQ(in.peak_flop_per_s, 312e12);  // A100 datasheet, BF16 dense
  EXPECT_DOUBLE_EQ(in.hbm_bytes, 80e9);
  EXPECT_DOUBLE_EQ(in.hbm_bytes_per_s, 2039e9);
  EXPECT_DOUBLE_EQ(in.output_tokens, 500);
  EXPECT_DOUBLE_EQ(in.prompt_tokens, 0);
  EXPECT_DOUBLE_EQ(in.gpus_per_replica, 0);  // left to the memory rule
}

TEST(LoadServingSection, DefaultsComeFromTheCatalogs) {
  const ServingSection s = section(kMinimal);
  EXPECT_DOUBLE_EQ(s.inputs.compute_utilization, catalog().economics.mfu.value);
  EXPECT_DOUBLE_EQ(s.inputs.bandwidth_utilization, 0.6);  // serving.yaml, Databricks 2023
  EXPECT_DOUBLE_EQ(s.inputs.peak_to_average, 1);
  EXPECT_DOUBLE_EQ(s.inputs.fleet_utilization, 1);
  // The rented price is the GPU's catalog cloud price; the inputs use it unless owned.
  EXPECT_DOUBLE_EQ(s.rented_usd_per_gpu_hour, catalog().gpus.at("A100-80GB").cloud_price->value);
  EXPECT_DOUBLE_EQ(s.inputs.usd_per_gpu_hour, s.rented_usd_per_gpu_hour);
  EXPECT_FALSE(s.owned);
}

TEST(LoadServingSection, PrecisionSetsBytesPerWeightAndThePeakUsed) {
  const ServingSection int8 = section(
      "  model: {active_params: 7B, precision: int8}\n"
      "  hardware: {gpu: A100-80GB}\n  output_tokens: 500\n  batch_size: 16\n");
  EXPECT_DOUBLE_EQ(int8.inputs.bytes_per_param, 1);
  EXPECT_DOUBLE_EQ(int8.inputs.peak_flop_per_s, 624e12);  // INT8 dense
  // int4 is weight-only: half a byte a weight, 16-bit matrix multiplies.
  const ServingSection int4 = section(
      "  model: {active_params: 7B, precision: int4}\n"
      "  hardware: {gpu: A100-80GB}\n  output_tokens: 500\n  batch_size: 16\n");
  EXPECT_DOUBLE_EQ(int4.inputs.bytes_per_param, 0.5);
  EXPECT_EQ(int4.compute_precision, "bf16");
  EXPECT_DOUBLE_EQ(int4.inputs.peak_flop_per_s, 312e12);
}

TEST(LoadServingSection, Fp4HoldsHalfAByteAWeightAndMultipliesAtTheFp4Peak) {
  const ServingSection fp4 = section(
      "  model: {active_params: 7B, precision: fp4}\n"
      "  hardware: {gpu: B200}\n  output_tokens: 500\n  batch_size: 16\n");
  EXPECT_DOUBLE_EQ(fp4.inputs.bytes_per_param, 0.5);
  EXPECT_EQ(fp4.compute_precision, "fp4");
  EXPECT_DOUBLE_EQ(fp4.inputs.peak_flop_per_s, 9000e12);  // NVIDIA HGX B200, fp4 dense
  EXPECT_THAT(section_error("  model: {active_params: 7B, precision: fp4}\n"
                            "  hardware: {gpu: H100-SXM}\n  output_tokens: 500\n"
                            "  batch_size: 16\n"),
              StartsWith("s.yaml:2:41: serving.model.precision: H100-SXM has no dense fp4 peak"));
}

TEST(LoadServingSection, KvCacheIsTwoTimesLayersTimesWidthTimesBytes) {
  const ServingInputs in =
      section(
          "  model: {active_params: 175B, precision: int8,\n"
          "          kv_cache: {layers: 96, width: 12288, bytes_per_value: 1}}\n"
          "  hardware: {gpu: A100-80GB}\n  output_tokens: 2000\n"
          "  batch_size: 64\n")
          .inputs;
  EXPECT_DOUBLE_EQ(in.kv_bytes_per_token, 2.0 * 96 * 12288);
}

TEST(LoadServingSection, CatalogFiguresCanBeOverridden) {
  const ServingInputs in = section(
                               "  model: {active_params: 7B}\n"
                               "  hardware: {gpu: A100-80GB, memory_bandwidth: 1.5 TB/s}\n"
                               "  output_tokens: 500\n  batch_size: 16\n"
                               "  usd_per_gpu_hour: $1/h\n")
                               .inputs;
  EXPECT_DOUBLE_EQ(in.hbm_bytes_per_s, 1.5e12);
  EXPECT_DOUBLE_EQ(in.usd_per_gpu_hour, 1.0);
}

TEST(LoadServingSection, OwnedUsesTheOwnedEquivalentPrice) {
  const ServingSection s = section(kMinimal + "  owned: true\n  ownership: {pue: 1.5}\n");
  EXPECT_TRUE(s.owned);
  EXPECT_DOUBLE_EQ(s.inputs.usd_per_gpu_hour, s.owned_usd_per_gpu_hour);
  // A100-80GB: $12.5k x 1.66 x 1.23 of cluster losing 0.14 OOM/y, plus 812.5 W x 0.75 x 1.5
  // at $0.0806/kWh: about $0.94 + $0.07 an hour.
  EXPECT_NEAR(s.owned_usd_per_gpu_hour, 1.01, 0.01);
}

TEST(LoadServingSection, UnknownKeyNamesItsPathAndSuggests) {
  EXPECT_EQ(section_error(kMinimal + "  fleet_utilisation: 50%\n"),
            "s.yaml:6:3: serving.fleet_utilisation: unknown key (did you mean "
            "\"fleet_utilization\"?)");
}

TEST(LoadServingSection, APrecisionTheGpuLacksIsAnError) {
  EXPECT_THAT(section_error("  model: {active_params: 7B, precision: fp8}\n"
                            "  hardware: {gpu: A100-80GB}\n  output_tokens: 500\n"
                            "  batch_size: 16\n"),
              StartsWith("s.yaml:2:41: serving.model.precision: A100-80GB has no dense fp8 peak"));
}

TEST(LoadServingSection, UtilisationsMustBeFractions) {
  EXPECT_THAT(section_error(kMinimal + "  compute_utilization: 0\n"),
              HasSubstr("serving.compute_utilization: must be at least 0.0001 (got 0)"));
  EXPECT_THAT(section_error(kMinimal + "  bandwidth_utilization: 1.2\n"),
              HasSubstr("serving.bandwidth_utilization: must be at most 1 (got 1.2)"));
}

TEST(LoadServingSection, AStatedReplicaMustHoldItsMemory) {
  EXPECT_THAT(section_error("  model: {active_params: 70B}\n  hardware: {gpu: A100-80GB}\n"
                            "  output_tokens: 500\n  batch_size: 16\n  gpus_per_replica: 1\n"),
              HasSubstr("serving.gpus_per_replica: 1 x A100-80GB hold 80 GB; the weights and the "
                        "KV cache of a batch of 16 need 140 GB"));
}

Demand demand(const std::string& text) {
  const Document doc = Document::parse("demand:\n" + text, "d.yaml");
  const Fields root(doc, doc.root(), "");
  return load_demand_section(root.child("demand"));
}

TEST(LoadDemandSection, IsUsersTimesRequestsPerUser) {
  EXPECT_DOUBLE_EQ(demand("  daily_users: 13M\n  requests_per_user_per_day: 15\n").requests_per_day,
                   195e6);
  EXPECT_DOUBLE_EQ(demand("  requests_per_day: 2B\n").requests_per_day, 2e9);
}

TEST(LoadDemandSection, BothFormsAtOnceAreAnError) {
  try {
    demand("  requests_per_day: 2B\n  daily_users: 1M\n");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith("d.yaml:3:16: demand.daily_users: give requests_per_day"));
  }
}

TEST(LoadServingScenario, TheBundledExampleLoadsAndSizesAFleet) {
  const ServingScenario s = load_serving_file(
      LLMB_SOURCE_DIR "/scenarios/serving/chatgpt_semianalysis.yaml", {}, catalog());
  EXPECT_DOUBLE_EQ(s.demand.requests_per_day, 195e6);
  EXPECT_EQ(s.serving.gpu, "A100-80GB");
  const ServingResult r = evaluate_serving(s);
  EXPECT_EQ(r.throughput.gpus_per_replica, 8.0);
  EXPECT_EQ(r.rented.gpus, r.rented.replicas * 8);
  EXPECT_EQ(r.rented.gpus, r.owned.gpus);  // the price does not change the fleet
}

TEST(ServingOutputs, EveryFieldIsAClaimOutput) {
  for (const auto& field : serving_output_fields())
    EXPECT_NE(find_claim_output(serving_claim_outputs(), std::string(field.key)), nullptr)
        << field.key;
}

}  // namespace
}  // namespace llmb
