#include "sim/scenario/load_scenario.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "kernels/architecture.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kExample = LLMB_SOURCE_DIR "/scenarios/examples/gpt3_on_a100.yaml";

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

// Loads scenario text labelled "s.yaml", after applying `overrides` as --set 1, 2, ...
Scenario load(const std::string& text, const std::vector<std::string>& overrides = {}) {
  Document doc = Document::parse(text, "s.yaml");
  for (std::size_t i = 0; i < overrides.size(); ++i)
    doc.apply_override(overrides[i], static_cast<int>(i) + 1);
  return load_scenario(doc, catalog());
}

template <typename F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string load_error(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return input_error([&] { load(text, overrides); });
}

// The smallest valid scenario; tests append sections to it.
const std::string kMinimal =
    "model:\n"
    "  params: 175B\n"
    "data:\n"
    "  tokens: 300B\n"
    "hardware:\n"
    "  gpu: A100-80GB\n"
    "  count: 1024\n";

TEST(LoadScenario, BundledExampleLoads) {
  const Scenario s = load_scenario_file(kExample, {}, catalog());
  EXPECT_EQ(s.file, kExample);
  EXPECT_EQ(s.name, "GPT-3 175B on 1,024 rented A100-80GB");
  EXPECT_EQ(s.hardware.name, "A100-80GB");
  EXPECT_EQ(s.precision, "bf16");
  EXPECT_EQ(s.recompute, "selective");
  EXPECT_EQ(s.basis, "mfu");
  EXPECT_DOUBLE_EQ(s.inputs.tokens, 300e9);
  EXPECT_DOUBLE_EQ(s.inputs.gpu_count, 1024);
  EXPECT_DOUBLE_EQ(s.inputs.recompute, kRecomputeSelective);
  EXPECT_DOUBLE_EQ(s.inputs.utilization_basis, kBasisMfu);
  EXPECT_TRUE(s.claims.empty());
}

TEST(LoadScenario, BundledExampleCountsGpt3FromItsArchitecture) {
  // 174,593,642,496 weights (see architecture_test); the 2048 x 12288 position table is a
  // lookup, not a matrix multiply, so 174,568,476,672 enter 6 N D.
  const Scenario s = load_scenario_file(kExample, {}, catalog());
  EXPECT_DOUBLE_EQ(s.inputs.params, 174593642496.0);
  EXPECT_DOUBLE_EQ(s.inputs.flop_params, 174593642496.0 - 2048.0 * 12288);
  EXPECT_DOUBLE_EQ(s.inputs.attention_layers, 96);
  EXPECT_DOUBLE_EQ(s.inputs.attention_width, 12288);
  EXPECT_DOUBLE_EQ(s.inputs.seq_len, 2048);
}

TEST(LoadScenario, CatalogFiguresOfTheGpuAreApplied) {
  // NVIDIA A100 datasheet: 312 TFLOP/s bf16 dense; DGX A100: 6.5 kW for 8 GPUs.
  const Scenario s = load_scenario_file(kExample, {}, catalog());
  const GpuSpec& a100 = catalog().gpus.at("A100-80GB");
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 312e12);
  EXPECT_DOUBLE_EQ(s.inputs.server_power_per_gpu_w, 6500.0 / 8);
  EXPECT_DOUBLE_EQ(s.inputs.gpu_price_usd, a100.price->value);
  EXPECT_DOUBLE_EQ(s.inputs.cloud_usd_per_gpu_hour, a100.cloud_price->value);
}

