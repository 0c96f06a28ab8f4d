// Scaling laws by name: the bundled scenarios/catalog/scaling_laws.yaml, or a YAML file of the
// user's with the same keys. Every error is an InputError at FILE:LINE:COL with its key path.
#pragma once

#include <string>
#include <vector>

#include "kernels/scaling_law.h"

namespace llmb {

struct NamedLaw {
  std::string name;
  std::string description;
  std::string source;
  std::string caveat;  // what is known to be wrong with it; empty when nothing is
  std::string file;    // where it was read from
  ScalingLaw law;
};

// The repetition constants (Muennighoff et al. 2023) a law uses when it states none of its own:
// the catalog's `data_repetition` section.
struct DataRepetition {
  double repeated_tokens_decay = 0;
  double excess_params_decay = 0;
  std::string source;
};

// Every law in the file, in file order. A catalog (`catalog_file`) requires a source for each.
// Laws without repetition constants of their own take the file's `data_repetition` section,
// or `fallback` (the bundled catalog's) where the file has none.
std::vector<NamedLaw> load_scaling_laws(const std::string& path, bool catalog_file,
                                        const DataRepetition& fallback = {});
// Laws from YAML text; `label` stands for the file name in messages.
std::vector<NamedLaw> parse_scaling_laws(const std::string& text, const std::string& label,
                                         bool catalog_file, const DataRepetition& fallback = {});

// DIR/scaling_laws.yaml.
std::string scaling_laws_path(const std::string& catalog_dir);

// `name_or_file` is a law of the catalog in `catalog_dir`, or a YAML file that holds one law.
// An unknown name is an InputError about the command-line option `option` ("--law").
NamedLaw resolve_scaling_law(const std::string& name_or_file, const std::string& catalog_dir,
                             const std::string& option);

}  // namespace llmb
