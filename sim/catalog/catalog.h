// The bundled catalogs: accelerators (hardware.yaml), economic defaults (economics.yaml) and
// reliability defaults (reliability.yaml),
// every number with its source. Scenarios take their defaults from here.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/catalog/gpu_spec.h"
#include "sim/money.h"
#include "sim/yaml/fields.h"

namespace llmb {

// Defaults for everything a scenario may leave out, each from a published source.
struct EconomicsDefaults {
  Sourced mfu;                       // fraction of peak
  Sourced depreciation_per_year;     // continuous rate, 1/year
  Sourced server_cost_factor;        // server price / (GPUs x GPU price)
  Sourced interconnect_cost_factor;  // cluster price / server price
  Sourced average_power_fraction;
  Sourced pue;
  Sourced electricity_usd_per_kwh;
  Sourced grid_kg_co2_per_kwh;
  Sourced development_multiplier;
};

// Defaults for training.reliability (reliability.yaml), each from a published source or marked
// an estimate there.
struct ReliabilityDefaults {
  std::map<std::string, Sourced> failures_per_1000_node_days;  // by catalog GPU
  Sourced default_failures_per_1000_node_days;                 // GPUs not listed
  Sourced stop_fraction;
  Sourced planned_per_day;
  Sourced detect_s;
  Sourced restart_s;
  Sourced checkpoint_bytes_per_param;
  Sourced write_bytes_per_s_per_gpu;
  Sourced read_bytes_per_s_per_gpu;
  Sourced async_stall_s;
  Sourced restart_spread;  // sigma of log restart time, for the Monte Carlo

  const Sourced& failure_rate_for(const std::string& gpu) const;
};

struct Catalog {
  std::string directory;
  std::map<std::string, GpuSpec> gpus;
  EconomicsDefaults economics;
  ReliabilityDefaults reliability;
  ExchangeRates exchange_rates;  // exchange_rates.yaml; empty when the directory has none

  std::vector<std::string> gpu_names() const;
};

// Why `name` is not a GPU: the catalog's GPUs and the closest of them.
std::string unknown_gpu_problem(const Catalog& catalog, const std::string& name);

// The catalog GPU named at `key` of `parent`; an unknown name is an InputError there that lists
// the catalog's GPUs and suggests the closest.
const GpuSpec& find_gpu(const Fields& parent, std::string_view key, const Catalog& catalog);

// Loads DIR/exchange_rates.yaml (when present), DIR/hardware.yaml, DIR/economics.yaml and
// DIR/reliability.yaml. Errors are InputErrors in
// those files.
Catalog load_catalog(const std::string& directory);

// The directory compiled in, or $LLMBUDGET_CATALOG when set.
std::string default_catalog_directory();

}  // namespace llmb