TEST(LoadScenario, EconomicDefaultsComeFromTheCatalog) {
  const Scenario s = load_scenario_file(kExample, {}, catalog());
  const EconomicsDefaults& d = catalog().economics;
  EXPECT_DOUBLE_EQ(s.inputs.mfu, d.mfu.value);
  EXPECT_DOUBLE_EQ(s.inputs.average_power_fraction, d.average_power_fraction.value);
  EXPECT_DOUBLE_EQ(s.inputs.pue, d.pue.value);
  EXPECT_DOUBLE_EQ(s.inputs.grid_kg_co2_per_kwh, d.grid_kg_co2_per_kwh.value);
  EXPECT_DOUBLE_EQ(s.inputs.electricity_usd_per_kwh, d.electricity_usd_per_kwh.value);
  EXPECT_DOUBLE_EQ(s.inputs.depreciation_per_year, d.depreciation_per_year.value);
  EXPECT_DOUBLE_EQ(s.inputs.server_cost_factor, d.server_cost_factor.value);
  EXPECT_DOUBLE_EQ(s.inputs.interconnect_cost_factor, d.interconnect_cost_factor.value);
  EXPECT_DOUBLE_EQ(s.inputs.development_multiplier, d.development_multiplier.value);
  EXPECT_DOUBLE_EQ(s.inputs.hardware_age_years, 0.0);
}

TEST(LoadScenario, EconomicDefaultsAreCottiersConstants) {
  // Cottier et al. 2024 (economics_facts.csv): 0.14 OOM/y, 1.66 servers, 1.23 interconnect,
  // 0.75 average power, PUE 1.1, $0.0806/kWh, 2.2x development compute.
  const EconomicsDefaults& d = catalog().economics;
  EXPECT_DOUBLE_EQ(d.depreciation_per_year.value, 0.14 * std::log(10.0));
  EXPECT_DOUBLE_EQ(d.server_cost_factor.value, 1.66);
  EXPECT_DOUBLE_EQ(d.interconnect_cost_factor.value, 1.23);
  EXPECT_DOUBLE_EQ(d.average_power_fraction.value, 0.75);
  EXPECT_DOUBLE_EQ(d.pue.value, 1.1);
  EXPECT_DOUBLE_EQ(d.electricity_usd_per_kwh.value, 0.0806);
  EXPECT_DOUBLE_EQ(d.development_multiplier.value, 2.2);
}

TEST(LoadScenario, HardwareFiguresCanBeOverriddenPerScenario) {
  const Scenario s = load(kMinimal +
                          "  tdp: 350W\n"
                          "  server_power: 8kW\n"
                          "  gpus_per_server: 4\n"
                          "  price: $20k\n"
                          "  cloud_price: $3/h\n"
                          "  peak:\n"
                          "    bf16: 400 TFLOP/s\n");
  EXPECT_DOUBLE_EQ(s.inputs.server_power_per_gpu_w, 8000.0 / 4);
  EXPECT_DOUBLE_EQ(s.inputs.gpu_price_usd, 20e3);
  EXPECT_DOUBLE_EQ(s.inputs.cloud_usd_per_gpu_hour, 3.0);
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 400e12);
}

TEST(LoadScenario, HardwareOverrideWithTheWrongUnitNamesTheKey) {
  EXPECT_EQ(load_error(kMinimal + "  tdp: 80GB\n"),
            "s.yaml:8:8: hardware.tdp: \"GB\" is a unit of a memory size; expected a power such as "
            "400W (got 80GB)");
}

TEST(LoadScenario, CostSectionOverridesEveryPriceAndFactor) {
  const Scenario s = load(kMinimal +
                          "cost:\n"
                          "  gpu_price_usd: $10k\n"
                          "  cloud_usd_per_gpu_hour: $2.5/h\n"
                          "  electricity_usd_per_kwh: 0.08 $/kWh\n"
                          "  pue: 1.25\n"
                          "  depreciation: 28%/y\n"
                          "  hardware_age: 2y\n"
                          "  server_cost_factor: 1.5\n"
                          "  interconnect_cost_factor: 1.1\n"
                          "  development_multiplier: 4\n");
  EXPECT_DOUBLE_EQ(s.inputs.gpu_price_usd, 10e3);
  EXPECT_DOUBLE_EQ(s.inputs.cloud_usd_per_gpu_hour, 2.5);
  EXPECT_DOUBLE_EQ(s.inputs.electricity_usd_per_kwh, 0.08);
  EXPECT_DOUBLE_EQ(s.inputs.pue, 1.25);
  EXPECT_DOUBLE_EQ(s.inputs.depreciation_per_year, -std::log(0.72));
  EXPECT_DOUBLE_EQ(s.inputs.hardware_age_years, 2.0);
  EXPECT_DOUBLE_EQ(s.inputs.server_cost_factor, 1.5);
  EXPECT_DOUBLE_EQ(s.inputs.interconnect_cost_factor, 1.1);
  EXPECT_DOUBLE_EQ(s.inputs.development_multiplier, 4.0);
}

