#include "sim/sweep/sweep_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "sim/scenario/load_scenario.h"
#include "sim/sweep/linear_effect.h"
#include "sim/yaml/distribution_spec.h"

namespace llmb {
namespace {

// Joint resolution loads one scenario per combination; beyond this, axes that interact
// (touch the same inputs) would take too long to resolve.
constexpr std::uint64_t kMaxJointCombos = 200000;

std::vector<double> as_array(const TrainingInputs& in) {
  const double* begin = reinterpret_cast<const double*>(&in);
  return {begin, begin + kTrainingInputFields};
}

// Loads the base with the given paths set, reporting errors at the sweep file's axis.
TrainingInputs resolve_with(
    const Document& base_doc, const Catalog& catalog,
    const std::vector<std::tuple<std::string, YAML::Node, SourceLoc>>& settings) {
  Document doc = base_doc.clone();
  for (const auto& [path, value, where] : settings) doc.set(path, YAML::Clone(value), where);
  return load_scenario(doc, catalog).inputs;
}

std::set<int> changed_fields(const std::vector<double>& base, const std::vector<double>& now) {
  std::set<int> changed;
  for (int f = 0; f < kTrainingInputFields; ++f)
    if (!(base[f] == now[f])) changed.insert(f);
  return changed;
}

bool overlaps(const std::set<int>& a, const std::set<int>& b) {
  for (int f : a)
    if (b.contains(f)) return true;
  return false;
}

// How `path` moves the scenario's inputs, from loads at each probe value (reported at `where`).
std::optional<LinearEffect> scenario_linear_effect(const Document& base_doc, const Catalog& catalog,
                                                   const std::vector<double>& base,
                                                   const std::string& path, const SourceLoc& where,
                                                   Dimension dimension,
                                                   const std::vector<double>& probes) {
  return linear_effect(base, probes, [&](double value) {
    return as_array(resolve_with(
        base_doc, catalog, {{path, YAML::Node(format_base_quantity(value, dimension)), where}}));
  });
}

bool multiply_overflows(std::uint64_t a, std::uint64_t b, std::uint64_t& product) {
  return __builtin_mul_overflow(a, b, &product);
}

// What each axis touches: the input fields its settings change, and for a range whose inputs
// are proportional to its value (checked at both ends and the middle, which also validates the
// whole interval), that proportion, so that it is not loaded point by point.
struct AxisEffects {
  std::vector<std::set<int>> touched;
  std::vector<std::optional<LinearEffect>> linear;
};

AxisEffects axis_effects(const SweepFile& sweep, const Document& base_doc, const Catalog& catalog,
                         const std::vector<double>& base) {
  const std::size_t n_axes = sweep.axes.size();
  AxisEffects effects{std::vector<std::set<int>>(n_axes),
                      std::vector<std::optional<LinearEffect>>(n_axes)};
  for (std::size_t a = 0; a < n_axes; ++a) {
    const AxisSpec& axis = sweep.axes[a];
    std::set<int>& touched = effects.touched[a];
    if (axis.range_values.size() > 3) {
      const auto& v = axis.range_values;
      auto& linear = effects.linear[a];
      linear = scenario_linear_effect(base_doc, catalog, base, axis.paths[0], axis.where[0],
                                      base_doc.quantity_paths().at(axis.paths[0]),
                                      {v.front(), v[v.size() / 2], v.back()});
      if (linear) {
        for (const auto& [field, scale] : linear->scales) touched.insert(field);
        for (const auto& [field, value] : linear->fixed) touched.insert(field);
        continue;
      }
    }
    for (const auto& setting : axis.settings) {
      std::vector<std::tuple<std::string, YAML::Node, SourceLoc>> settings;
      for (std::size_t p = 0; p < axis.paths.size(); ++p)
        settings.emplace_back(axis.paths[p], setting[p], axis.where[p]);
      const auto changed =
          changed_fields(base, as_array(resolve_with(base_doc, catalog, settings)));
      touched.insert(changed.begin(), changed.end());
    }
    if (touched.empty() && axis.settings.size() > 1)
      throw InputError(axis.where[0], axis.paths[0], "has no effect on the model in this scenario");
  }
  return effects;
}

// Axes that touch a common input are resolved together: groups of axis indices (in file
// order) and the fields each group touches, merged until no two groups overlap.
struct AxisGroups {
  std::vector<std::vector<std::size_t>> members;
  std::vector<std::set<int>> fields;
};

AxisGroups group_axes(const std::vector<std::set<int>>& touched) {
  AxisGroups groups;
  for (std::size_t a = 0; a < touched.size(); ++a) {
    groups.members.push_back({a});
    groups.fields.push_back(touched[a]);
  }
  auto& members = groups.members;
  auto& fields = groups.fields;
  for (bool merged = true; merged;) {
    merged = false;
    for (std::size_t i = 0; i < members.size() && !merged; ++i)
      for (std::size_t j = i + 1; j < members.size() && !merged; ++j)
        if (overlaps(fields[i], fields[j])) {
          members[i].insert(members[i].end(), members[j].begin(), members[j].end());
          std::sort(members[i].begin(), members[i].end());
          fields[i].insert(fields[j].begin(), fields[j].end());
          members.erase(members.begin() + static_cast<std::ptrdiff_t>(j));
          fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(j));
          merged = true;
        }
  }
  return groups;
}

// One group's table: a row of every input per combination of its axes' settings (last axis
// fastest), and the fields the rows change (`fields`, grown by what the rows show).
std::vector<std::vector<double>> group_rows(const SweepFile& sweep, const Document& base_doc,
                                            const Catalog& catalog, const std::vector<double>& base,
                                            const std::vector<std::size_t>& members,
                                            const AxisEffects& effects, std::uint64_t combos,
                                            std::set<int>& fields) {
  std::vector<std::vector<double>> rows;
  if (members.size() == 1 && effects.linear[members[0]]) {
    const LinearEffect& effect = *effects.linear[members[0]];
    for (double value : sweep.axes[members[0]].range_values) {
      std::vector<double> row = base;
      for (const auto& [field, scale] : effect.scales) row[field] = scale * value;
      for (const auto& [field, fixed] : effect.fixed) row[field] = fixed;
      rows.push_back(std::move(row));
    }
    return rows;
  }
  for (std::uint64_t c = 0; c < combos; ++c) {
    std::vector<std::tuple<std::string, YAML::Node, SourceLoc>> settings;
    std::uint64_t rest = c;
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
      const AxisSpec& axis = sweep.axes[*it];
      const std::size_t s = rest % axis.settings.size();
      rest /= axis.settings.size();
      for (std::size_t p = 0; p < axis.paths.size(); ++p)
        settings.emplace_back(axis.paths[p], axis.settings[s][p], axis.where[p]);
    }
    rows.push_back(as_array(resolve_with(base_doc, catalog, settings)));
    const auto changed = changed_fields(base, rows.back());
    fields.insert(changed.begin(), changed.end());
  }
  return rows;
}

