// One data programme mapping -> DataInputs: licensed tokens, cleaning a corpus on GPUs, and
// labelling in tiers (crowd, generalist, expert), as a mapping by tier or a list of tasks.
#pragma once

#include <string>
#include <vector>

#include "kernels/data_cost.h"
#include "sim/catalog/catalog.h"
#include "sim/data/labour_catalog.h"
#include "sim/yaml/fields.h"

namespace llmb {

// One labelling task as written; tasks of one tier add up to that tier's LabelTier.
struct LabelTask {
  std::string name;  // the task's name, or its tier's in the mapping form
  int tier = 0;
  LabelTier work;
  bool rate_from_catalog = false;
};

struct DataProgram {
  DataInputs inputs;
  std::vector<LabelTask> tasks;
};

// Reads the programme's keys, then calls program.reject_unknown(its keys + caller_keys): the
// caller reads its own keys (a month, a name) from the same mapping first. Rates a task leaves
// out come from the labour catalog.
DataProgram read_data_program(const Fields& program, const std::vector<std::string>& caller_keys,
                              const LabourCatalog& labour);
// The same with the labour catalog beside the catalog's other files.
DataInputs load_data_program(const Fields& program, const std::vector<std::string>& caller_keys,
                             const Catalog& catalog);
// The same with the labour catalog of default_catalog_directory().
DataInputs load_data_program(const Fields& program, const std::vector<std::string>& caller_keys);

}  // namespace llmb
