#include "sim/sweep/linear_effect.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/schema/format.h"
#include "sim/yaml/distribution_spec.h"

namespace llmb {

std::optional<LinearEffect> linear_effect(
    const std::vector<double>& base, const std::vector<double>& probes,
    const std::function<std::vector<double>(double value)>& load_at) {
  std::vector<std::vector<double>> loaded;
  for (double value : probes) {
    if (value == 0) return std::nullopt;
    loaded.push_back(load_at(value));
  }
  LinearEffect effect;
  for (std::size_t f = 0; f < base.size(); ++f) {
    bool all_base = true, all_same = true, proportional = true;
    const double scale = loaded[0][f] / probes[0];
    for (std::size_t i = 0; i < probes.size(); ++i) {
      all_base = all_base && loaded[i][f] == base[f];
      all_same = all_same && loaded[i][f] == loaded[0][f];
      proportional = proportional &&
                     std::fabs(loaded[i][f] - scale * probes[i]) <= 1e-12 * std::fabs(loaded[i][f]);
    }
    const int field = static_cast<int>(f);
    if (all_base) continue;
    if (all_same)
      effect.fixed[field] = loaded[0][f];
    else if (proportional)
      effect.scales[field] = scale;
    else
      return std::nullopt;
  }
  return effect;
}

RandomInput random_input_from(const LinearEffect& effect, const Distribution& distribution,
                              const std::string& path, const SourceLoc& where, std::set<int>& used,
                              double* base) {
  RandomInput random;
  random.distribution = distribution;
  for (const auto& [f, value] : effect.fixed) base[f] = value;
  for (const auto& [f, scale] : effect.scales) {
    if (random.field_count == kMaxFieldsPerRandomInput)
      throw InputError(where, path, "this path feeds too many model inputs to draw at random");
    random.fields[random.field_count] = f;
    random.scales[random.field_count] = scale;
    ++random.field_count;
    if (!used.insert(f).second)
      throw InputError(where, path, "two random inputs change the same model input");
  }
  if (random.field_count == 0)
    throw InputError(where, path, "has no effect on the model in this scenario");
  return random;
}

void check_draw_range(RandomInput& random, const std::string& path, const SourceLoc& where,
                      Dimension dimension, const std::function<void(double value)>& load_at) {
  const auto [drawn_low, drawn_high] = draw_range(random.distribution);
  // A whole-number input's draws are rounded (kernels/sweep_point.h): its ends are the whole
  // numbers inside the draw range.
  const double low = random.whole_number ? std::ceil(drawn_low) : drawn_low;
  const double high = random.whole_number ? std::floor(drawn_high) : drawn_high;
  if (!(low <= high))
    throw InputError(
        where, path,
        fmt::format("takes whole numbers, and the distribution draws none: {} to {}",
                    format_quantity(drawn_low, dimension), format_quantity(drawn_high, dimension)));
  random.low = low;
  random.high = high;
  std::string clamp;
  if (random.distribution.kind == kNormal)
    clamp = fmt::format(
        " ({:g} standard deviations either side of the mean, where draws are "
        "clamped)",
        kTailSigmas);
  if (random.distribution.kind == kLogNormal)
    clamp = fmt::format(
        " (the median times e to the power of {:g} sigma either way, where draws "
        "are clamped)",
        kTailSigmas);
  for (const double end : {low, high}) {
    try {
      load_at(end);
    } catch (const InputError& refused) {
      throw InputError(
          where, path,
          fmt::format("the distribution draws values from {} to {}{}, and the model does not take "
                      "{}: {}; keep it inside the input's valid range (a uniform, triangular or "
                      "PERT is bounded by its min and max; a log-normal stays positive)",
                      format_quantity(low, dimension), format_quantity(high, dimension), clamp,
                      format_quantity(end, dimension), refused.problem()));
    }
  }
}

}  // namespace llmb
