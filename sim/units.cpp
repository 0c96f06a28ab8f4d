#include "sim/units.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "sim/money.h"

namespace llmb {
namespace {

struct Unit {
  std::string_view symbol;
  double base_per_unit;
};

struct DimensionInfo {
  Dimension dimension;
  std::string_view noun;
  std::string_view example;
  bool unit_required;   // a bare number is an error
  bool takes_prefixes;  // k, M, G/B, T, P, E multiply the unit
  std::initializer_list<Unit> units;
};

constexpr double kHour = 3600.0;
constexpr double kDay = 24 * kHour;
constexpr double kYear = 365 * kDay;  // as in Cottier et al. 2024

// The table of every unit llmbudget reads. Prefixes (k, M, G, T, P, E; B for billions of
// counts and dollars) apply where takes_prefixes is set: "TFLOP/s", "kWh", "$10k", "1.4T".
const std::array<DimensionInfo, 18>& dimension_table() {
  static const std::array<DimensionInfo, 18> table{{
      {Dimension::kDimensionless,
       "a plain number or percentage",
       "0.4 or 40%",
       false,
       false,
       {{"", 1.0}, {"%", 0.01}, {"x", 1.0}}},
      {Dimension::kCount, "a count", "175B", false, true, {{"", 1.0}}},
      {Dimension::kFlop,
       "an amount of compute",
       "3.14e23 FLOP",
       true,
       true,
       {{"FLOP", 1.0},
        {"PFLOP/s-day", 1e15 * kDay},
        {"PF-day", 1e15 * kDay},
        {"PF-days", 1e15 * kDay}}},
      {Dimension::kFlopPerSecond,
       "a compute rate",
       "312 TFLOP/s",
       true,
       true,
       {{"FLOP/s", 1.0}, {"OP/s", 1.0}, {"FLOPS", 1.0}}},
      {Dimension::kBytes,
       "a memory size",
       "80GB",
       true,
       true,
       {{"B", 1.0},
        {"KiB", 1024.0},
        {"MiB", 1048576.0},
        {"GiB", 1073741824.0},
        {"TiB", 1099511627776.0}}},
      {Dimension::kBytesPerSecond, "a bandwidth", "2 TB/s", true, true, {{"B/s", 1.0}}},
      {Dimension::kPower, "a power", "400W", true, true, {{"W", 1.0}}},
      {Dimension::kEnergy, "an energy", "1287 MWh", true, true, {{"Wh", 1e-3}}},
      {Dimension::kTime,
       "a time",
       "90d",
       true,
       false,
       {{"s", 1.0}, {"min", 60.0}, {"h", kHour}, {"d", kDay}, {"w", 7 * kDay}, {"y", kYear}}},
      {Dimension::kUsd, "an amount of money", "$10k", true, true, {{"$", 1.0}, {"USD", 1.0}}},
      {Dimension::kUsdPerGpuHour,
       "a price per GPU-hour",
       "$2.5/h",
       true,
       false,
       {{"$/h", 1.0}, {"$/GPU-h", 1.0}, {"$/GPU-hour", 1.0}, {"$/hour", 1.0}}},
      {Dimension::kUsdPerKwh,
       "a price per kWh",
       "0.08 $/kWh",
       true,
       false,
       {{"$/kWh", 1.0}, {"$/MWh", 1e-3}}},
      {Dimension::kCo2PerKwh,
       "a grid carbon intensity",
       "0.429 kg/kWh",
       true,
       false,
       {{"kg/kWh", 1.0}, {"g/kWh", 1e-3}, {"t/MWh", 1.0}}},
      {Dimension::kMass, "a mass", "552 t", true, true, {{"g", 1e-3}, {"t", 1e3}}},
      {Dimension::kGpuHours,
       "GPU-hours",
       "2.788M GPU-h",
       true,
       true,
       {{"GPU-h", 1.0}, {"GPU-hours", 1.0}}},
      {Dimension::kRatePerYear,
       "a rate per year",
       "0.14 OOM/y",
       true,
       false,
       {{"OOM/y", std::log(10.0)}, {"/y", 1.0}}},
      {Dimension::kUsdPerHour,
       "a wage or price per hour",
       "$12.50/h",
       true,
       false,
       {{"$/h", 1.0}, {"$/hour", 1.0}}},
      {Dimension::kUsdPerMillionTokens,
       "a price per million tokens",
       "$2/Mtok",
       true,
       false,
       {{"$/Mtok", 1.0}, {"$/ktok", 1e3}, {"$/tok", 1e6}, {"$/token", 1e6}}},
  }};
  return table;
}

const DimensionInfo& info(Dimension dimension) {
  for (const auto& entry : dimension_table())
    if (entry.dimension == dimension) return entry;
  throw std::logic_error("dimension missing from the unit table");
}

std::optional<double> prefix_multiplier(char prefix, Dimension dimension) {
  switch (prefix) {
    case 'k':
    case 'K':
      return 1e3;
    case 'M':
      return 1e6;
    case 'G':
      return 1e9;
    case 'B':  // billions, for parameters, tokens and dollars only
      if (dimension == Dimension::kCount || dimension == Dimension::kUsd) return 1e9;
      return std::nullopt;
    case 'T':
      return 1e12;
    case 'P':
      return 1e15;
    case 'E':
      return 1e18;
    default:
      return std::nullopt;
  }
}

// Base units per one of `symbol` in `dimension`, with an optional prefix.
std::optional<double> lookup(const DimensionInfo& dim, std::string_view symbol) {
  for (const Unit& unit : dim.units)
    if (unit.symbol == symbol) return unit.base_per_unit;
  if (dim.takes_prefixes && !symbol.empty()) {
    const auto multiplier = prefix_multiplier(symbol.front(), dim.dimension);
    if (multiplier) {
      for (const Unit& unit : dim.units)
        if (unit.symbol == symbol.substr(1)) return *multiplier * unit.base_per_unit;
    }
  }
  return std::nullopt;
}

std::string strip_spaces(std::string_view text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

}  // namespace

std::string_view dimension_noun(Dimension dimension) {
  return info(dimension).noun;
}

std::string_view base_unit_symbol(Dimension dimension) {
  // The unit whose factor is exactly 1 (kWh for energy, kg for mass: prefixed base units).
  switch (dimension) {
    case Dimension::kEnergy:
      return "kWh";
    case Dimension::kMass:
      return "kg";
    default:
      for (const Unit& unit : info(dimension).units)
        if (unit.base_per_unit == 1.0) return unit.symbol;
  }
  return {};
}

std::string format_base_quantity(double base_value, Dimension dimension) {
  const std::string_view symbol = base_unit_symbol(dimension);
  if (symbol.empty()) return fmt::format("{:.17g}", base_value);
  return fmt::format("{:.17g} {}", base_value, symbol);
}

std::string_view dimension_example(Dimension dimension) {
  return info(dimension).example;
}

double parse_quantity(std::string_view text, Dimension dimension) {
  const DimensionInfo& dim = info(dimension);
  // A quantity is one line of printable text; a newline or NUL inside it is a slip (a block
  // scalar, a pasted line), and would otherwise end up inside a unit name in the message.
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != ' ' && c != '\t')
      throw UnitError(
          fmt::format("expected {} such as {} on one line, without control "
                      "characters",
                      dim.noun, dim.example));
  // "¥ 312M" and "EUR 5M" are read where an exchange rate is at hand (Fields, through
  // parse_money); here, without one, only dollars are.
  std::string dollar_text;
  if (is_money(dimension)) {
    CurrencySplit split = split_currency(text);
    if (split.currency != "USD")
      throw UnitError(fmt::format(
          "an amount in {} needs an exchange rate, and none applies here: write it in US dollars",
          split.currency));
    dollar_text = std::move(split.dollar_text);
    text = dollar_text;
  }
  // "$10k" and "$2.5/h" put the currency first; read them as "10 k$" and "2.5 $/h".
  std::string_view rest = text;
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front())))
    rest.remove_prefix(1);
  // "-$5M" is "$-5M": the sign may stand before the currency.
  const bool negative_currency = rest.size() > 1 && rest[0] == '-' && rest[1] == '$';
  if (negative_currency) rest.remove_prefix(1);
  const bool currency_first = !rest.empty() && rest.front() == '$';
  if (currency_first) rest.remove_prefix(1);

  // The number is read as written; spaces may separate it from its unit, not split it.
  double number = 0;
  const char* begin = rest.data();
  const char* end = begin + rest.size();
  const auto [stop, error] = std::from_chars(begin, end, number);
  if (error != std::errc() || stop == begin)
    throw UnitError(fmt::format("expected {} such as {}", dim.noun, dim.example));
  if (!std::isfinite(number)) throw UnitError("must be a finite number");
  if (negative_currency) {
    if (number < 0) throw UnitError(fmt::format("expected {} such as {}", dim.noun, dim.example));
    number = -number;
  }

  std::string symbol = strip_spaces(std::string_view(stop, static_cast<std::size_t>(end - stop)));
  if (!symbol.empty() &&
      (std::isdigit(static_cast<unsigned char>(symbol.front())) || symbol.front() == '.'))
    throw UnitError("a number must not contain spaces");
  if (currency_first) {
    // The magnitude letter, if any, stays in front of the currency: "k" + "$" + "/h".
    const std::size_t slash = symbol.find('/');
    const std::string magnitude = symbol.substr(0, slash);
    const std::string per = slash == std::string::npos ? "" : symbol.substr(slash);
    symbol = magnitude + "$" + per;
  }

  // "28%/y": the fraction of value lost in a year, turned into a continuous rate.
  if (dimension == Dimension::kRatePerYear && symbol == "%/y") {
    if (number < 0 || number >= 100)
      throw UnitError("a yearly loss of value must be at least 0% and below 100%");
    return -std::log1p(-number / 100.0);
  }
  if (symbol.empty() && dim.unit_required)
    throw UnitError(fmt::format("needs a unit: {} such as {}", dim.noun, dim.example));

  if (const auto factor = lookup(dim, symbol)) {
    // 1e308 years is a finite number of a unit and an infinite number of seconds.
    if (!std::isfinite(number * *factor))
      throw UnitError("too large: beyond the range of a double in base units");
    return number * *factor;
  }

  for (const auto& other : dimension_table()) {
    if (other.dimension == dimension || symbol.empty()) continue;
    if (lookup(other, symbol))
      throw UnitError(fmt::format("\"{}\" is a unit of {}; expected {} such as {}", symbol,
                                  other.noun, dim.noun, dim.example));
  }
  throw UnitError(
      fmt::format("unknown unit \"{}\"; expected {} such as {}", symbol, dim.noun, dim.example));
}

}  // namespace llmb
