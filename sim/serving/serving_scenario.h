// A serving file: demand and a serving section (and, for a claim file, its claims) -> the fleet
// and its cost, rented and owned. Also the table of outputs that writers and claims share.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/schema/claim_spec.h"
#include "sim/schema/result_field.h"
#include "sim/serving/serving_section.h"
#include "sim/yaml/document.h"

namespace llmb {

struct ServingScenario {
  std::string file;
  std::string name;
  std::string description;
  std::string source;
  Demand demand;
  ServingSection serving;
  std::optional<double> fleet_gpus;  // a stated fleet, costed as it is instead of sized
  std::vector<ClaimSpec> claims;
};

ServingScenario load_serving_scenario(const Document& doc, const Catalog& catalog);
// Reads FILE, applies each "PATH=VALUE" override in order, and loads it.
ServingScenario load_serving_file(const std::string& path,
                                  const std::vector<std::string>& overrides,
                                  const Catalog& catalog);

struct ServingResult {
  ServingThroughput throughput;
  ServingCost rented;  // at the rented price of a GPU-hour
  ServingCost owned;   // at the owned-equivalent price
  double rented_usd_per_gpu_hour = 0;
  double owned_usd_per_gpu_hour = 0;
};

ServingResult evaluate_serving(const ServingScenario& scenario);

// The outputs of a serving file (sim/schema/result_field.h).
using ServingOutputField = ResultField<ServingResult>;

std::span<const ServingOutputField> serving_output_fields();
const std::vector<ClaimOutput>& serving_claim_outputs();

}  // namespace llmb
