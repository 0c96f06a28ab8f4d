// The bundled catalog and the test sweeps under tests/data/sweeps/, loaded once per program.
#pragma once

#include <string>

#include "sim/sweep/load_sweep.h"

namespace llmb::test {

inline const std::string kSourceDir = LLMB_SOURCE_DIR;

inline const Catalog& bundled_catalog() {
  static const Catalog loaded = load_catalog(kSourceDir + "/scenarios/catalog");
  return loaded;
}

inline SweepPlan test_sweep(const std::string& name) {
  return load_sweep(kSourceDir + "/tests/data/sweeps/" + name, {}, bundled_catalog(),
                    1'000'000'000);
}

}  // namespace llmb::test
