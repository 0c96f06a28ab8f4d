// The bundled catalogs: accelerators (hardware.yaml) and economic defaults (economics.yaml),
// every number with its source. Scenarios take their defaults from here.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/catalog/gpu_spec.h"
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

struct Catalog {
  std::string directory;
  std::map<std::string, GpuSpec> gpus;
  EconomicsDefaults economics;

  std::vector<std::string> gpu_names() const;
};

// Why `name` is not a GPU: the catalog's GPUs and the closest of them.
std::string unknown_gpu_problem(const Catalog& catalog, const std::string& name);

// The catalog GPU named at `key` of `parent`; an unknown name is an InputError there that lists
// the catalog's GPUs and suggests the closest.
const GpuSpec& find_gpu(const Fields& parent, std::string_view key, const Catalog& catalog);

// Loads DIR/hardware.yaml and DIR/economics.yaml. Errors are InputErrors in those files.
Catalog load_catalog(const std::string& directory);

// The directory compiled in, or $LLMBUDGET_CATALOG when set.
std::string default_catalog_directory();

}  // namespace llmb
