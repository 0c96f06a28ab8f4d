// `layout`'s report: the scenario's own layout and the ranked layouts, as a table (with where
// the fastest one's step time and memory go) or JSON, from the fields of
// sim/layout/layout_fields.h.
#pragma once

#include <string>

#include "sim/scenario/scenario_layouts.h"
#include "sim/schema/format.h"

namespace llmb {

// kTable or kJson; kCsv is refused by the command.
std::string render_layouts(const ScenarioLayouts& layouts, Format format);

// Where one layout's step time and memory per GPU go, as indented lines.
std::string layout_breakdown_text(const LayoutResult& result);

}  // namespace llmb
