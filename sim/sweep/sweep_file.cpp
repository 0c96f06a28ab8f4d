#include "sim/sweep/sweep_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/distribution_spec.h"
#include "sim/yaml/fields.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

// One range axis is materialised (a YAML value, a label and the model inputs per step): its
// steps are bounded so that it stays within a few hundred MB; bigger grids take several axes.
constexpr double kMaxSteps = 1e6;
constexpr double kMaxSamples = 1e13;

std::vector<std::string> known_paths(const Document& base) {
  std::vector<std::string> paths;
  for (const auto& entry : base.quantity_paths()) paths.push_back(entry.first);
  for (const auto& path : base.text_paths()) paths.push_back(path);
  return paths;
}

// The dimension of a quantity path, or nullopt for a text path; unknown paths are errors.
std::optional<Dimension> path_kind(const Fields& parent, const std::string& path,
                                   const Document& base) {
  const auto found = base.quantity_paths().find(path);
  if (found != base.quantity_paths().end()) return found->second;
  if (base.text_paths().contains(path)) return std::nullopt;
  parent.fail(path, "unknown scenario path" + did_you_mean(path, known_paths(base)), path);
}

// A list of values, or {from, to, steps, scale} for a quantity.
AxisSpec read_axis_values(const Fields& parent, const std::string& path, const Document& base) {
  const auto dimension = path_kind(parent, path, base);
  const YAML::Node spec = parent.node(path);
  AxisSpec axis;
  axis.paths = {path};
  axis.where = {parent.locate(path)};
  if (spec.IsSequence()) {
    if (spec.size() == 0) parent.fail(path, "an axis needs at least one value", "[]");
    // Each listed value is resolved alone (which inputs it moves): a range scales, a list not.
    if (spec.size() > limits::kMaxAxisListEntries)
      parent.fail(path,
                  fmt::format("an axis lists at most {} values; use {{from, to, steps}} for more",
                              limits::kMaxAxisListEntries),
                  fmt::format("{} values", spec.size()));
    for (std::size_t i = 0; i < spec.size(); ++i) {
      if (!spec[i].IsScalar())
        parent.fail(path, "axis values must be plain values", describe(spec[i]));
      if (dimension) {
        try {
          parse_quantity(spec[i].Scalar(), *dimension);
        } catch (const UnitError& e) {
          throw InputError(parent.document().locate(spec[i], parent.key_path(path)),
                           parent.key_path(path), e.what(), spec[i].Scalar());
        }
      }
      axis.settings.push_back({spec[i]});
      axis.labels.push_back({spec[i].Scalar()});
    }
    return axis;
  }
  if (!spec.IsMap())
    parent.fail(path, "expected a list of values or {from, to, steps, scale}", describe(spec));
  if (!dimension) parent.fail(path, "a range needs a numeric path; list the values instead");
  const Fields range(parent.document(), spec, parent.key_path(path));
  const double from = range.quantity("from", *dimension, {});
  const double to = range.quantity("to", *dimension, {});
  const double steps = range.quantity("steps", Dimension::kCount, {1, kMaxSteps, false, true});
  const std::string scale = range.choice("scale", {"linear", "log"}, "linear");
  range.reject_unknown({"from", "to", "steps", "scale"});
  if (scale == "log" && !(from > 0 && to > 0))
    range.fail("from", "a log range needs positive ends", fmt::format("{:g} to {:g}", from, to));
  const auto n = static_cast<std::uint64_t>(steps);
  for (std::uint64_t i = 0; i < n; ++i) {
    const double t = n == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(n - 1);
    const double value = scale == "log"
                             ? std::exp(std::log(from) + t * (std::log(to) - std::log(from)))
                             : from + t * (to - from);
    // Counts between whole ends stay whole: a log range of GPUs from 64 gives 2048, not 2047.99.
    const bool whole =
        *dimension == Dimension::kCount && from == std::floor(from) && to == std::floor(to);
    const double exact = i == 0 ? from : (i == n - 1 ? to : (whole ? std::round(value) : value));
    axis.settings.push_back({YAML::Node(format_base_quantity(exact, *dimension))});
    axis.range_values.push_back(exact);
    axis.labels.push_back({fmt::format("{:.17g}", exact)});
  }
  return axis;
}

// The number of settings an axis declares (list entries, or a range's steps, checked as
// read_axis_values checks them), read without building them, so that the point count and every
// axis's steps are checked before the first axis is built; 1 where the value is malformed
// otherwise (read_axis_values then says what is wrong with it).
double declared_settings(const Fields& parent, const std::string& path) {
  const YAML::Node spec = parent.node(path);
  if (spec.IsSequence()) return std::max<double>(1, static_cast<double>(spec.size()));
  if (!spec.IsMap() || !spec["steps"]) return 1;
  const Fields range(parent.document(), spec, parent.key_path(path));
  return range.quantity("steps", Dimension::kCount, {1, kMaxSteps, false, true});
}

