// The 2023-2025 accelerators in the bundled catalog: each loads with a source on every figure, and
// a few figures match the datasheets they cite (dense peaks; sparse datasheet figures halved).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sim/catalog/catalog.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;

const Catalog& catalog() {
  static const Catalog loaded = load_catalog(LLMB_SOURCE_DIR "/scenarios/catalog");
  return loaded;
}

const GpuSpec& gpu(const std::string& name) {
  return catalog().gpus.at(name);
}

double peak(const std::string& name, const std::string& precision) {
  return gpu(name).peak.at(precision).value;
}

class RecentGpu : public ::testing::TestWithParam<const char*> {};

INSTANTIATE_TEST_SUITE_P(Catalog, RecentGpu,
                         ::testing::Values("B200", "GB200-NVL72", "MI300X", "H20"));

TEST_P(RecentGpu, EveryFigureHasASourceAndEveryPriceADate) {
  const GpuSpec& g = gpu(GetParam());
  EXPECT_FALSE(g.description.empty());
  EXPECT_FALSE(g.released.empty());
  for (const auto& [precision, value] : g.peak) EXPECT_FALSE(value.source.empty()) << precision;
  for (const auto& figure : gpu_figures()) {
    const auto& value = g.*figure.member;
    if (!value) continue;
    EXPECT_FALSE(value->source.empty()) << figure.key;
    if (figure.is_price) {
      EXPECT_FALSE(value->date.empty()) << figure.key;
    }
  }
  for (const auto& required :
       {&GpuSpec::memory, &GpuSpec::memory_bandwidth, &GpuSpec::nvlink_bandwidth, &GpuSpec::tdp,
        &GpuSpec::gpus_per_server, &GpuSpec::server_power, &GpuSpec::price, &GpuSpec::cloud_price})
    EXPECT_TRUE((g.*required).has_value());
  for (const char* precision : {"fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int8"})
    EXPECT_TRUE(g.peak.contains(precision)) << precision;
}

TEST_P(RecentGpu, DensePeaksDoubleFromBf16ToFp8AndTf32IsHalfOfBf16) {
  // On every tensor-core part since Ampere the dense rates go tf32 : bf16 : fp8 = 1 : 2 : 4; a
  // sparse figure copied by mistake would break the ratio to the figures beside it. Tolerances:
  // vendors round (MI300X: 1307.4 x 2 = 2614.8, listed 2614.9; B200 TF32 2.2 sparse, not 2.25).
  const std::string name = GetParam();
  const double bf16 = peak(name, "bf16");
  EXPECT_NEAR(peak(name, "tf32") * 2, bf16, 0.03 * bf16);
  EXPECT_DOUBLE_EQ(peak(name, "fp16"), bf16);
  EXPECT_NEAR(peak(name, "fp8"), 2 * bf16, 1e-3 * bf16);
  EXPECT_DOUBLE_EQ(peak(name, "int8"), peak(name, "fp8"));
  if (gpu(name).peak.contains("fp4")) {
    EXPECT_DOUBLE_EQ(peak(name, "fp4"), 2 * peak(name, "fp8"));
  }
}

TEST(RecentGpus, B200MatchesTheHgxB200Column) {
  // NVIDIA Blackwell datasheet, HGX B200 column: FP16/BF16 4.5 PFLOPS and FP8 9 PFLOPS with
  // sparsity, FP4 18 sparse (HGX page: 144 | 72 PFLOPS for 8 GPUs), FP64 37 TFLOPS, 180GB HBM3E
  // at 7.7 TB/s, 1.8 TB/s NVLink, up to 1,000 W; DGX B200 User Guide: 8 GPUs, 14.3 kW,
  // one 400 Gb/s ConnectX-7 per GPU.
  EXPECT_DOUBLE_EQ(peak("B200", "bf16"), 2250e12);
  EXPECT_DOUBLE_EQ(peak("B200", "fp8"), 4500e12);
  EXPECT_DOUBLE_EQ(peak("B200", "fp4"), 9000e12);
  EXPECT_DOUBLE_EQ(peak("B200", "fp64"), 37e12);
  const GpuSpec& b = gpu("B200");
  EXPECT_DOUBLE_EQ(b.memory->value, 180e9);
  EXPECT_DOUBLE_EQ(b.memory_bandwidth->value, 7.7e12);
  EXPECT_DOUBLE_EQ(b.nvlink_bandwidth->value, 1.8e12);
  EXPECT_DOUBLE_EQ(b.network_bandwidth->value, 400e9 / 8);
  EXPECT_DOUBLE_EQ(b.tdp->value, 1000);
  EXPECT_DOUBLE_EQ(b.gpus_per_server->value, 8);
  EXPECT_DOUBLE_EQ(b.server_power->value, 14.3e3);
  EXPECT_THAT(b.peak.at("bf16").source, HasSubstr("with sparsity, dense half"));
}