TEST(LoadScenario, PriceGivenAsHardwarePriceAndCostGpuPriceIsRejected) {
  EXPECT_EQ(
      load_error(kMinimal + "  price: $20k\ncost:\n  gpu_price_usd: $10k\n"),
      "s.yaml:10:18: cost.gpu_price_usd: the price is also set as hardware.price; set it once");
}

TEST(LoadScenario, EnergySectionOverridesFractionAndGrid) {
  const Scenario s =
      load(kMinimal + "energy:\n  average_power_fraction: 60%\n  grid_co2: 429 g/kWh\n");
  EXPECT_DOUBLE_EQ(s.inputs.average_power_fraction, 0.6);
  EXPECT_DOUBLE_EQ(s.inputs.grid_kg_co2_per_kwh, 0.429);
}

TEST(LoadScenario, MeasuredAveragePowerReplacesServerPowerTimesFraction) {
  // Patterson et al. 2021 give 330 W of average system power per V100.
  const Scenario s = load(kMinimal + "energy:\n  average_power_per_gpu: 330W\n");
  EXPECT_DOUBLE_EQ(s.inputs.server_power_per_gpu_w, 330.0);
  EXPECT_DOUBLE_EQ(s.inputs.average_power_fraction, 1.0);
}

TEST(LoadScenario, MeasuredPowerAndAFractionTogetherAreRejected) {
  EXPECT_THAT(
      load_error(kMinimal +
                 "energy:\n  average_power_fraction: 0.5\n  average_power_per_gpu: 330W\n"),
      StartsWith("s.yaml:10:26: energy.average_power_per_gpu: give average_power_per_gpu or "
                 "average_power_fraction, not both"));
}

TEST(LoadScenario, SetOverridesValuesWithUnits) {
  const Scenario s = load_scenario_file(
      kExample, {"hardware.count=2048", "cost.cloud_usd_per_gpu_hour=$2/h", "training.mfu=50%"},
      catalog());
  EXPECT_DOUBLE_EQ(s.inputs.gpu_count, 2048);
  EXPECT_DOUBLE_EQ(s.inputs.cloud_usd_per_gpu_hour, 2.0);
  EXPECT_DOUBLE_EQ(s.inputs.mfu, 0.5);
}

TEST(LoadScenario, SetCanSwitchTheGpu) {
  const Scenario s = load_scenario_file(kExample, {"hardware.gpu=H100-SXM"}, catalog());
  EXPECT_EQ(s.hardware.name, "H100-SXM");
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 989.4e12);  // NVIDIA H100 whitepaper, bf16 dense
}

TEST(LoadScenario, BadSetValueIsReportedAtThatSet) {
  EXPECT_EQ(input_error([] {
              load_scenario_file(kExample, {"training.mfu=0.4", "hardware.count=-1"}, catalog());
            }),
            "--set:2:1: hardware.count: must be positive (got -1)");
}

TEST(LoadScenario, SetOfAnUnknownKeyIsReportedWithASuggestion) {
  EXPECT_EQ(input_error([] { load_scenario_file(kExample, {"hardware.cuont=5"}, catalog()); }),
            "--set:1:1: hardware.cuont: unknown key (did you mean \"count\"?)");
}

TEST(LoadScenario, ParamsAloneGiveNoAttentionTerm) {
  const Scenario s = load(kMinimal);
  EXPECT_DOUBLE_EQ(s.inputs.params, 175e9);
  EXPECT_DOUBLE_EQ(s.inputs.flop_params, 175e9);
  EXPECT_DOUBLE_EQ(s.inputs.attention_layers, 0);
}

