// A `serving:` mapping -> ServingInputs: the model and its precision, the GPU (from the catalog,
// any figure overridable), the batch, utilisations and the price of a GPU-hour, rented or owned.
// Also a `demand:` mapping -> requests per day. Errors are InputErrors at the user's key.
#pragma once

#include <string>

#include "kernels/serving.h"
#include "sim/catalog/catalog.h"
#include "sim/yaml/fields.h"

namespace llmb {

// Weight precisions a serving model may use.
const std::vector<std::string>& serving_precision_names();

struct ServingSection {
  ServingInputs inputs;           // usd_per_gpu_hour is the owned price when `owned`, else rented
  std::string gpu;                // catalog name
  std::string precision;          // of the weights
  std::string compute_precision;  // whose catalog peak the model uses
  bool gpus_derived = false;      // gpus_per_replica left to the memory rule
  bool owned = false;
  double rented_usd_per_gpu_hour = 0;  // stated, or the GPU's catalog cloud price
  double owned_usd_per_gpu_hour = 0;   // hardware value lost plus energy, per GPU-hour
};

// Reads the mapping, then rejects keys it does not know.
ServingSection read_serving_section(const Fields& serving, const Catalog& catalog);
ServingInputs load_serving_section(const Fields& serving, const Catalog& catalog);

struct Demand {
  double daily_users = 0;  // 0 when requests_per_day was given directly
  double requests_per_user_per_day = 0;
  double requests_per_day = 0;
};

// {daily_users, requests_per_user_per_day} or {requests_per_day}.
Demand load_demand_section(const Fields& demand);

}  // namespace llmb
