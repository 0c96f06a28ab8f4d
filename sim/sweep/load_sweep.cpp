#include "sim/sweep/load_sweep.h"

#include <fmt/format.h>

#include <fstream>

#include "sim/scenario/load_scenario.h"
#include "sim/yaml/fields.h"

namespace llmb {

SweepPlan load_sweep(const std::string& path, const std::vector<std::string>& overrides,
                     const Catalog& catalog, std::uint64_t max_points) {
  const Document sweep_doc = Document::load_file(path);
  const std::string base_path = sweep_base_path(sweep_doc);
  if (!std::ifstream(base_path)) {
    const Fields root(sweep_doc, sweep_doc.root(), "");
    root.fail("base", fmt::format("cannot read the base scenario {}", base_path),
              root.text("base"));
  }
  Document base_doc = Document::load_file(base_path);
  base_doc.apply_overrides(overrides);
  load_scenario(base_doc, catalog);  // validates the base and records which paths it reads
  const SweepFile sweep = parse_sweep_file(sweep_doc, base_doc, max_points);
  check_sweep_size(sweep, max_points);
  return SweepPlan::resolve(sweep, base_doc, catalog);
}

}  // namespace llmb