TEST(LoadScenario, ExplicitParamsWinOverTheArchitectureWhichStillGivesAttention) {
  const Scenario s = load(
      "model:\n"
      "  params: 175B\n"
      "  architecture: {layers: 96, hidden: 12288, heads: 96, vocab: 50257, seq_len: 2048}\n"
      "data: {tokens: 300B}\n"
      "hardware: {gpu: A100-80GB, count: 1024}\n");
  EXPECT_DOUBLE_EQ(s.inputs.params, 175e9);
  EXPECT_DOUBLE_EQ(s.inputs.flop_params, 175e9);
  EXPECT_DOUBLE_EQ(s.inputs.attention_layers, 96);
  EXPECT_DOUBLE_EQ(s.inputs.attention_width, 12288);
  EXPECT_DOUBLE_EQ(s.inputs.seq_len, 2048);
}

TEST(LoadScenario, ArchitectureDefaultsToFourTimesWideFeedForwardAndTiedEmbeddings) {
  const Scenario s = load(
      "model:\n"
      "  architecture: {layers: 2, hidden: 64, heads: 4, vocab: 1000, seq_len: 128}\n"
      "data: {tokens: 1M}\n"
      "hardware: {gpu: A100-80GB, count: 8}\n");
  Architecture a;
  a.layers = 2;
  a.hidden = 64;
  a.heads = 4;
  a.ffn = 256;
  a.vocab = 1000;
  a.seq_len = 128;
  EXPECT_DOUBLE_EQ(s.inputs.params, total_params(a));
  // 2 x (12 x 64^2 + 4 x 64) + 1000 x 64 + 2 x 64 = 98,944 + 64,000 + 128.
  EXPECT_DOUBLE_EQ(s.inputs.params, 2 * (12 * 64.0 * 64 + 4 * 64) + 1000 * 64.0 + 2 * 64);
}

TEST(LoadScenario, ActiveParamsSetTheComputeOfAMixtureOfExperts) {
  const Scenario s = load(
      "model: {params: 671B, active_params: 37B}\n"
      "data: {tokens: 14.8T}\n"
      "hardware: {gpu: H800, count: 2048}\n");
  EXPECT_DOUBLE_EQ(s.inputs.params, 671e9);
  EXPECT_DOUBLE_EQ(s.inputs.flop_params, 37e9);
}

TEST(LoadScenario, ActiveParamsAboveAllParamsAreRejected) {
  EXPECT_EQ(load_error("model:\n  params: 37B\n  active_params: 671B\ndata: {tokens: 1T}\n"
                       "hardware: {gpu: H800, count: 8}\n"),
            "s.yaml:3:18: model.active_params: must not exceed params (3.7e+10) (got 6.71e+11)");
}

TEST(LoadScenario, ModelWithoutParamsOrArchitectureIsRejected) {
  EXPECT_EQ(
      load_error(
          "model:\n  active_params: 7B\ndata: {tokens: 1T}\nhardware: {gpu: H800, count: 8}\n"),
      "s.yaml:2:3: model.params: missing: give model.params or a model.architecture to count "
      "them from");
}

TEST(LoadScenario, HeadsThatDoNotDivideHiddenAreRejected) {
  EXPECT_EQ(load_error("model:\n  architecture:\n    layers: 2\n    hidden: 100\n    heads: 3\n"
                       "    vocab: 10\n    seq_len: 8\n"
                       "data: {tokens: 1M}\nhardware: {gpu: V100, count: 8}\n"),
            "s.yaml:5:12: model.architecture.heads: must divide hidden (100) (got 3)");
}

TEST(LoadScenario, KeyValueHeadsThatDoNotDivideHeadsAreRejected) {
  EXPECT_THAT(
      load_error(
          "model:\n  architecture: {layers: 2, hidden: 64, heads: 8, kv_heads: 3, vocab: 10, "
          "seq_len: 8}\ndata: {tokens: 1M}\nhardware: {gpu: V100, count: 8}\n"),
      StartsWith("s.yaml:2:61: model.architecture.kv_heads: must divide heads (8) (got 3)"));
}

