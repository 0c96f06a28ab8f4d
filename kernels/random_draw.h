// Random inputs for Monte Carlo, drawn from Random123's Philox keyed on (seed, scenario index,
// input): the same seed gives the same samples on the CPU and the GPU, for any thread count.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

#include "kernels/hd.h"

namespace llmb {

enum DistributionKind : int {
  kUniform = 0,     // p0 min, p1 max
  kLogUniform = 1,  // p0 min, p1 max (both positive)
  kNormal = 2,      // p0 mean, p1 standard deviation
  kLogNormal = 3,   // p0 median, p1 sigma of the logarithm
  kTriangular = 4,  // p0 min, p1 mode, p2 max
  kPert = 5,        // p0 min, p1 mode, p2 max; Beta with shape weight 4 (Malcolm et al. 1959)
};

struct Distribution {
  int kind = kUniform;
  double p0 = 0, p1 = 0, p2 = 0;
};

// Four 32-bit words from Philox4x32-10 for (seed, index, input, block).
LLMB_HD inline r123::Philox4x32::ctr_type philox_block(std::uint64_t seed, std::uint64_t index,
                                                       std::uint32_t input, std::uint32_t block) {
  r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {
      {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32), input, block}};
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  return generator(counter, key);
}

// A double in the open interval (0, 1) from two words: 52 random bits, offset by half a step
// (with 53 bits the largest value would round to 1).
LLMB_HD inline double open_unit(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t bits = ((static_cast<std::uint64_t>(high) << 32) | low) >> 12;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-52;
}

struct UnitPair {
  double u0, u1;
};

LLMB_HD inline UnitPair unit_pair(std::uint64_t seed, std::uint64_t index, std::uint32_t input,
                                  std::uint32_t block) {
  const auto words = philox_block(seed, index, input, block);
  return {open_unit(words.v[0], words.v[1]), open_unit(words.v[2], words.v[3])};
}

// A standard normal by Box-Muller from one Philox block.
LLMB_HD inline double standard_normal(std::uint64_t seed, std::uint64_t index, std::uint32_t input,
                                      std::uint32_t block) {
  const UnitPair u = unit_pair(seed, index, input, block);
  return sqrt(-2.0 * log(u.u0)) * cos(6.283185307179586476925 * u.u1);
}

// Gamma(shape >= 1, 1) by Marsaglia and Tsang (2000); each try uses its own Philox blocks,
// from `first_block` on, so the draw is a pure function of its key.
LLMB_HD inline double gamma_draw(double shape, std::uint64_t seed, std::uint64_t index,
                                 std::uint32_t input, std::uint32_t first_block) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / sqrt(9.0 * d);
  constexpr std::uint32_t kMaxTries = 64;  // acceptance is above 95% per try for shape >= 1
  for (std::uint32_t attempt = 0; attempt < kMaxTries; ++attempt) {
    const std::uint32_t block = first_block + 2 * attempt;
    const double z = standard_normal(seed, index, input, block);
    const double v_root = 1.0 + c * z;
    if (v_root <= 0) continue;
    const double v = v_root * v_root * v_root;
    const double u = unit_pair(seed, index, input, block + 1).u0;
    if (log(u) < 0.5 * z * z + d - d * v + d * log(v)) return d * v;
  }
  return shape;  // the mean; reached with probability below 1e-80
}

// One draw of `dist` for (seed, index, input).
LLMB_HD inline double draw(const Distribution& dist, std::uint64_t seed, std::uint64_t index,
                           std::uint32_t input) {
  switch (dist.kind) {
    case kUniform:
      return dist.p0 + (dist.p1 - dist.p0) * unit_pair(seed, index, input, 0).u0;
    case kLogUniform:
      return exp(log(dist.p0) +
                 (log(dist.p1) - log(dist.p0)) * unit_pair(seed, index, input, 0).u0);
    case kNormal:
      return dist.p0 + dist.p1 * standard_normal(seed, index, input, 0);
    case kLogNormal:
      return dist.p0 * exp(dist.p1 * standard_normal(seed, index, input, 0));
    case kTriangular: {
      // Inverse of the triangular CDF.
      const double u = unit_pair(seed, index, input, 0).u0;
      const double width = dist.p2 - dist.p0;
      const double split = (dist.p1 - dist.p0) / width;
      if (u < split) return dist.p0 + sqrt(u * width * (dist.p1 - dist.p0));
      return dist.p2 - sqrt((1.0 - u) * width * (dist.p2 - dist.p1));
    }
    case kPert: {
      const double width = dist.p2 - dist.p0;
      const double alpha = 1.0 + 4.0 * (dist.p1 - dist.p0) / width;
      const double beta = 1.0 + 4.0 * (dist.p2 - dist.p1) / width;
      const double x = gamma_draw(alpha, seed, index, input, 0);
      const double y = gamma_draw(beta, seed, index, input, 1u << 16);
      return dist.p0 + width * x / (x + y);
    }
    default:
      return 0.0;
  }
}

}  // namespace llmb
