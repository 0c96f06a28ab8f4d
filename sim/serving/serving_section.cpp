#include "sim/serving/serving_section.h"

#include <fmt/format.h>

#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

// Limits that catch unit slips and typos, not ambition.
constexpr double kMaxTokensPerRequest = 1e8;
constexpr double kMaxBatch = 1e6;
constexpr double kMaxGpusPerReplica = 1e5;
constexpr double kMaxTokensPerSecond = 1e8;
constexpr double kMinTokensPerSecond = 1e-3;  // a measured rate below this is a unit slip
constexpr double kMaxKvBytesPerToken = 1e10;

struct ServingDefaults {
  double bandwidth_utilization = 0;
  double peak_to_average = 0;
  double fleet_utilization = 0;
};

// DIR/serving.yaml: the sourced defaults of a serving section.
ServingDefaults load_serving_defaults(const std::string& directory) {
  const Document doc = Document::load_file(directory + "/serving.yaml");
  const Fields root(doc, doc.root(), "");
  const Fields defaults = root.child("defaults");
  auto read = [&](const char* key, Bounds bounds) {
    auto value = defaults.optional_sourced(key, Dimension::kDimensionless, bounds, true, false);
    if (!value) defaults.fail(key, "missing default");
    return value->value;
  };
  ServingDefaults out;
  out.bandwidth_utilization = read("bandwidth_utilization", fraction_positive());
  out.peak_to_average = read("peak_to_average", {1, 100});
  out.fleet_utilization = read("fleet_utilization", fraction_positive());
  defaults.reject_unknown({"bandwidth_utilization", "peak_to_average", "fleet_utilization"});
  root.reject_unknown({"defaults"});
  return out;
}

// Bytes a weight takes at a precision, and the catalog peak its matrix multiplies run at:
// int8 and fp8 compute in 8 bits (weights and activations quantised, as SemiAnalysis assume);
// fp4 (NVFP4/MXFP4) computes in 4 bits on the GPUs whose catalog entry has an fp4 peak
// (Blackwell); int4 is weight-only quantisation, dequantised to 16 bits for the multiply.
double bytes_per_param(const std::string& precision) {
  if (precision == "int4" || precision == "fp4") return 0.5;
  if (precision == "int8" || precision == "fp8") return 1.0;
  return 2.0;
}
std::string default_compute_precision(const std::string& precision, const GpuSpec& gpu) {
  if (precision == "fp4" || precision == "int8" || precision == "fp8" || precision == "bf16" ||
      precision == "fp16")
    return precision;
  return gpu.peak.contains("bf16") ? "bf16" : "fp16";
}

void read_model(const Fields& model, ServingSection& s) {
  ServingInputs& in = s.inputs;
  in.active_params =
      model.quantity("active_params", Dimension::kCount, {limits::kMinParams, limits::kMaxParams});
  if (auto total = model.optional_quantity("params", Dimension::kCount,
                                           {limits::kMinParams, limits::kMaxParams})) {
    if (*total < in.active_params)
      model.fail("params", fmt::format("must not be below active_params ({:g})", in.active_params),
                 fmt::format("{:g}", *total));
    in.total_params = *total;
  }
  s.precision = model.choice("precision", serving_precision_names(), "bf16");
  in.bytes_per_param = bytes_per_param(s.precision);
  if (model.has("kv_bytes_per_token") && model.has("kv_cache"))
    model.fail("kv_cache", "give kv_cache or kv_bytes_per_token, not both");
  if (auto bytes = model.optional_quantity("kv_bytes_per_token", Dimension::kBytes,
                                           non_negative(kMaxKvBytesPerToken)))
    in.kv_bytes_per_token = *bytes;
  // Keys and values of every layer: 2 x layers x (KV heads x head size) x bytes per value.
  if (auto kv = model.optional_child("kv_cache")) {
    const double layers = kv->quantity("layers", Dimension::kCount, positive_integer(1e5));
    const double width = kv->quantity("width", Dimension::kCount, positive_integer(1e7));
    const double bytes = kv->quantity("bytes_per_value", Dimension::kDimensionless, {0.5, 8});
    kv->reject_unknown({"layers", "width", "bytes_per_value"});
    in.kv_bytes_per_token = 2.0 * layers * width * bytes;
  }
}