// A random input: the scenario loaded at two points of the support; each input the path moves
// must move in proportion to the value (a scale), or not at all (then it is fixed in
// `base_inputs`). Every value of its draw range is checked to load.
RandomInput resolve_random(const RandomSpec& spec, const Document& base_doc, const Catalog& catalog,
                           const std::vector<double>& base, std::set<int>& random_fields,
                           TrainingInputs& base_inputs) {
  const Distribution& d = spec.distribution;
  const bool whole_number = base_doc.whole_number_path(spec.path);
  auto [a, b] = support_probes(d);
  if (whole_number) a = std::round(a), b = std::round(b);
  const Dimension dimension = base_doc.quantity_paths().at(spec.path);
  const auto effect =
      scenario_linear_effect(base_doc, catalog, base, spec.path, spec.where, dimension, {a, b});
  if (!effect)
    throw InputError(spec.where, spec.path,
                     "a random input must set model inputs in proportion to its value (and not "
                     "at zero); this path does not");
  RandomInput random = random_input_from(*effect, d, spec.path, spec.where, random_fields,
                                         reinterpret_cast<double*>(&base_inputs));
  random.whole_number = whole_number ? 1 : 0;
  check_draw_range(random, spec.path, spec.where, dimension, [&](double value) {
    resolve_with(base_doc, catalog,
                 {{spec.path, YAML::Node(format_base_quantity(value, dimension)), spec.where}});
  });
  return random;
}

}  // namespace

