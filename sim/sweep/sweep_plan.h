// A sweep resolved against the scenario loader into the arrays the backends read: which
// TrainingInputs fields each axis setting writes, and how each random draw maps to fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/sweep_point.h"
#include "sim/catalog/catalog.h"
#include "sim/scenario/scenario.h"
#include "sim/sweep/sweep_file.h"

namespace llmb {

class SweepPlan {
 public:
  // Every axis setting and both ends of every random input's support are loaded as scenarios,
  // so each is validated exactly as `run` would validate it.
  static SweepPlan resolve(const SweepFile& sweep, const Document& base_doc,
                           const Catalog& catalog);

  SweepPlanView view() const;  // host pointers into this plan
  std::uint64_t total() const { return total_; }
  std::uint64_t grid_points() const { return grid_points_; }
  const SweepFile& file() const { return file_; }
  const Scenario& base() const { return base_; }

  // Axes in flat-index order (groups of axes that touch the same inputs are adjacent).
  const std::vector<AxisSpec>& axes() const { return axes_; }
  // The setting of axis a at grid index `grid`.
  std::size_t setting_of(std::size_t axis, std::uint64_t grid) const;

  // Raw arrays, for the CUDA backend to copy.
  const std::vector<AxisGroup>& groups() const { return groups_; }
  const std::vector<int>& fields() const { return fields_; }
  const std::vector<double>& values() const { return values_; }
  const std::vector<RandomInput>& randoms() const { return randoms_; }

 private:
  SweepFile file_;
  Scenario base_;
  TrainingInputs base_inputs_;
  std::vector<AxisSpec> axes_;
  std::vector<std::uint64_t> axis_strides_;
  std::vector<AxisGroup> groups_;
  std::vector<int> fields_;
  std::vector<double> values_;
  std::vector<RandomInput> randoms_;
  std::uint64_t grid_points_ = 1;
  std::uint64_t total_ = 1;
};

// The flat index's limit: grid points times samples must not overflow or exceed `max_points`.
void check_sweep_size(const SweepFile& sweep, std::uint64_t max_points);

}  // namespace llmb
