#include "sim/catalog/catalog.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>

#include "sim/catalog/exchange_rates.h"
#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/document.h"

#ifndef LLMB_DEFAULT_CATALOG_DIR
#error "LLMB_DEFAULT_CATALOG_DIR must name the bundled catalog directory"
#endif

namespace llmb {
namespace {

void load_hardware(const std::string& path, Catalog& catalog) {
  const Document doc = Document::load_file(path);
  // A price quoted in another currency is converted at the rate of the year it is dated.
  doc.use_exchange_rates(&catalog.exchange_rates, catalog.exchange_rates.latest_year());
  const Fields root(doc, doc.root(), "");
  const Fields gpus = root.child("gpus");
  for (const auto& name : gpus.keys()) {
    const Fields entry = gpus.child(name);
    GpuSpec spec;
    spec.name = name;
    read_gpu_figures(entry, /*catalog_entry=*/true, spec);
    for (const char* required : {"tdp", "gpus_per_server", "server_power", "price", "cloud_price"})
      if (!entry.has(required)) entry.fail(required, "missing: every catalog GPU needs it");
    if (spec.peak.empty()) entry.fail("peak", "missing: every catalog GPU needs a dense peak");
    entry.reject_unknown(gpu_figure_keys());
    catalog.gpus.emplace(name, std::move(spec));
  }
  root.reject_unknown({"gpus"});
}

void load_economics(const std::string& path, EconomicsDefaults& economics) {
  const Document doc = Document::load_file(path);
  const Fields root(doc, doc.root(), "");
  const Fields defaults = root.child("defaults");
  auto read = [&](const char* key, Dimension dimension, Bounds bounds) {
    auto value = defaults.optional_sourced(key, dimension, bounds, true, false);
    if (!value) defaults.fail(key, "missing default");
    return *value;
  };
  economics.mfu = read("mfu", Dimension::kDimensionless, fraction_positive());
  economics.depreciation_per_year = read("depreciation", Dimension::kRatePerYear, non_negative(10));
  economics.server_cost_factor = read("server_cost_factor", Dimension::kDimensionless, {1, 10});
  economics.interconnect_cost_factor =
      read("interconnect_cost_factor", Dimension::kDimensionless, {1, 10});
  economics.average_power_fraction =
      read("average_power_fraction", Dimension::kDimensionless, fraction_positive());
  economics.pue = read("pue", Dimension::kDimensionless, {1, 5});
  economics.electricity_usd_per_kwh = read("electricity", Dimension::kUsdPerKwh, positive(10));
  economics.grid_kg_co2_per_kwh = read("grid_co2", Dimension::kCo2PerKwh, non_negative(5));
  economics.development_multiplier =
      read("development_multiplier", Dimension::kDimensionless, {1, 100});
  defaults.reject_unknown({"mfu", "depreciation", "server_cost_factor", "interconnect_cost_factor",
                           "average_power_fraction", "pue", "electricity", "grid_co2",
                           "development_multiplier"});
  root.reject_unknown({"defaults"});
}

// One failure per node-minute: above it a "rate" is a unit slip, not a cluster.
constexpr double kMaxFailuresPer1000NodeDays = 1000.0 * 24 * 60;

void load_reliability(const std::string& path, const Catalog& catalog,
                      ReliabilityDefaults& reliability) {
  const Document doc = Document::load_file(path);
  const Fields root(doc, doc.root(), "");
  const Fields rates = root.child("failure_rates");
  auto rate = [&](const std::string& key) {
    return *rates.optional_sourced(key, Dimension::kDimensionless,
                                   non_negative(kMaxFailuresPer1000NodeDays), true, true);
  };
  if (!rates.has("default")) rates.fail("default", "missing: the rate for GPUs not listed");
  for (const auto& name : rates.keys()) {
    if (name == "default") {
      reliability.default_failures_per_1000_node_days = rate(name);
      continue;
    }
    if (!catalog.gpus.contains(name)) rates.fail(name, unknown_gpu_problem(catalog, name), name);
    reliability.failures_per_1000_node_days.emplace(name, rate(name));
  }
  const Fields defaults = root.child("defaults");
  auto read = [&](const char* key, Dimension dimension, Bounds bounds, bool needs_date) {
    auto value = defaults.optional_sourced(key, dimension, bounds, true, needs_date);
    if (!value) defaults.fail(key, "missing default");
    return *value;
  };
  reliability.stop_fraction = read("stop_fraction", Dimension::kDimensionless, {0, 1}, false);
  reliability.planned_per_day =
      read("planned_per_day", Dimension::kDimensionless, non_negative(24 * 60), false);
  reliability.detect_s = read("detect", Dimension::kTime, non_negative(86400), false);
  reliability.restart_s = read("restart", Dimension::kTime, non_negative(86400), false);
  reliability.checkpoint_bytes_per_param =
      read("checkpoint_bytes_per_param", Dimension::kDimensionless, positive(100), false);
  reliability.write_bytes_per_s_per_gpu =
      read("write_bandwidth_per_gpu", Dimension::kBytesPerSecond, positive(1e12), true);
  reliability.read_bytes_per_s_per_gpu =
      read("read_bandwidth_per_gpu", Dimension::kBytesPerSecond, positive(1e12), true);
  reliability.async_stall_s = read("async_stall", Dimension::kTime, non_negative(86400), false);
  reliability.restart_spread =
      read("restart_spread", Dimension::kDimensionless, non_negative(5), false);
  defaults.reject_unknown({"stop_fraction", "planned_per_day", "detect", "restart",
                           "checkpoint_bytes_per_param", "write_bandwidth_per_gpu",
                           "read_bandwidth_per_gpu", "async_stall", "restart_spread"});
  root.reject_unknown({"failure_rates", "defaults"});
}

}  // namespace

const Sourced& ReliabilityDefaults::failure_rate_for(const std::string& gpu) const {
  const auto found = failures_per_1000_node_days.find(gpu);
  return found != failures_per_1000_node_days.end() ? found->second
                                                    : default_failures_per_1000_node_days;
}

std::vector<std::string> Catalog::gpu_names() const {
  std::vector<std::string> names;
  for (const auto& entry : gpus) names.push_back(entry.first);
  return names;
}

Catalog load_catalog(const std::string& directory) {
  Catalog catalog;
  catalog.directory = directory;
  catalog.exchange_rates = load_exchange_rates(directory + "/exchange_rates.yaml");
  load_hardware(directory + "/hardware.yaml", catalog);
  load_economics(directory + "/economics.yaml", catalog.economics);
  load_reliability(directory + "/reliability.yaml", catalog, catalog.reliability);
  return catalog;
}

std::string default_catalog_directory() {
  if (const char* from_env = std::getenv("LLMBUDGET_CATALOG"); from_env && *from_env)
    return from_env;
  return LLMB_DEFAULT_CATALOG_DIR;
}

std::string unknown_gpu_problem(const Catalog& catalog, const std::string& name) {
  return fmt::format("unknown GPU; the catalog has {}{}", fmt::join(catalog.gpu_names(), ", "),
                     did_you_mean(name, catalog.gpu_names()));
}

const GpuSpec& find_gpu(const Fields& parent, std::string_view key, const Catalog& catalog) {
  const std::string name = parent.text(key);
  const auto found = catalog.gpus.find(name);
  if (found == catalog.gpus.end()) parent.fail(key, unknown_gpu_problem(catalog, name), name);
  return found->second;
}

}  // namespace llmb
