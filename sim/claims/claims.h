// Published figures checked against the model: every scenario under scenarios/claims/ lists
// the claims it should reproduce, each with its source and tolerance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/catalog/catalog.h"
#include "sim/scenario/scenario.h"
#include "sim/schema/claim_spec.h"
#include "sim/schema/format.h"

namespace llmb {

// How a claimed figure moves with one guessed input (written as a distribution): the input at
// the P10 and the P90 of its draws, every other input at its central value.
struct ClaimSensitivity {
  std::string path;
  Dimension dimension = Dimension::kDimensionless;
  double low_value = 0, high_value = 0;  // base units
  double simulated_at_low = 0, simulated_at_high = 0;
};

struct ClaimResult {
  std::string scenario;  // scenario name
  std::string file;
  ClaimSpec spec;
  ClaimOutput output;         // the claimed output's dimension and display
  double simulated = 0;       // base units
  double relative_error = 0;  // (simulated - published) / published; 0 for ranges
  bool pass = false;
  std::vector<ClaimSensitivity> sensitivity;  // company claims: largest swing first
};

std::vector<ClaimResult> check_claims(const Scenario& scenario, const TrainingOutputs& outputs);

// A claim against a simulated value in base units: within tolerance of the published figure, or
// inside the range.
ClaimResult judge_claim(const ClaimSpec& spec, const ClaimOutput& output, double simulated,
                        const std::string& name, const std::string& file);

// Every *.yaml under `directory`, sorted by name, loaded and checked. A file is a training
// scenario unless its `kind:` says scaling_fit, compute_optimal, serving, labelling or company.
// Input errors propagate.
std::vector<ClaimResult> check_claims_in(const std::string& directory, const Catalog& catalog);

std::string render_claims(const std::vector<ClaimResult>& results, Format format);

}  // namespace llmb
