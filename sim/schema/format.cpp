#include "sim/schema/format.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace llmb {
namespace {

// |value| as three significant figures show it, so that the unit is chosen after rounding:
// 999,999.99 is "1M", not "1e+03k".
double shown_magnitude(double value) {
  return std::strtod(fmt::format("{:.3g}", std::fabs(value)).c_str(), nullptr);
}

// value scaled by the largest of 1e3, 1e6, 1e9, 1e12 it exceeds, with that suffix.
std::string with_suffix(double value, const char* unit_after, bool space) {
  struct Step {
    double scale;
    const char* suffix;
  };
  static constexpr Step steps[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  const double magnitude = shown_magnitude(value);
  for (const Step& step : steps) {
    if (magnitude >= step.scale)
      return fmt::format("{:.3g}{}{}{}", value / step.scale, step.suffix, space ? " " : "",
                         unit_after);
  }
  return fmt::format("{:.3g}{}{}", value, space ? " " : "", unit_after);
}

// SI prefixes on a unit: 1.29e6 kWh -> "1.29 GWh".
std::string with_si_prefix(double value, const char* unit) {
  struct Step {
    double scale;
    const char* prefix;
  };
  static constexpr Step steps[] = {{1e18, "E"}, {1e15, "P"}, {1e12, "T"},
                                   {1e9, "G"},  {1e6, "M"},  {1e3, "k"}};
  const double magnitude = shown_magnitude(value);
  for (const Step& step : steps) {
    if (magnitude >= step.scale)
      return fmt::format("{:.3g} {}{}", value / step.scale, step.prefix, unit);
  }
  return fmt::format("{:.3g} {}", value, unit);
}

}  // namespace

std::string format_usd(double usd) {
  if (usd < 0) return "-" + format_usd(-usd);
  return "$" + with_suffix(usd, "", false);
}

std::string format_money(double usd, const DisplayCurrency& currency) {
  if (currency.code == "USD") return format_usd(usd);
  const double amount = usd * currency.per_usd;
  if (amount < 0) return "-" + currency.symbol + with_suffix(-amount, "", false);
  return currency.symbol + with_suffix(amount, "", false);
}

std::string format_grouped(double whole_number) {
  std::string digits = fmt::format("{:.0f}", std::fabs(whole_number));
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), ",");
  return whole_number < 0 ? "-" + digits : digits;
}

std::string format_output_value(double v, Dimension dimension, bool percent) {
  if (percent) return fmt::format("{:.1f}%", 100 * v);
  if (dimension == Dimension::kDimensionless) return fmt::format("{:.4g}", v);
  constexpr double kLargestGrouped = 1e7;  // beyond it "12.3M" reads better than digits
  if (dimension == Dimension::kCount && v == std::floor(v) && std::fabs(v) < kLargestGrouped)
    return format_grouped(v);
  return format_quantity(v, dimension);
}

std::string format_input_value(double v, Dimension dimension) {
  if (dimension == Dimension::kDimensionless && std::fabs(v) <= 1)
    return fmt::format("{:.3g}%", v * 100);
  return format_quantity(v, dimension);
}

std::string csv_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string format_quantity(double v, Dimension dimension) {
  switch (dimension) {
    case Dimension::kDimensionless:
      return fmt::format("{:.3g}", v);
    case Dimension::kCount:
      return with_suffix(v, "", false);
    case Dimension::kFlop:
      return fmt::format("{:.3g} FLOP", v);
    case Dimension::kFlopPerSecond:
      return with_si_prefix(v, "FLOP/s");
    case Dimension::kBytes:
      return with_si_prefix(v, "B");
    case Dimension::kBytesPerSecond:
      return with_si_prefix(v, "B/s");
    case Dimension::kPower:
      return with_si_prefix(v, "W");
    case Dimension::kEnergy:
      return with_si_prefix(v * 1e3, "Wh");
    case Dimension::kTime:
      if (v >= 86400.0) return fmt::format("{:.3g} days", v / 86400.0);
      if (v >= 3600.0) return fmt::format("{:.3g} hours", v / 3600.0);
      return fmt::format("{:.3g} s", v);
    case Dimension::kUsd:
      return format_usd(v);
    case Dimension::kUsdPerGpuHour:
      return fmt::format("${:.3g}/GPU-h", v);
    case Dimension::kUsdPerKwh:
      return fmt::format("${:.3g}/kWh", v);
    case Dimension::kCo2PerKwh:
      return fmt::format("{:.3g} kg/kWh", v);
    case Dimension::kMass:
      return v >= 1e3 ? with_suffix(v / 1e3, "t", true) : fmt::format("{:.3g} kg", v);
    case Dimension::kGpuHours:
      return with_suffix(v, "GPU-h", true);
    case Dimension::kRatePerYear:
      return fmt::format("{:.3g} OOM/y", v / std::log(10.0));
    case Dimension::kUsdPerHour:
      return fmt::format("${:.3g}/h", v);
    case Dimension::kUsdPerMillionTokens:
      return fmt::format("${:.3g}/Mtok", v);
  }
  return fmt::format("{:.3g}", v);
}

Format parse_format(const std::string& name) {
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  if (name == "table") return Format::kTable;
  if (name == "xlsx") return Format::kXlsx;
  if (name == "html") return Format::kHtml;
  // The command line checks --format against these names before it gets here.
  throw std::logic_error("parse_format: unknown format " + name);
}

}  // namespace llmb
