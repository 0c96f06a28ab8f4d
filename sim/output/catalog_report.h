// The hardware catalog as a table (optionally with every source) or as JSON.
#pragma once

#include <string>

#include "sim/catalog/catalog.h"
#include "sim/schema/format.h"

namespace llmb {

std::string render_catalog(const Catalog& catalog, Format format, bool with_sources);

}  // namespace llmb
