// Reductions over many training outputs that the CPU and CUDA backends share: moments
// (Welford, combined by Chan et al.) and a log-spaced histogram for quantiles.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/hd.h"
#include "kernels/training_run.h"

namespace llmb {

inline constexpr int kTrainingOutputFields = sizeof(TrainingOutputs) / sizeof(double);
static_assert(sizeof(TrainingOutputs) == kTrainingOutputFields * sizeof(double));

LLMB_HD inline double output_field(const TrainingOutputs& out, int field) {
  return reinterpret_cast<const double*>(&out)[field];
}

struct Moments {
  double count = 0;
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the mean
  double min = INFINITY;
  double max = -INFINITY;
};

LLMB_HD inline void moments_add(Moments& m, double x) {
  m.count += 1;
  const double delta = x - m.mean;
  m.mean += delta / m.count;
  m.m2 += delta * (x - m.mean);
  m.min = x < m.min ? x : m.min;
  m.max = x > m.max ? x : m.max;
}

// Chan, Golub and LeVeque (1979): the moments of a union from the moments of its parts. The
// result depends on the order of combination, so backends combine parts in index order.
LLMB_HD inline Moments moments_combine(const Moments& a, const Moments& b) {
  if (a.count == 0) return b;
  if (b.count == 0) return a;
  Moments m;
  m.count = a.count + b.count;
  const double delta = b.mean - a.mean;
  m.mean = a.mean + delta * (b.count / m.count);
  m.m2 = a.m2 + b.m2 + delta * delta * (a.count * b.count / m.count);
  m.min = a.min < b.min ? a.min : b.min;
  m.max = a.max > b.max ? a.max : b.max;
  return m;
}

// Quantiles come from a histogram binned on the bits of the double: each octave from 2^-64
// (5e-20) to 2^128 (3e38) split into 256 equal sub-bins, so a bin is at most 0.39% wide and no
// logarithm is needed; plus bins for values at or below zero (and NaN), below and above the
// range. Counts are integers, so merging histograms is exact in any order.
inline constexpr int kHistogramMinExponent = -64;
inline constexpr int kHistogramMaxExponent = 128;
inline constexpr int kSubBinBits = 8;
inline constexpr int kSubBins = 1 << kSubBinBits;
inline constexpr int kLogBins = (kHistogramMaxExponent - kHistogramMinExponent) * kSubBins;
inline constexpr int kBinNonPositive = 0;
inline constexpr int kBinUnderflow = 1;
inline constexpr int kFirstLogBin = 2;
inline constexpr int kBinOverflow = kFirstLogBin + kLogBins;
inline constexpr int kHistogramBins = kBinOverflow + 1;

LLMB_HD inline std::uint64_t double_bits(double x) {
#if defined(__CUDA_ARCH__)
  return static_cast<std::uint64_t>(__double_as_longlong(x));
#else
  std::uint64_t bits;
  __builtin_memcpy(&bits, &x, sizeof bits);
  return bits;
#endif
}

// For a positive double, the bits above the top kSubBinBits of the mantissa are the biased
// exponent followed by the sub-bin, so the bin is those bits less an offset: one shift and
// three selects on 64-bit lanes, which vectorise well.
LLMB_HD inline int histogram_bin(double x) {
  constexpr std::int64_t kExponentBias = 1023;
  constexpr std::int64_t kLow = (kHistogramMinExponent + kExponentBias) * kSubBins;
  constexpr std::int64_t kHigh = (kHistogramMaxExponent + kExponentBias) * kSubBins;
  const std::int64_t exponent_and_sub_bin =
      static_cast<std::int64_t>(double_bits(x) >> (52 - kSubBinBits));
  std::int64_t bin = exponent_and_sub_bin - kLow + kFirstLogBin;
  bin = exponent_and_sub_bin < kLow ? kBinUnderflow : bin;
  bin = exponent_and_sub_bin >= kHigh ? kBinOverflow : bin;
  bin = x > 0 ? bin : kBinNonPositive;  // NaN lands here too
  return static_cast<int>(bin);
}

// The lower edge of a log bin; the bin's upper edge is the next bin's lower edge.
LLMB_HD inline double histogram_bin_low(int bin) {
  const int offset = bin - kFirstLogBin;
  const int exponent = offset / kSubBins + kHistogramMinExponent;
  const int sub_bin = offset % kSubBins;
  return ldexp(1.0 + static_cast<double>(sub_bin) / kSubBins, exponent);
}

}  // namespace llmb
