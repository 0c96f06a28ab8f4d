#include "sim/catalog/gpu_spec.h"

#include "sim/yaml/input_limits.h"

namespace llmb {

const std::vector<std::string>& precision_names() {
  static const std::vector<std::string> names{"fp64", "fp32", "tf32", "bf16",
                                              "fp16", "fp8",  "int8"};
  return names;
}

const std::vector<std::string>& gpu_figure_keys() {
  static const std::vector<std::string> keys{"description",
                                             "released",
                                             "peak",
                                             "memory",
                                             "memory_bandwidth",
                                             "nvlink_bandwidth",
                                             "network_bandwidth",
                                             "tdp",
                                             "gpus_per_server",
                                             "server_power",
                                             "price",
                                             "cloud_price"};
  return keys;
}

namespace {

// Limits well above any accelerator shipped, to catch unit slips (W for kW, GB for TB).
constexpr double kMaxPeakFlopPerSecond = 1e17;
constexpr double kMaxMemoryBytes = 1e13;
constexpr double kMaxBandwidth = 1e14;
constexpr double kMaxPowerW = 1e6;
constexpr double kMaxGpusPerServer = 1024;

void read_into(std::optional<Sourced>& slot, const Fields& fields, std::string_view key,
               Dimension dimension, Bounds bounds, bool catalog_entry, bool is_price) {
  if (auto value =
          fields.optional_sourced(key, dimension, bounds, catalog_entry, catalog_entry && is_price))
    slot = std::move(value);
}

}  // namespace

void read_gpu_figures(const Fields& fields, bool catalog_entry, GpuSpec& into) {
  if (auto text = fields.optional_text("description")) into.description = *text;
  if (auto text = fields.optional_text("released")) into.released = *text;
  if (auto peak = fields.optional_child("peak")) {
    for (const auto& precision : precision_names()) {
      if (auto value =
              peak->optional_sourced(precision, Dimension::kFlopPerSecond,
                                     positive(kMaxPeakFlopPerSecond), catalog_entry, false))
        into.peak[precision] = *value;
    }
    peak->reject_unknown(precision_names());
  }
  read_into(into.memory, fields, "memory", Dimension::kBytes, positive(kMaxMemoryBytes),
            catalog_entry, false);
  read_into(into.memory_bandwidth, fields, "memory_bandwidth", Dimension::kBytesPerSecond,
            positive(kMaxBandwidth), catalog_entry, false);
  read_into(into.nvlink_bandwidth, fields, "nvlink_bandwidth", Dimension::kBytesPerSecond,
            positive(kMaxBandwidth), catalog_entry, false);
  read_into(into.network_bandwidth, fields, "network_bandwidth", Dimension::kBytesPerSecond,
            positive(kMaxBandwidth), catalog_entry, false);
  read_into(into.tdp, fields, "tdp", Dimension::kPower, positive(kMaxPowerW), catalog_entry, false);
  read_into(into.gpus_per_server, fields, "gpus_per_server", Dimension::kCount,
            positive_integer(kMaxGpusPerServer), catalog_entry, false);
  read_into(into.server_power, fields, "server_power", Dimension::kPower, positive(kMaxPowerW),
            catalog_entry, false);
  read_into(into.price, fields, "price", Dimension::kUsd, positive(limits::kMaxPriceUsd),
            catalog_entry, true);
  read_into(into.cloud_price, fields, "cloud_price", Dimension::kUsdPerGpuHour,
            positive(limits::kMaxCloudUsdPerHour), catalog_entry, true);
}

}  // namespace llmb
