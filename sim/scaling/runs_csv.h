// Training runs from a CSV file for `fit`: a column of parameter counts, one of tokens or of
// training FLOPs (tokens are then FLOP / (6 N)), and one of final losses. Header names are
// matched loosely ("N", "params", "Model Size"; "D", "tokens"; "FLOPs", "Training FLOP";
// "loss"); other columns are ignored. Every problem is an InputError at FILE:LINE:COL.
#pragma once

#include <string>
#include <vector>

#include "sim/scaling/fit.h"

namespace llmb {

struct LossRunsFile {
  std::string path;
  std::string params_column;  // the header names that were used
  std::string tokens_column;  // empty when tokens came from FLOPs
  std::string flop_column;
  std::string loss_column;
  std::vector<LossRun> runs;  // in file order
};

LossRunsFile read_loss_runs(const std::string& path);
// `text` read as if it were the file `label`.
LossRunsFile parse_loss_runs(const std::string& text, const std::string& label);

// The runs with the `count` highest losses left out (as Besiroglu et al. 2024 left out five),
// checked to leave at least as many runs as fitted parameters. `count` is the user's
// --drop-highest, named in the message if it leaves too few.
std::vector<LossRun> runs_for_fit(const LossRunsFile& file, int drop_highest);

}  // namespace llmb