TEST(LoadScenario, PrecisionDefaultsToBf16) {
  EXPECT_EQ(load(kMinimal).precision, "bf16");
}

TEST(LoadScenario, PrecisionFallsBackToFp16WhereTheGpuHasNoBf16) {
  // Volta has no bf16: V100 trains in fp16 at 125 TFLOP/s (NVIDIA V100 datasheet, tensor).
  const Scenario s =
      load("model: {params: 175B}\ndata: {tokens: 300B}\nhardware: {gpu: V100, count: 10000}\n");
  EXPECT_EQ(s.precision, "fp16");
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 125e12);
}

TEST(LoadScenario, PrecisionTheGpuLacksIsRejectedWhereItIsAsked) {
  EXPECT_EQ(
      load_error("model: {params: 175B}\ndata: {tokens: 300B}\nhardware: {gpu: V100, count: 8}\n"
                 "training:\n  precision: bf16\n"),
      "s.yaml:5:14: training.precision: V100 has no dense bf16 peak in the catalog; it lists "
      "fp16, fp32, fp64 (got bf16)");
}

TEST(LoadScenario, Fp8UsesItsOwnPeak) {
  const Scenario s = load(kMinimal + "training: {precision: fp8}\n", {"hardware.gpu=H100-SXM"});
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 1978.9e12);  // NVIDIA H100 whitepaper, fp8 dense
}

TEST(LoadScenario, Fp4UsesItsOwnPeakWhereTheGpuHasOne) {
  const Scenario s = load(kMinimal + "training: {precision: fp4}\n", {"hardware.gpu=B200"});
  EXPECT_DOUBLE_EQ(s.inputs.peak_flop_per_s, 9000e12);  // NVIDIA HGX B200, fp4 dense
  // Hopper has no fp4: the one located line names what the catalog lists instead.
  EXPECT_EQ(load_error(kMinimal + "training:\n  precision: fp4\n", {"hardware.gpu=H100-SXM"}),
            "s.yaml:9:14: training.precision: H100-SXM has no dense fp4 peak in the catalog; it "
            "lists bf16, fp16, fp32, fp64, fp8, int8, tf32 (got fp4)");
}

TEST(LoadScenario, UnknownPrecisionSuggestsAKnownOne) {
  EXPECT_THAT(load_error(kMinimal + "training:\n  precision: bf61\n"),
              StartsWith("s.yaml:9:14: training.precision: must be one of"));
}

TEST(LoadScenario, RecomputeModesMapToTheirConstants) {
  EXPECT_DOUBLE_EQ(load(kMinimal).inputs.recompute, kRecomputeNone);
  EXPECT_DOUBLE_EQ(load(kMinimal + "training: {recompute: selective}\n").inputs.recompute,
                   kRecomputeSelective);
  EXPECT_DOUBLE_EQ(load(kMinimal + "training: {recompute: full}\n").inputs.recompute,
                   kRecomputeFull);
}

TEST(LoadScenario, ThroughputSetsTheHardwareThroughputBasis) {
  const Scenario s =
      load(kMinimal + "training: {recompute: full, throughput_per_gpu: 140 TFLOP/s}\n");
  EXPECT_EQ(s.basis, "throughput");
  EXPECT_DOUBLE_EQ(s.inputs.utilization_basis, kBasisHardwareThroughput);
  EXPECT_DOUBLE_EQ(s.inputs.hardware_flop_per_s_per_gpu, 140e12);
}

TEST(LoadScenario, ThroughputAbovePeakIsRejected) {
  EXPECT_EQ(load_error(kMinimal + "training:\n  throughput_per_gpu: 400 TFLOP/s\n"),
            "s.yaml:9:23: training.throughput_per_gpu: must be at most 3.12e+14 (got 400 TFLOP/s)");
}