GpuSpec read_hardware(const Fields& hardware, const Catalog& catalog) {
  GpuSpec gpu = find_gpu(hardware, "gpu", catalog);
  read_gpu_figures(hardware, /*catalog_entry=*/false, gpu);
  std::vector<std::string> known{"gpu"};
  known.insert(known.end(), gpu_figure_keys().begin(), gpu_figure_keys().end());
  hardware.reject_unknown(known);
  if (!gpu.memory)
    hardware.fail("memory", fmt::format("missing: {} lists no memory size", gpu.name));
  if (!gpu.memory_bandwidth)
    hardware.fail("memory_bandwidth",
                  fmt::format("missing: {} lists no memory bandwidth", gpu.name));
  return gpu;
}

// The owner's price of a GPU-hour: the GPU's catalog price and power with the economics
// defaults, any of them overridden under `ownership`.
double owned_price(const Fields& ownership, const GpuSpec& gpu, const Catalog& catalog) {
  const EconomicsDefaults& d = catalog.economics;
  TrainingInputs owner;
  owner.gpu_price_usd = gpu.price->value;
  owner.server_power_per_gpu_w = gpu.server_power->value / gpu.gpus_per_server->value;
  owner.server_cost_factor = d.server_cost_factor.value;
  owner.interconnect_cost_factor = d.interconnect_cost_factor.value;
  owner.depreciation_per_year = d.depreciation_per_year.value;
  owner.average_power_fraction = d.average_power_fraction.value;
  owner.pue = d.pue.value;
  owner.electricity_usd_per_kwh = d.electricity_usd_per_kwh.value;
  auto set = [&](double& slot, const char* key, Dimension dimension, Bounds bounds) {
    if (auto value = ownership.optional_quantity(key, dimension, bounds)) slot = *value;
  };
  set(owner.gpu_price_usd, "gpu_price_usd", Dimension::kUsd, positive(1e7));
  set(owner.server_cost_factor, "server_cost_factor", Dimension::kDimensionless, {1, 10});
  set(owner.interconnect_cost_factor, "interconnect_cost_factor", Dimension::kDimensionless,
      {1, 10});
  set(owner.depreciation_per_year, "depreciation", Dimension::kRatePerYear, non_negative(10));
  double age_s = 0;
  set(age_s, "hardware_age", Dimension::kTime, non_negative(50 * kSecondsPerYear));
  owner.hardware_age_years = age_s / kSecondsPerYear;
  set(owner.average_power_fraction, "average_power_fraction", Dimension::kDimensionless,
      fraction_positive());
  set(owner.pue, "pue", Dimension::kDimensionless, {1, 5});
  set(owner.electricity_usd_per_kwh, "electricity_usd_per_kwh", Dimension::kUsdPerKwh,
      non_negative(10));
  ownership.reject_unknown({"gpu_price_usd", "server_cost_factor", "interconnect_cost_factor",
                            "depreciation", "hardware_age", "average_power_fraction", "pue",
                            "electricity_usd_per_kwh"});
  return owned_usd_per_gpu_hour(owner);
}

std::string gigabytes(double bytes) {
  return fmt::format("{:.4g} GB", bytes / 1e9);
}

}  // namespace

const std::vector<std::string>& serving_precision_names() {
  static const std::vector<std::string> names{"int4", "fp4", "int8", "fp8", "bf16", "fp16"};
  return names;
}

