#include "sim/catalog/catalog.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>

#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/document.h"

#ifndef LLMB_DEFAULT_CATALOG_DIR
#error "LLMB_DEFAULT_CATALOG_DIR must name the bundled catalog directory"
#endif

namespace llmb {
namespace {

void load_hardware(const std::string& path, Catalog& catalog) {
  const Document doc = Document::load_file(path);
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

}  // namespace

std::vector<std::string> Catalog::gpu_names() const {
  std::vector<std::string> names;
  for (const auto& entry : gpus) names.push_back(entry.first);
  return names;
}

Catalog load_catalog(const std::string& directory) {
  Catalog catalog;
  catalog.directory = directory;
  load_hardware(directory + "/hardware.yaml", catalog);
  load_economics(directory + "/economics.yaml", catalog.economics);
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
