#include "sim/catalog/gpu_spec.h"

#include "sim/yaml/input_limits.h"

namespace llmb {

const std::vector<std::string>& precision_names() {
  static const std::vector<std::string> names{"fp64", "fp32", "tf32", "bf16",
                                              "fp16", "fp8",  "int8", "fp4"};
  return names;
}

namespace {

// Limits well above any accelerator shipped, to catch unit slips (W for kW, GB for TB).
constexpr double kMaxPeakFlopPerSecond = 1e17;
constexpr double kMaxMemoryBytes = 1e13;
constexpr double kMaxBandwidth = 1e14;
constexpr double kMaxPowerW = 1e6;
constexpr double kMaxGpusPerServer = 1024;
// Lower limits far below any accelerator, so that a slip (1e-300 GB) is refused instead of
// giving an infinite fleet or cost: 1 MB, 1 MB/s, 1 W, 1 GFLOP/s.
constexpr double kMinMemoryBytes = 1e6;
constexpr double kMinBandwidth = 1e6;
constexpr double kMinPowerW = 1;
constexpr double kMinPeakFlopPerSecond = 1e9;  // 1 GFLOP/s

Bounds within(double min, double max) {
  return {min, max, false, false};
}

}  // namespace

const std::vector<GpuFigure>& gpu_figures() {
  static const std::vector<GpuFigure> figures{
      {"memory", "memory_bytes", &GpuSpec::memory, Dimension::kBytes,
       within(kMinMemoryBytes, kMaxMemoryBytes), false, "memory"},
      {"memory_bandwidth", "memory_bandwidth_bytes_per_s", &GpuSpec::memory_bandwidth,
       Dimension::kBytesPerSecond, within(kMinBandwidth, kMaxBandwidth), false, "HBM"},
      {"nvlink_bandwidth", "nvlink_bandwidth_bytes_per_s", &GpuSpec::nvlink_bandwidth,
       Dimension::kBytesPerSecond, within(kMinBandwidth, kMaxBandwidth), false, "NVLink"},
      {"network_bandwidth", "network_bandwidth_bytes_per_s", &GpuSpec::network_bandwidth,
       Dimension::kBytesPerSecond, within(kMinBandwidth, kMaxBandwidth), false, ""},
      {"tdp", "tdp_w", &GpuSpec::tdp, Dimension::kPower, within(kMinPowerW, kMaxPowerW), false, "TDP"},
      {"gpus_per_server", "gpus_per_server", &GpuSpec::gpus_per_server, Dimension::kCount,
       positive_integer(kMaxGpusPerServer), false, ""},
      {"server_power", "server_power_w", &GpuSpec::server_power, Dimension::kPower,
       within(kMinPowerW, kMaxPowerW), false, "server"},
      {"price", "price_usd", &GpuSpec::price, Dimension::kUsd, positive(limits::kMaxPriceUsd),
       true, "price"},
      {"cloud_price", "cloud_usd_per_gpu_hour", &GpuSpec::cloud_price, Dimension::kUsdPerGpuHour,
       positive(limits::kMaxCloudUsdPerHour), true, "cloud"},
  };
  return figures;
}

const std::vector<std::string>& gpu_figure_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> list{"description", "released", "peak"};
    for (const auto& figure : gpu_figures()) list.emplace_back(figure.key);
    return list;
  }();
  return keys;
}

void read_gpu_figures(const Fields& fields, bool catalog_entry, GpuSpec& into) {
  if (auto text = fields.optional_text("description")) into.description = *text;
  if (auto text = fields.optional_text("released")) into.released = *text;
  if (auto peak = fields.optional_child("peak")) {
    for (const auto& precision : precision_names()) {
      if (auto value = peak->optional_sourced(precision, Dimension::kFlopPerSecond,
                                              within(kMinPeakFlopPerSecond, kMaxPeakFlopPerSecond),
                                              catalog_entry, false))
        into.peak[precision] = *value;
    }
    peak->reject_unknown(precision_names());
  }
  for (const auto& figure : gpu_figures())
    if (auto value = fields.optional_sourced(figure.key, figure.dimension, figure.bounds,
                                             catalog_entry, catalog_entry && figure.is_price))
      into.*figure.member = std::move(value);
}

}  // namespace llmb
