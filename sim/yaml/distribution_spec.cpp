#include "sim/yaml/distribution_spec.h"

#include <cmath>
#include <vector>

namespace llmb {

Distribution read_distribution(const Fields& f, Dimension dimension, std::string& kind_name) {
  kind_name =
      f.choice("dist", {"uniform", "loguniform", "normal", "lognormal", "triangular", "pert"}, "");
  if (kind_name.empty())
    f.fail("dist", "missing: uniform, loguniform, normal, lognormal, triangular or pert");
  Distribution d;
  const Bounds any{};
  if (kind_name == "uniform" || kind_name == "loguniform") {
    d.kind = kind_name == "uniform" ? kUniform : kLogUniform;
    d.p0 = f.quantity("min", dimension, any);
    d.p1 = f.quantity("max", dimension, any);
    if (!(d.p1 > d.p0)) f.fail("max", "must be above min", describe(f.node("max")));
    if (d.kind == kLogUniform && !(d.p0 > 0))
      f.fail("min", "a log-uniform needs a positive min", describe(f.node("min")));
    f.reject_unknown({"dist", "min", "max"});
  } else if (kind_name == "normal") {
    d.kind = kNormal;
    d.p0 = f.quantity("mean", dimension, any);
    d.p1 = f.quantity("sd", dimension, positive());
    f.reject_unknown({"dist", "mean", "sd"});
  } else if (kind_name == "lognormal") {
    d.kind = kLogNormal;
    d.p0 = f.quantity("median", dimension, positive());
    d.p1 = f.quantity("sigma", Dimension::kDimensionless, positive(10));
    f.reject_unknown({"dist", "median", "sigma"});
  } else {
    d.kind = kind_name == "triangular" ? kTriangular : kPert;
    d.p0 = f.quantity("min", dimension, any);
    d.p1 = f.quantity("mode", dimension, any);
    d.p2 = f.quantity("max", dimension, any);
    if (!(d.p2 > d.p0)) f.fail("max", "must be above min", describe(f.node("max")));
    if (d.p1 < d.p0 || d.p1 > d.p2)
      f.fail("mode", "must lie between min and max", describe(f.node("mode")));
    f.reject_unknown({"dist", "min", "mode", "max"});
  }
  return d;
}

double central_value(const Distribution& d) {
  switch (d.kind) {
    case kUniform:
      return 0.5 * (d.p0 + d.p1);
    case kLogUniform:
      return std::sqrt(d.p0 * d.p1);
    case kNormal:
    case kLogNormal:
      return d.p0;
    default:
      return d.p1;
  }
}

std::pair<double, double> draw_range(const Distribution& d) {
  switch (d.kind) {
    case kNormal:
      return {d.p0 - kTailSigmas * d.p1, d.p0 + kTailSigmas * d.p1};
    case kLogNormal:
      return {d.p0 * std::exp(-kTailSigmas * d.p1), d.p0 * std::exp(kTailSigmas * d.p1)};
    case kTriangular:
    case kPert:
      return {d.p0, d.p2};
    default:
      return {d.p0, d.p1};
  }
}

std::pair<double, double> support_probes(const Distribution& d) {
  // Two distinct nonzero points of the support: a value of zero says nothing about a scale.
  std::vector<double> candidates;
  switch (d.kind) {
    case kNormal:
      candidates = {d.p0, d.p0 + d.p1, d.p0 - d.p1};
      break;
    case kLogNormal:
      candidates = {d.p0, d.p0 * std::exp(d.p1)};
      break;
    case kTriangular:
    case kPert:
      candidates = {d.p0, d.p2, d.p1, 0.5 * (d.p0 + d.p2)};
      break;
    default:
      candidates = {d.p0, d.p1, 0.5 * (d.p0 + d.p1)};
  }
  std::vector<double> chosen;
  for (double v : candidates)
    if (v != 0 && (chosen.empty() || v != chosen.front())) chosen.push_back(v);
  chosen.resize(2, chosen.empty() ? 0.0 : chosen.front());
  return {chosen[0], chosen[1]};
}

}  // namespace llmb