TEST(RecentGpus, Gb200IsOneNvlinkDomainOf72GpusWithTheRackPeaksDividedBy72) {
  // NVIDIA GB200 NVL72 page, per rack, sparse (dense one half): FP16/BF16 360 PFLOPS, FP8 720;
  // NVFP4 1,440 | 720 sparse | dense; FP64 2,880 TFLOPS; 13.4 TB HBM3E (186 GB a GPU) at
  // 576 TB/s; 130 TB/s of NVLink. DGX GB200 User Guide: 18 trays of 4 GPUs, one ConnectX-7
  // 400G per GPU.
  EXPECT_DOUBLE_EQ(peak("GB200-NVL72", "bf16"), 360e15 / 72 / 2);
  EXPECT_DOUBLE_EQ(peak("GB200-NVL72", "fp8"), 720e15 / 72 / 2);
  EXPECT_DOUBLE_EQ(peak("GB200-NVL72", "fp4"), 720e15 / 72);
  EXPECT_DOUBLE_EQ(peak("GB200-NVL72", "fp64"), 2880e12 / 72);
  const GpuSpec& g = gpu("GB200-NVL72");
  EXPECT_DOUBLE_EQ(g.gpus_per_server->value, 72);
  EXPECT_DOUBLE_EQ(g.memory->value, 186e9);
  EXPECT_DOUBLE_EQ(g.memory_bandwidth->value, 576e12 / 72);
  EXPECT_NEAR(g.nvlink_bandwidth->value, 130e12 / 72, 0.02e12);
  EXPECT_DOUBLE_EQ(g.network_bandwidth->value, 400e9 / 8);
  EXPECT_DOUBLE_EQ(g.tdp->value, 1200);
  // The rack is the server: its power covers 72 GPUs, their CPUs and the NVLink switches.
  EXPECT_GT(g.server_power->value / g.gpus_per_server->value, g.tdp->value);
  EXPECT_THAT(g.server_power->source, HasSubstr("ESTIMATE"));
  EXPECT_THAT(g.price->source, HasSubstr("PROXY"));
}

TEST(RecentGpus, Mi300xMatchesAmdsDenseFiguresAndInfinityFabricStandsForNvlink) {
  // AMD ROCm docs, MI300X peak-performance table (dense): BF16 1307.4, FP8 2614.9, FP64 matrix
  // 163.4 TFLOPS; 192 GB HBM3 at 5.3 TB/s; 750 W. Infinity Fabric: 7 links x 128 GB/s.
  EXPECT_DOUBLE_EQ(peak("MI300X", "bf16"), 1307.4e12);
  EXPECT_DOUBLE_EQ(peak("MI300X", "fp8"), 2614.9e12);
  EXPECT_DOUBLE_EQ(peak("MI300X", "fp64"), 163.4e12);
  EXPECT_FALSE(gpu("MI300X").peak.contains("fp4"));  // CDNA 3 has no FP4
  const GpuSpec& m = gpu("MI300X");
  EXPECT_DOUBLE_EQ(m.memory->value, 192e9);
  EXPECT_DOUBLE_EQ(m.memory_bandwidth->value, 5.3e12);
  EXPECT_DOUBLE_EQ(m.nvlink_bandwidth->value, 7 * 128e9);
  EXPECT_THAT(m.nvlink_bandwidth->source, HasSubstr("Infinity Fabric"));
  EXPECT_DOUBLE_EQ(m.tdp->value, 750);
  EXPECT_DOUBLE_EQ(m.gpus_per_server->value, 8);
}

TEST(RecentGpus, H20KeepsHopperBandwidthButAbout15PercentOfItsCompute) {
  // Press figures (no NVIDIA datasheet): 148 TFLOPS FP16, 296 FP8/INT8, 96 GB HBM3 at 4.0 TB/s,
  // 900 GB/s NVLink, 400 W; H100 SXM is 6.68x faster on dense FP16 (TweakTown 2024-01).
  EXPECT_DOUBLE_EQ(peak("H20", "bf16"), 148e12);
  EXPECT_DOUBLE_EQ(peak("H20", "fp8"), 296e12);
  EXPECT_NEAR(peak("H100-SXM", "bf16") / peak("H20", "bf16"), 6.68, 0.01);
  const GpuSpec& h = gpu("H20");
  EXPECT_DOUBLE_EQ(h.memory->value, 96e9);
  EXPECT_DOUBLE_EQ(h.memory_bandwidth->value, 4.0e12);
  EXPECT_DOUBLE_EQ(h.nvlink_bandwidth->value, gpu("H100-SXM").nvlink_bandwidth->value);
  EXPECT_DOUBLE_EQ(h.tdp->value, 400);
  EXPECT_FALSE(h.network_bandwidth.has_value());  // no sourced figure: a scenario must give one
  EXPECT_THAT(h.cloud_price->source, HasSubstr("PROXY"));
}

TEST(RecentGpus, Fp4IsListedOnlyForBlackwell) {
  for (const auto& [name, g] : catalog().gpus)
    EXPECT_EQ(g.peak.contains("fp4"), name == "B200" || name == "GB200-NVL72") << name;
}

}  // namespace
}  // namespace llmb
