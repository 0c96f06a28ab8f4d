// One scenario's results as a terminal table, JSON or CSV.
#pragma once

#include <string>

#include "kernels/training_run.h"
#include "sim/scenario/scenario.h"

namespace llmb {

enum class Format { kTable, kJson, kCsv };
Format parse_format(const std::string& name);  // "table", "json", "csv"

std::string render_run(const Scenario& scenario, const TrainingOutputs& outputs, Format format);

}  // namespace llmb
