// A fitted loss law as a terminal table, as JSON, or as a law file that `plan --law` reads.
#pragma once

#include <string>

#include "sim/scaling/fit.h"
#include "sim/scaling/runs_csv.h"

namespace llmb {

enum class FitFormat { kTable, kJson, kYaml };

// `dropped`: how many of the file's highest losses were left out.
std::string render_fit(const LossLawFit& fit, const LossRunsFile& file, int dropped,
                       FitFormat format);

}  // namespace llmb
