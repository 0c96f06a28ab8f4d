// Quantities with units: "312 TFLOP/s" -> 3.12e14 FLOP/s. The unit table lives here and only
// here; after the loader every double is in the base unit of its dimension.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace llmb {

// Base units: count 1, FLOP, FLOP/s, byte, byte/s, W, kWh, s, USD, USD per GPU-hour,
// USD per kWh, kg CO2 per kWh, kg, GPU-hour, a continuous rate per year, USD per person-hour
// and USD per million tokens.
enum class Dimension {
  kDimensionless,  // a ratio or fraction; "40%" is 0.4
  kCount,          // parameters, tokens, GPUs: 175B, 1.4T, 20k
  kFlop,
  kFlopPerSecond,
  kBytes,
  kBytesPerSecond,
  kPower,
  kEnergy,
  kTime,
  kUsd,
  kUsdPerGpuHour,
  kUsdPerKwh,
  kCo2PerKwh,
  kMass,
  kGpuHours,
  kRatePerYear,          // "0.14 OOM/y" (orders of magnitude), "28%/y" (value lost), "0.32/y"
  kUsdPerHour,           // a wage or a billed rate per person-hour: "$12.50/h"
  kUsdPerMillionTokens,  // a price of tokens: "$2/Mtok", "$0.002/ktok"
};

// What went wrong, said about the text alone; the caller adds file, line and key.
class UnitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses text as a quantity of the given dimension, in base units. Throws UnitError for a
// missing or unknown unit, a unit of another dimension, or a number that is not finite.
double parse_quantity(std::string_view text, Dimension dimension);

// The symbol of a dimension's base unit ("s", "$/h", "kWh"); empty for counts and ratios.
std::string_view base_unit_symbol(Dimension dimension);

// A base-unit value written so that parse_quantity reads it back exactly: "2.5 $/h", "7776000 s".
std::string format_base_quantity(double base_value, Dimension dimension);

// "a time", "a price per GPU-hour"... for messages.
std::string_view dimension_noun(Dimension dimension);
// An example of a valid value, for messages: "90d", "$2.5/h".
std::string_view dimension_example(Dimension dimension);

}  // namespace llmb