TEST(LoadScenario, DurationSetsTheDurationBasis) {
  const Scenario s = load(kMinimal + "training: {duration: 90d}\n");
  EXPECT_EQ(s.basis, "duration");
  EXPECT_DOUBLE_EQ(s.inputs.utilization_basis, kBasisDuration);
  EXPECT_DOUBLE_EQ(s.inputs.duration_s, 90 * 86400.0);
}

TEST(LoadScenario, TwoUtilisationBasesAreRejected) {
  EXPECT_EQ(
      load_error(kMinimal + "training:\n  mfu: 0.4\n  duration: 90d\n"),
      "s.yaml:10:13: training.duration: give only one of mfu, throughput_per_gpu and duration");
}

TEST(LoadScenario, UnknownGpuListsTheCatalogAndSuggestsTheNearest) {
  EXPECT_EQ(
      load_error(
          "model: {params: 7B}\ndata: {tokens: 1T}\nhardware:\n  gpu: H100-SMX\n  count: 8\n"),
      "s.yaml:4:8: hardware.gpu: unknown GPU; the catalog has A100-40GB, A100-80GB, A800, B200, "
      "GB200-NVL72, H100-SXM, H20, H200, H800, MI300X, V100 (did you mean \"H100-SXM\"?) (got "
      "H100-SMX)");
}

TEST(LoadScenario, UnknownTopLevelKeySuggestsTheSection) {
  EXPECT_EQ(load_error(kMinimal + "trainig:\n  mfu: 0.4\n"),
            "s.yaml:8:1: trainig: unknown key (did you mean \"training\"?)");
}

TEST(LoadScenario, MissingSectionIsNamed) {
  EXPECT_EQ(load_error("model: {params: 7B}\nhardware: {gpu: V100, count: 8}\n"),
            "s.yaml:1:1: data: missing section");
}

TEST(LoadScenario, KeyWithNothingAfterItIsReportedAtTheKey) {
  // yaml-cpp places an empty value where the next token starts (here line 3); the message
  // points at the key the user left empty instead.
  EXPECT_EQ(load_error("model:\n  params:\ndata: {tokens: 1T}\nhardware: {gpu: V100, count: 8}\n"),
            "s.yaml:2:3: model.params: missing value");
}

TEST(LoadScenario, EmptySectionIsReportedAtItsKey) {
  EXPECT_EQ(load_error("model: {params: 7B}\ndata:\nhardware: {gpu: V100, count: 8}\n"),
            "s.yaml:2:1: data: expected a mapping of keys to values (got nothing)");
}

TEST(LoadScenario, GpuCountMustBeAPositiveWholeNumberBelowTenMillion) {
  EXPECT_EQ(load_error(kMinimal, {"hardware.count=0"}),
            "--set:1:1: hardware.count: must be positive (got 0)");
  EXPECT_EQ(load_error(kMinimal, {"hardware.count=1.5"}),
            "--set:1:1: hardware.count: must be a whole number (got 1.5)");
  EXPECT_EQ(load_error(kMinimal, {"hardware.count=1e30"}),
            "--set:1:1: hardware.count: must be at most 1e+07 (got 1e30)");
}

TEST(LoadScenario, MfuMustBeAFractionAboveZero) {
  EXPECT_EQ(load_error(kMinimal, {"training.mfu=1.5"}),
            "--set:1:1: training.mfu: must be at most 1 (got 1.5)");
  EXPECT_EQ(load_error(kMinimal, {"training.mfu=0"}),
            "--set:1:1: training.mfu: must be at least 0.0001 (got 0)");
  EXPECT_EQ(load_error(kMinimal, {"training.mfu=nan"}),
            "--set:1:1: training.mfu: must be a finite number (got nan)");
}

TEST(LoadScenario, TokensBelowAThousandAreRejected) {
  EXPECT_EQ(load_error(kMinimal, {"data.tokens=0"}),
            "--set:1:1: data.tokens: must be at least 1000 (got 0)");
}

TEST(LoadScenario, BarePriceIsRejectedAtItsLine) {
  EXPECT_EQ(
      load_error(kMinimal + "cost:\n  gpu_price_usd: 10000\n"),
      "s.yaml:9:18: cost.gpu_price_usd: needs a unit: an amount of money such as $10k (got 10000)");
}

