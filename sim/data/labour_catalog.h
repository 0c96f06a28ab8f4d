// The labour catalog (labour.yaml): what a labeller-hour costs the buyer in each tier of skill,
// every rate with its source and date.
#pragma once

#include <string>
#include <vector>

#include "kernels/data_cost.h"
#include "sim/yaml/fields.h"

namespace llmb {

// "crowd", "generalist", "expert", in the order of DataInputs::tiers.
const std::vector<std::string>& label_tier_names();

struct LabourRate {
  double usd_per_hour = 0;  // billed: the published billed rate, or pay x vendor markup
  std::string source;       // where the billed rate, or the pay, comes from
  std::string date;
  bool from_pay = false;  // derived from pay with the vendor markup
};

struct LabourCatalog {
  LabourRate tiers[kLabelTiers];
  Sourced vendor_markup;  // billed rate / pay where no billed rate is published
};

// Loads DIR/labour.yaml. Errors are InputErrors in that file.
LabourCatalog load_labour_catalog(const std::string& directory);

}  // namespace llmb