ServingSection read_serving_section(const Fields& serving, const Catalog& catalog) {
  const ServingDefaults defaults = load_serving_defaults(catalog.directory);
  ServingSection s;
  ServingInputs& in = s.inputs;

  const Fields model = serving.child("model");
  read_model(model, s);
  const GpuSpec gpu = read_hardware(serving.child("hardware"), catalog);
  s.gpu = gpu.name;
  s.compute_precision = model.choice("compute_precision", precision_names(),
                                     default_compute_precision(s.precision, gpu));
  model.reject_unknown({"active_params", "params", "precision", "compute_precision",
                        "kv_bytes_per_token", "kv_cache"});
  const auto peak = gpu.peak.find(s.compute_precision);
  if (peak == gpu.peak.end()) {
    std::vector<std::string> listed;
    for (const auto& entry : gpu.peak) listed.push_back(entry.first);
    const std::string problem = fmt::format(
        "{} has no dense {} peak in the catalog; it lists {} (set model.compute_precision, or "
        "hardware.peak.{})",
        s.gpu, s.compute_precision, fmt::join(listed, ", "), s.compute_precision);
    const char* key = model.has("compute_precision") ? "compute_precision" : "precision";
    if (model.has(key)) model.fail(key, problem, s.compute_precision);
    throw InputError(model.locate(key), model.key_path(key), problem);
  }
  in.peak_flop_per_s = peak->second.value;
  in.hbm_bytes = gpu.memory->value;
  in.hbm_bytes_per_s = gpu.memory_bandwidth->value;

  in.prompt_tokens =
      serving
          .optional_quantity("prompt_tokens", Dimension::kCount, non_negative(kMaxTokensPerRequest))
          .value_or(0);
  in.output_tokens =
      serving.quantity("output_tokens", Dimension::kCount, positive(kMaxTokensPerRequest));
  in.batch_size = serving.quantity("batch_size", Dimension::kCount, positive_integer(kMaxBatch));
  if (auto gpus = serving.optional_quantity("gpus_per_replica", Dimension::kCount,
                                            positive_integer(kMaxGpusPerReplica)))
    in.gpus_per_replica = *gpus;
  s.gpus_derived = in.gpus_per_replica == 0;
  in.compute_utilization =
      serving
          .optional_quantity("compute_utilization", Dimension::kDimensionless, fraction_positive())
          .value_or(catalog.economics.mfu.value);
  in.bandwidth_utilization = serving
                                 .optional_quantity("bandwidth_utilization",
                                                    Dimension::kDimensionless, fraction_positive())
                                 .value_or(defaults.bandwidth_utilization);
  in.measured_output_tokens_per_s_per_gpu =
      serving
          .optional_quantity("measured_output_tokens_per_s_per_gpu", Dimension::kDimensionless,
                             {kMinTokensPerSecond, kMaxTokensPerSecond})
          .value_or(0);
  in.peak_to_average =
      serving.optional_quantity("peak_to_average", Dimension::kDimensionless, {1, 100})
          .value_or(defaults.peak_to_average);
  in.fleet_utilization =
      serving.optional_quantity("fleet_utilization", Dimension::kDimensionless, fraction_positive())
          .value_or(defaults.fleet_utilization);

  s.rented_usd_per_gpu_hour = gpu.cloud_price->value;
  if (auto price = serving.optional_quantity("usd_per_gpu_hour", Dimension::kUsdPerGpuHour,
                                             positive(limits::kMaxCloudUsdPerHour)))
    s.rented_usd_per_gpu_hour = *price;
  s.owned_usd_per_gpu_hour = owned_price(serving.child_or_empty("ownership"), gpu, catalog);
  s.owned = serving.flag("owned", false);
  in.usd_per_gpu_hour = s.owned ? s.owned_usd_per_gpu_hour : s.rented_usd_per_gpu_hour;

  // A stated replica must hold the weights and the KV cache of its batch.
  const double needed = serving_memory_bytes(in);
  if (!s.gpus_derived && needed > in.gpus_per_replica * in.hbm_bytes)
    serving.fail(
        "gpus_per_replica",
        fmt::format("{:g} x {} hold {}; the weights and the KV cache of a batch of {:g} "
                    "need {} (lower batch_size, or leave gpus_per_replica out)",
                    in.gpus_per_replica, s.gpu, gigabytes(in.gpus_per_replica * in.hbm_bytes),
                    in.batch_size, gigabytes(needed)),
        fmt::format("{:g}", in.gpus_per_replica));
  serving.reject_unknown({"model", "hardware", "prompt_tokens", "output_tokens", "batch_size",
                          "gpus_per_replica", "compute_utilization", "bandwidth_utilization",
                          "measured_output_tokens_per_s_per_gpu", "peak_to_average",
                          "fleet_utilization", "usd_per_gpu_hour", "owned", "ownership"});
  return s;
}

ServingInputs load_serving_section(const Fields& serving, const Catalog& catalog) {
  return read_serving_section(serving, catalog).inputs;
}

Demand load_demand_section(const Fields& demand) {
  Demand out;
  const auto direct = demand.optional_quantity("requests_per_day", Dimension::kCount,
                                               positive(limits::kMaxRequestsPerDay));
  if (direct) {
    for (const char* key : {"daily_users", "requests_per_user_per_day"})
      if (demand.has(key))
        demand.fail(key,
                    "give requests_per_day, or daily_users with requests_per_user_per_day, not "
                    "both");
    out.requests_per_day = *direct;
  } else {
    out.daily_users = demand.quantity("daily_users", Dimension::kCount, positive(1e11));
    out.requests_per_user_per_day =
        demand.quantity("requests_per_user_per_day", Dimension::kCount, positive(1e6));
    out.requests_per_day = out.daily_users * out.requests_per_user_per_day;
  }
  demand.reject_unknown({"daily_users", "requests_per_user_per_day", "requests_per_day"});
  return out;
}

}  // namespace llmb
