// The `claims:` list of a claim file: what is claimed, the output it is about, the published
// figure with its tolerance (or a range), and the source. Output keys and their dimensions come
// from the kind of file: a training scenario's outputs, a fit's parameters, an optimum's size.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/input_error.h"
#include "sim/units.h"
#include "sim/yaml/fields.h"

namespace llmb {

// A published figure the scenario should reproduce (scenarios under scenarios/claims/).
struct ClaimSpec {
  std::string claim;                // what is claimed, in words
  std::string output;               // an output key: "cost.cloud_usd"
  std::optional<double> published;  // base units; with a relative tolerance
  double tolerance = 0;             // relative, 0.02 for 2%
  std::optional<double> range_min;  // or a range the simulated figure must fall in
  std::optional<double> range_max;
  std::string source;
  SourceLoc where;
};

// An output a claim may name: its key, dimension, the scale from base units to the key's
// units, and whether it reads as a percentage.
struct ClaimOutput {
  std::string key;
  Dimension dimension;
  double key_unit_per_base = 1.0;
  bool percent = false;
};

const ClaimOutput* find_claim_output(const std::vector<ClaimOutput>& outputs,
                                     const std::string& key);

// The outputs of a training run (every key of `run --format json`).
const std::vector<ClaimOutput>& training_claim_outputs();

// Reads root's `claims:` list (absent: none), each naming one of `outputs`.
std::vector<ClaimSpec> read_claims(const Fields& root, const std::vector<ClaimOutput>& outputs);

}  // namespace llmb