TEST(LoadScenario, ClaimsAreReadInBaseUnits) {
  const Scenario s = load(kMinimal +
                          "claims:\n"
                          "  - claim: days\n"
                          "    output: wall_days\n"
                          "    published: 34d\n"
                          "    tolerance: 3%\n"
                          "    source: Narayanan et al. 2021\n"
                          "  - claim: cost\n"
                          "    output: cost.cloud_usd\n"
                          "    range: {min: $1M, max: $5M}\n"
                          "    source: a guess\n");
  ASSERT_EQ(s.claims.size(), 2u);
  EXPECT_EQ(s.claims[0].output, "wall_days");
  EXPECT_DOUBLE_EQ(*s.claims[0].published, 34 * 86400.0);
  EXPECT_DOUBLE_EQ(s.claims[0].tolerance, 0.03);
  EXPECT_EQ(s.claims[0].where.line, 9);
  EXPECT_FALSE(s.claims[1].published.has_value());
  EXPECT_DOUBLE_EQ(*s.claims[1].range_min, 1e6);
  EXPECT_DOUBLE_EQ(*s.claims[1].range_max, 5e6);
}

TEST(LoadScenario, ClaimOfAnUnknownOutputSuggestsOne) {
  EXPECT_EQ(
      load_error(
          kMinimal +
          "claims:\n  - {claim: x, source: y, output: wall_dayz, published: 1d, tolerance: 1%}\n"),
      "s.yaml:9:35: claims[0].output: unknown output (did you mean \"wall_days\"?) (got "
      "wall_dayz)");
}

TEST(LoadScenario, ClaimNeedsPublishedOrRangeButNotBoth) {
  EXPECT_THAT(load_error(kMinimal + "claims:\n  - {claim: x, source: y, output: wall_days}\n"),
              HasSubstr("claims[0].published: give either published (with tolerance) or range"));
  EXPECT_THAT(
      load_error(kMinimal + "claims:\n  - {claim: x, source: y, output: wall_days, published: 1d, "
                            "tolerance: 1%, range: {min: 1d, max: 2d}}\n"),
      HasSubstr("claims[0].published: give either published (with tolerance) or range"));
}

TEST(LoadScenario, ClaimRangeMustBeIncreasing) {
  EXPECT_THAT(
      load_error(
          kMinimal +
          "claims:\n  - {claim: x, source: y, output: wall_days, range: {min: 2d, max: 1d}}\n"),
      HasSubstr("claims[0].range.max: must be above min (got 1d)"));
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

// Llama-3-70B-shaped: 70B on 15T tokens on 2,048 H100. In fp8 the catalog's default MFU (42%
// of the bf16 peak) is the same throughput, so the same GPU-hours: 21% of the fp8 peak.
TEST(LoadScenario, DefaultMfuIsAFractionOfTheBf16PeakWhateverThePrecision) {
  const std::string text =
      "model:\n  params: 70B\ndata:\n  tokens: 15T\nhardware:\n  gpu: H100-SXM\n  count: 2048\n";
  const Scenario bf16 = load(text);
  const Scenario fp8 = load(text + "training:\n  precision: fp8\n");
  EXPECT_DOUBLE_EQ(bf16.inputs.mfu, 0.42);
  EXPECT_NEAR(fp8.inputs.mfu * fp8.inputs.peak_flop_per_s,
              bf16.inputs.mfu * bf16.inputs.peak_flop_per_s, 1e-6 * bf16.inputs.peak_flop_per_s);
  EXPECT_NEAR(evaluate_training(fp8.inputs).gpu_hours, evaluate_training(bf16.inputs).gpu_hours,
              1e-9 * evaluate_training(bf16.inputs).gpu_hours);
  // A stated MFU is the user's, of the precision's peak.
  const Scenario stated = load(text + "training:\n  precision: fp8\n  mfu: 30%\n");
  EXPECT_DOUBLE_EQ(stated.inputs.mfu, 0.30);
}

}  // namespace
}  // namespace llmb