// Grid points times samples against `max_points`, before any axis is built: 1e6 x 1e6 steps is
// refused at once instead of after materialising the first million.
void check_declared_size(const Fields& root, std::uint64_t samples, std::uint64_t max_points) {
  double total = static_cast<double>(samples);
  std::optional<SourceLoc> first;
  auto count = [&](const Fields& group) {
    for (const auto& path : group.keys()) {
      if (!first) first = group.locate(path);
      total *= declared_settings(group, path);
    }
  };
  if (auto axes = root.optional_child("axes")) count(*axes);
  if (const YAML::Node zip = root.node("zip"); zip && zip.IsSequence())
    for (std::size_t g = 0; g < zip.size(); ++g)
      if (zip[g].IsMap() && zip[g].size() > 0) {
        const Fields group(root.document(), zip[g], fmt::format("zip[{}]", g));
        const std::string path = group.keys().front();
        if (!first) first = group.locate(path);
        total *= declared_settings(group, path);
      }
  const std::string shown = total < 1.8e19 ? fmt::format("{:.0f}", total) : "more than 2^64";
  if (total > static_cast<double>(max_points))
    throw InputError(
        first.value_or(SourceLoc{root.document().label(), 1, 1}), "axes",
        fmt::format("the sweep has {} points, above --max-points {}", shown, max_points), shown);
}

RandomSpec read_random(const Fields& random, const std::string& path, const Document& base) {
  const auto dimension = path_kind(random, path, base);
  if (!dimension) random.fail(path, "a random input needs a numeric path", path);
  const Fields f = random.child(path);
  RandomSpec spec;
  spec.path = path;
  spec.where = random.locate(path);
  spec.distribution = read_distribution(f, *dimension, spec.kind_name);
  return spec;
}

}  // namespace

std::string sweep_base_path(const Document& sweep_doc) {
  const Fields root(sweep_doc, sweep_doc.root(), "");
  const std::string base = root.text("base");
  const std::filesystem::path relative(base);
  if (relative.is_absolute()) return base;
  return (std::filesystem::path(sweep_doc.label()).parent_path() / relative)
      .lexically_normal()
      .string();
}

SweepFile parse_sweep_file(const Document& sweep_doc, const Document& base_doc,
                           std::uint64_t max_points) {
  const Fields root(sweep_doc, sweep_doc.root(), "");
  SweepFile sweep;
  sweep.file = sweep_doc.label();
  sweep.name = root.optional_text("name").value_or(sweep_doc.label());
  sweep.description = root.optional_text("description").value_or("");
  sweep.base_path = sweep_base_path(sweep_doc);
  root.text("base");
  if (auto samples =
          root.optional_quantity("samples", Dimension::kCount, positive_integer(kMaxSamples)))
    sweep.samples = static_cast<std::uint64_t>(*samples);
  check_declared_size(root, sweep.samples, max_points);

  if (auto axes = root.optional_child("axes")) {
    for (const auto& path : axes->keys())
      sweep.axes.push_back(read_axis_values(*axes, path, base_doc));
  }
  if (const YAML::Node zip = root.node("zip")) {
    if (!zip.IsSequence() || zip.size() == 0)
      root.fail("zip", "expected a list of groups of axes", describe(zip));
    for (std::size_t g = 0; g < zip.size(); ++g) {
      const Fields group(sweep_doc, zip[g], fmt::format("zip[{}]", g));
      AxisSpec zipped;
      for (const auto& path : group.keys()) {
        const AxisSpec one = read_axis_values(group, path, base_doc);
        if (!zipped.paths.empty() && one.settings.size() != zipped.settings.size())
          group.fail(
              path,
              fmt::format("zipped axes must have the same length ({})", zipped.settings.size()),
              fmt::format("{} values", one.settings.size()));
        if (zipped.paths.empty()) {
          zipped.settings.resize(one.settings.size());
          zipped.labels.resize(one.settings.size());
        }
        zipped.paths.push_back(path);
        zipped.where.push_back(one.where.front());
        for (std::size_t i = 0; i < one.settings.size(); ++i) {
          zipped.settings[i].push_back(one.settings[i].front());
          zipped.labels[i].push_back(one.labels[i].front());
        }
      }
      if (zipped.paths.empty()) root.fail("zip", "an empty zip group");
      sweep.axes.push_back(std::move(zipped));
    }
  }
  if (auto random = root.optional_child("random")) {
    for (const auto& path : random->keys())
      sweep.randoms.push_back(read_random(*random, path, base_doc));
  }

  const YAML::Node seed = root.node("seed");
  if (seed) {
    if (!seed.IsScalar())
      root.fail("seed", "must be a whole number from 0 to 2^64-1", describe(seed));
    const std::string& text = seed.Scalar();
    std::size_t used = 0;
    unsigned long long value = 0;
    try {
      value = std::stoull(text, &used, 10);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || text.empty() || text.front() == '-')
      root.fail("seed", "must be a whole number from 0 to 2^64-1", text);
    sweep.seed = value;
  }
  if (sweep.randoms.empty() && root.has("samples") && sweep.samples > 1)
    root.fail("samples", "samples need random inputs (a random: section)");
  if (!sweep.randoms.empty() && !root.has("samples"))
    root.fail("random", "random inputs need samples: N");
  if (sweep.axes.empty() && sweep.randoms.empty())
    root.fail("axes", "a sweep needs axes, zip groups or random inputs");
  // Paths may appear once: on one axis or as one random input.
  std::set<std::string> seen;
  for (const auto& axis : sweep.axes)
    for (std::size_t i = 0; i < axis.paths.size(); ++i)
      if (!seen.insert(axis.paths[i]).second)
        throw InputError(axis.where[i], axis.paths[i], "path swept twice");
  for (const auto& random : sweep.randoms)
    if (!seen.insert(random.path).second)
      throw InputError(random.where, random.path, "path both swept and random");
  root.reject_unknown({"name", "description", "base", "axes", "zip", "random", "samples", "seed"});
  return sweep;
}

}  // namespace llmb