void check_sweep_size(const SweepFile& sweep, std::uint64_t max_points) {
  const SourceLoc where =
      sweep.axes.empty() ? SourceLoc{sweep.file, 1, 1} : sweep.axes.front().where.front();
  std::uint64_t total = sweep.samples;
  for (const auto& axis : sweep.axes) {
    if (multiply_overflows(total, axis.settings.size(), total))
      throw InputError(where, "axes", "the sweep has more than 2^64 points");
  }
  if (total > max_points)
    throw InputError(
        where, "axes",
        fmt::format("the sweep has {} points, above --max-points {}", total, max_points),
        fmt::format("{}", total));
}

SweepPlan SweepPlan::resolve(const SweepFile& sweep, const Document& base_doc,
                             const Catalog& catalog) {
  SweepPlan plan;
  plan.file_ = sweep;
  plan.base_ = load_scenario(base_doc, catalog);
  const std::vector<double> base = as_array(plan.base_.inputs);

  const AxisEffects effects = axis_effects(sweep, base_doc, catalog, base);
  AxisGroups grouped = group_axes(effects.touched);
  const auto& members = grouped.members;

  // Axes in flat-index order: groups by their first axis, members in file order.
  for (const auto& group : members)
    for (std::size_t a : group) plan.axes_.push_back(sweep.axes[a]);

  for (std::size_t g = 0; g < members.size(); ++g) {
    const AxisSpec& first = sweep.axes[members[g][0]];
    std::uint64_t combos = 1;
    for (std::size_t a : members[g]) combos *= sweep.axes[a].settings.size();
    if (members[g].size() > 1 && combos > kMaxJointCombos)
      throw InputError(first.where[0], first.paths[0],
                       fmt::format("axes that change the same inputs are resolved together, and "
                                   "these have {} combinations (at most {})",
                                   combos, kMaxJointCombos));
    std::set<int> fields = grouped.fields[g];
    const auto rows =
        group_rows(sweep, base_doc, catalog, base, members[g], effects, combos, fields);
    for (std::size_t other = 0; other < members.size(); ++other)
      if (other != g && overlaps(fields, grouped.fields[other]))
        throw InputError(
            first.where[0], first.paths[0],
            "these axes together change inputs another axis changes; put them in one zip group");
    AxisGroup group;
    group.combos = combos;
    group.field_begin = static_cast<int>(plan.fields_.size());
    group.field_count = static_cast<int>(fields.size());
    group.value_begin = plan.values_.size();
    plan.fields_.insert(plan.fields_.end(), fields.begin(), fields.end());
    for (const auto& row : rows)
      for (int f : fields) plan.values_.push_back(row[f]);
    plan.groups_.push_back(group);
    grouped.fields[g] = fields;
  }

  // Strides: the last group, and the last axis, vary fastest.
  plan.grid_points_ = 1;
  for (auto it = plan.groups_.rbegin(); it != plan.groups_.rend(); ++it) {
    it->stride = plan.grid_points_;
    plan.grid_points_ *= it->combos;
  }
  plan.axis_strides_.assign(plan.axes_.size(), 1);
  std::uint64_t stride = 1;
  for (std::size_t a = plan.axes_.size(); a-- > 0;) {
    plan.axis_strides_[a] = stride;
    stride *= plan.axes_[a].settings.size();
  }

  // Draws are written after the axes' settings, so a random price overrides a GPU's catalog
  // price exactly as setting the path in the scenario would.
  plan.base_inputs_ = plan.base_.inputs;
  std::set<int> random_fields;
  for (const auto& spec : sweep.randoms)
    plan.randoms_.push_back(
        resolve_random(spec, base_doc, catalog, base, random_fields, plan.base_inputs_));
  plan.total_ = plan.grid_points_ * sweep.samples;
  return plan;
}

SweepPlanView SweepPlan::view() const {
  SweepPlanView v;
  v.base = base_inputs_;
  v.grid_points = grid_points_;
  v.samples = file_.samples;
  v.total = total_;
  v.seed = file_.seed;
  v.group_count = static_cast<int>(groups_.size());
  v.groups = groups_.data();
  v.field_total = static_cast<int>(fields_.size());
  v.fields = fields_.data();
  v.value_total = values_.size();
  v.values = values_.data();
  v.random_count = static_cast<int>(randoms_.size());
  v.randoms = randoms_.data();
  return v;
}

std::size_t SweepPlan::setting_of(std::size_t axis, std::uint64_t grid) const {
  return static_cast<std::size_t>((grid / axis_strides_[axis]) % axes_[axis].settings.size());
}

}  // namespace llmb
