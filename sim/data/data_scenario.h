// A data programme file (`llmbudget data FILE`, and `kind: labelling` claim files): a name and
// source, the programme's keys at the top level, and optional claims. Also the table of outputs
// that writers and claims share.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/data/data_program.h"
#include "sim/schema/claim_spec.h"
#include "sim/schema/result_field.h"
#include "sim/yaml/document.h"

namespace llmb {

struct DataScenario {
  std::string file;
  std::string name;
  std::string description;
  std::string source;
  DataProgram program;
  LabourCatalog labour;
  std::vector<ClaimSpec> claims;
};

DataScenario load_data_scenario(const Document& doc, const Catalog& catalog);
// Reads FILE, applies each "PATH=VALUE" override in order, and loads it.
DataScenario load_data_file(const std::string& path, const std::vector<std::string>& overrides,
                            const Catalog& catalog);

// The outputs of a data programme (sim/schema/result_field.h).
using DataOutputField = ResultField<DataCost>;

std::span<const DataOutputField> data_output_fields();
const std::vector<ClaimOutput>& data_claim_outputs();

}  // namespace llmb
