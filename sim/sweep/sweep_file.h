// A sweep file: a base scenario, grid axes over any scenario path, zipped axes, and random
// inputs for Monte Carlo. Parsing only; sweep_plan resolves it against the scenario loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/random_draw.h"
#include "sim/input_error.h"
#include "sim/yaml/document.h"

namespace llmb {

// One grid axis: a single path, or several zipped paths that move together. Each setting
// gives a YAML value per path, and the text a report shows for it.
struct AxisSpec {
  std::vector<std::string> paths;
  std::vector<std::vector<YAML::Node>> settings;  // [setting][path]
  std::vector<std::vector<std::string>> labels;   // [setting][path]
  std::vector<SourceLoc> where;                   // [path]: the axis in the sweep file
  std::vector<double> range_values;  // for a {from, to, steps} range: its values in base units
};

struct RandomSpec {
  std::string path;
  Distribution distribution;  // parameters in the path's base units
  std::string kind_name;
  SourceLoc where;
};

struct SweepFile {
  std::string file;
  std::string name;
  std::string description;
  std::string base_path;  // resolved against the sweep file's directory
  std::vector<AxisSpec> axes;
  std::vector<RandomSpec> randoms;
  std::uint64_t samples = 1;
  std::uint64_t seed = 0;
};

// Parses a sweep file. The base scenario's document is needed to know each path's dimension
// (what the loader reads there); errors name the sweep file's line and key.
// Grid points times samples are checked against `max_points` from the declared lengths before
// any axis is built (check_sweep_size checks the built file again, exactly).
SweepFile parse_sweep_file(const Document& sweep_doc, const Document& base_doc,
                           std::uint64_t max_points = UINT64_MAX);

// Reads the file's `base:` path without checking anything else.
std::string sweep_base_path(const Document& sweep_doc);

}  // namespace llmb
