#include "sim/units.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace llmb {
namespace {

using ::testing::HasSubstr;

constexpr double kDay = 24 * 3600.0;
constexpr double kYear = 365 * kDay;  // Cottier et al. 2024 count a year as 365 days

// The message parse_quantity throws for `text`, or "" when it parses.
std::string error_for(std::string_view text, Dimension dimension) {
  try {
    parse_quantity(text, dimension);
  } catch (const UnitError& e) {
    return e.what();
  }
  return "";
}

TEST(ParseQuantity, CountsTakeBillionsAndTrillions) {
  EXPECT_DOUBLE_EQ(parse_quantity("175B", Dimension::kCount), 175e9);
  EXPECT_DOUBLE_EQ(parse_quantity("300B", Dimension::kCount), 300e9);
  EXPECT_DOUBLE_EQ(parse_quantity("1.4T", Dimension::kCount), 1.4e12);
  EXPECT_DOUBLE_EQ(parse_quantity("20k", Dimension::kCount), 20e3);
  EXPECT_DOUBLE_EQ(parse_quantity("6.7G", Dimension::kCount), 6.7e9);
}

TEST(ParseQuantity, CountsMayBeBareNumbers) {
  EXPECT_DOUBLE_EQ(parse_quantity("1024", Dimension::kCount), 1024.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1e30", Dimension::kCount), 1e30);
}

TEST(ParseQuantity, DollarsWithTheCurrencyFirstOrLast) {
  EXPECT_DOUBLE_EQ(parse_quantity("$10k", Dimension::kUsd), 10e3);
  EXPECT_DOUBLE_EQ(parse_quantity("$5.576M", Dimension::kUsd), 5.576e6);
  EXPECT_DOUBLE_EQ(parse_quantity("$1.5B", Dimension::kUsd), 1.5e9);
  // The sign may stand before the currency, so that bounds checks see a negative amount.
  EXPECT_DOUBLE_EQ(parse_quantity("-$5M", Dimension::kUsd), -5e6);
  EXPECT_DOUBLE_EQ(parse_quantity("$-5M", Dimension::kUsd), -5e6);
  EXPECT_DOUBLE_EQ(parse_quantity("10k USD", Dimension::kUsd), 10e3);
  EXPECT_DOUBLE_EQ(parse_quantity("950 $", Dimension::kUsd), 950.0);
}

TEST(ParseQuantity, PricePerGpuHourAcceptsItsSpellings) {
  EXPECT_DOUBLE_EQ(parse_quantity("$2.5/h", Dimension::kUsdPerGpuHour), 2.5);
  EXPECT_DOUBLE_EQ(parse_quantity("2.5 $/h", Dimension::kUsdPerGpuHour), 2.5);
  EXPECT_DOUBLE_EQ(parse_quantity("$2/GPU-h", Dimension::kUsdPerGpuHour), 2.0);
  EXPECT_DOUBLE_EQ(parse_quantity("$1.5/hour", Dimension::kUsdPerGpuHour), 1.5);
}

TEST(ParseQuantity, MemoryInDecimalAndBinaryPrefixes) {
  EXPECT_DOUBLE_EQ(parse_quantity("80GB", Dimension::kBytes), 80e9);
  EXPECT_DOUBLE_EQ(parse_quantity("141 GB", Dimension::kBytes), 141e9);
  EXPECT_DOUBLE_EQ(parse_quantity("16GiB", Dimension::kBytes), 16.0 * 1024 * 1024 * 1024);
}

TEST(ParseQuantity, BandwidthIsBytesPerSecond) {
  EXPECT_DOUBLE_EQ(parse_quantity("3.35 TB/s", Dimension::kBytesPerSecond), 3.35e12);
  EXPECT_DOUBLE_EQ(parse_quantity("600 GB/s", Dimension::kBytesPerSecond), 600e9);
}

TEST(ParseQuantity, ComputeRateTakesSiPrefixes) {
  EXPECT_DOUBLE_EQ(parse_quantity("312 TFLOP/s", Dimension::kFlopPerSecond), 312e12);
  EXPECT_DOUBLE_EQ(parse_quantity("1978.9 TFLOP/s", Dimension::kFlopPerSecond), 1978.9e12);
  EXPECT_DOUBLE_EQ(parse_quantity("624 TOP/s", Dimension::kFlopPerSecond), 624e12);
  EXPECT_DOUBLE_EQ(parse_quantity("1 PFLOP/s", Dimension::kFlopPerSecond), 1e15);
}

TEST(ParseQuantity, ComputeInFlopAndPetaflopDays) {
  EXPECT_DOUBLE_EQ(parse_quantity("3.14e23 FLOP", Dimension::kFlop), 3.14e23);
  // Brown et al. 2020, Table D.1: 3.64e3 PF-days, one PF-day being 1e15 FLOP/s for 86,400 s.
  EXPECT_DOUBLE_EQ(parse_quantity("3.64e3 PF-days", Dimension::kFlop), 3.64e3 * 1e15 * kDay);
  EXPECT_DOUBLE_EQ(parse_quantity("1 PF-day", Dimension::kFlop), 1e15 * kDay);
}

TEST(ParseQuantity, PowerInWattsAndKilowatts) {
  EXPECT_DOUBLE_EQ(parse_quantity("400W", Dimension::kPower), 400.0);
  EXPECT_DOUBLE_EQ(parse_quantity("6.5kW", Dimension::kPower), 6500.0);
  EXPECT_DOUBLE_EQ(parse_quantity("10.2 kW", Dimension::kPower), 10200.0);
}

TEST(ParseQuantity, EnergyIsInKilowattHours) {
  EXPECT_DOUBLE_EQ(parse_quantity("1 kWh", Dimension::kEnergy), 1.0);
  EXPECT_DOUBLE_EQ(parse_quantity("1287 MWh", Dimension::kEnergy), 1287e3);
  EXPECT_DOUBLE_EQ(parse_quantity("500 Wh", Dimension::kEnergy), 0.5);
}

TEST(ParseQuantity, ElectricityPriceEitherWayRound) {
  EXPECT_DOUBLE_EQ(parse_quantity("0.08 $/kWh", Dimension::kUsdPerKwh), 0.08);
  EXPECT_DOUBLE_EQ(parse_quantity("$0.08/kWh", Dimension::kUsdPerKwh), 0.08);
  EXPECT_DOUBLE_EQ(parse_quantity("80 $/MWh", Dimension::kUsdPerKwh), 0.08);
}

TEST(ParseQuantity, TimesFromSecondsToYears) {
  EXPECT_DOUBLE_EQ(parse_quantity("90d", Dimension::kTime), 90 * kDay);
  EXPECT_DOUBLE_EQ(parse_quantity("14.8d", Dimension::kTime), 14.8 * kDay);
  EXPECT_DOUBLE_EQ(parse_quantity("4y", Dimension::kTime), 4 * 365 * kDay);
  EXPECT_DOUBLE_EQ(parse_quantity("2h", Dimension::kTime), 7200.0);
  EXPECT_DOUBLE_EQ(parse_quantity("30 min", Dimension::kTime), 1800.0);
  EXPECT_DOUBLE_EQ(parse_quantity("2w", Dimension::kTime), 14 * kDay);
  EXPECT_DOUBLE_EQ(parse_quantity("45s", Dimension::kTime), 45.0);
}

TEST(ParseQuantity, OrdersOfMagnitudePerYearBecomeAContinuousRate) {
  // Cottier et al. 2024, section 2.2: value falls 0.14 orders of magnitude a year, so
  // value(t) = 10^(-0.14 t) = exp(-0.14 ln(10) t).
  EXPECT_DOUBLE_EQ(parse_quantity("0.14 OOM/y", Dimension::kRatePerYear), 0.14 * std::log(10.0));
  EXPECT_DOUBLE_EQ(parse_quantity("0.32/y", Dimension::kRatePerYear), 0.32);
}

TEST(ParseQuantity, YearlyPercentLossBecomesAContinuousRate) {
  // Losing 28% a year leaves 0.72 = exp(-r), so r = -ln(0.72).
  EXPECT_DOUBLE_EQ(parse_quantity("28%/y", Dimension::kRatePerYear), -std::log(0.72));
  EXPECT_DOUBLE_EQ(parse_quantity("0%/y", Dimension::kRatePerYear), 0.0);
}

TEST(ParseQuantity, YearlyPercentLossOfAHundredOrMoreIsRejected) {
  EXPECT_THAT(error_for("100%/y", Dimension::kRatePerYear), HasSubstr("below 100%"));
  EXPECT_THAT(error_for("-5%/y", Dimension::kRatePerYear), HasSubstr("at least 0%"));
}

TEST(ParseQuantity, FractionsArePlainOrPercent) {
  EXPECT_DOUBLE_EQ(parse_quantity("40%", Dimension::kDimensionless), 0.4);
  EXPECT_DOUBLE_EQ(parse_quantity("0.42", Dimension::kDimensionless), 0.42);
  EXPECT_DOUBLE_EQ(parse_quantity("1.66x", Dimension::kDimensionless), 1.66);
}

TEST(ParseQuantity, CarbonIntensityMassAndGpuHours) {
  EXPECT_DOUBLE_EQ(parse_quantity("0.429 kg/kWh", Dimension::kCo2PerKwh), 0.429);
  EXPECT_DOUBLE_EQ(parse_quantity("367 g/kWh", Dimension::kCo2PerKwh), 0.367);
  EXPECT_DOUBLE_EQ(parse_quantity("552 t", Dimension::kMass), 552e3);
  EXPECT_DOUBLE_EQ(parse_quantity("2.788M GPU-h", Dimension::kGpuHours), 2.788e6);
  EXPECT_DOUBLE_EQ(parse_quantity("184320 GPU-hours", Dimension::kGpuHours), 184320.0);
}

TEST(ParseQuantity, NegativeNumbersParseAndAreLeftToTheBoundsCheck) {
  EXPECT_DOUBLE_EQ(parse_quantity("-64", Dimension::kCount), -64.0);
}

TEST(ParseQuantity, BareNumberWhereAUnitIsRequiredThrows) {
  for (Dimension d : {Dimension::kUsd, Dimension::kPower, Dimension::kTime, Dimension::kBytes,
                      Dimension::kFlopPerSecond, Dimension::kUsdPerGpuHour, Dimension::kUsdPerKwh,
                      Dimension::kRatePerYear, Dimension::kFlop}) {
    EXPECT_THROW(parse_quantity("10000", d), UnitError) << dimension_noun(d);
    EXPECT_THAT(error_for("10000", d), HasSubstr("needs a unit")) << dimension_noun(d);
  }
}

TEST(ParseQuantity, BareNumberMessageGivesAnExample) {
  EXPECT_EQ(error_for("10000", Dimension::kUsd), "needs a unit: an amount of money such as $10k");
}

TEST(ParseQuantity, UnknownUnitIsNamedInTheMessage) {
  EXPECT_EQ(error_for("2 EUR/h", Dimension::kUsdPerGpuHour),
            "unknown unit \"EUR/h\"; expected a price per GPU-hour such as $2.5/h");
  EXPECT_THAT(error_for("312 furlongs", Dimension::kFlopPerSecond), HasSubstr("unknown unit"));
  EXPECT_THAT(error_for("90 days", Dimension::kTime), HasSubstr("unknown unit \"days\""));
}

TEST(ParseQuantity, UnitOfAnotherDimensionNamesThatDimension) {
  EXPECT_EQ(error_for("80GB", Dimension::kPower),
            "\"GB\" is a unit of a memory size; expected a power such as 400W");
  EXPECT_THAT(error_for("400W", Dimension::kBytes), HasSubstr("is a unit of a power"));
  EXPECT_THAT(error_for("$10k", Dimension::kUsdPerGpuHour),
              HasSubstr("is a unit of an amount of money"));
  EXPECT_THAT(error_for("90d", Dimension::kUsd), HasSubstr("is a unit of a time"));
  EXPECT_THAT(error_for("$0.1/kWh", Dimension::kUsdPerGpuHour),
              HasSubstr("is a unit of a price per kWh"));
}

TEST(ParseQuantity, BillionsPrefixIsOnlyForCountsAndDollars) {
  // "B" would read as bytes for memory; for power it is no prefix at all.
  EXPECT_THROW(parse_quantity("1BW", Dimension::kPower), UnitError);
  EXPECT_DOUBLE_EQ(parse_quantity("1GW", Dimension::kPower), 1e9);
}

TEST(ParseQuantity, NotANumberAndInfinityAreRejected) {
  for (const char* text : {"nan", "NaN", "inf", "-inf", "infinity"}) {
    EXPECT_EQ(error_for(text, Dimension::kDimensionless), "must be a finite number") << text;
    EXPECT_THROW(parse_quantity(text, Dimension::kCount), UnitError) << text;
  }
  EXPECT_THROW(parse_quantity("inf W", Dimension::kPower), UnitError);
  EXPECT_THROW(parse_quantity("$nan", Dimension::kUsd), UnitError);
}

TEST(ParseQuantity, TextWithoutANumberIsRejected) {
  EXPECT_EQ(error_for("lots", Dimension::kCount), "expected a count such as 175B");
  EXPECT_THROW(parse_quantity("", Dimension::kCount), UnitError);
  EXPECT_THROW(parse_quantity("$", Dimension::kUsd), UnitError);
  EXPECT_THROW(parse_quantity("TFLOP/s", Dimension::kFlopPerSecond), UnitError);
}

TEST(DimensionText, EveryDimensionHasANounAndAnExampleThatParses) {
  for (int i = 0; i <= static_cast<int>(Dimension::kRatePerYear); ++i) {
    const auto d = static_cast<Dimension>(i);
    EXPECT_FALSE(dimension_noun(d).empty());
    const std::string example(dimension_example(d));
    // "0.4 or 40%" shows two spellings; the first must parse.
    const std::string first = example.substr(0, example.find(" or "));
    EXPECT_NO_THROW(parse_quantity(first, d)) << example;
  }
}

TEST(ParseQuantity, WagesArePerPersonHour) {
  EXPECT_DOUBLE_EQ(parse_quantity("$12.50/h", Dimension::kUsdPerHour), 12.5);
  EXPECT_DOUBLE_EQ(parse_quantity("60 $/hour", Dimension::kUsdPerHour), 60.0);
  EXPECT_THAT(error_for("12.5", Dimension::kUsdPerHour), HasSubstr("needs a unit"));
}

TEST(ParseQuantity, TokenPricesArePerMillionTokens) {
  EXPECT_DOUBLE_EQ(parse_quantity("$2/Mtok", Dimension::kUsdPerMillionTokens), 2.0);
  // OpenAI's 2023 gpt-3.5-turbo price, $0.002 per 1k tokens, is $2 per million.
  EXPECT_DOUBLE_EQ(parse_quantity("$0.002/ktok", Dimension::kUsdPerMillionTokens), 2.0);
  EXPECT_THAT(error_for("$2/h", Dimension::kUsdPerMillionTokens), HasSubstr("unit of"));
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

// Found by fuzz_units (issue 12): "01e308y" was 1e308 years, an infinite number of seconds.
TEST(ParseQuantity, AValueBeyondADoubleInBaseUnitsIsRefused) {
  EXPECT_THROW(parse_quantity("01e308y", Dimension::kTime), UnitError);
  EXPECT_THROW(parse_quantity("1e308 PFLOP/s", Dimension::kFlopPerSecond), UnitError);
  EXPECT_DOUBLE_EQ(parse_quantity("1e300 s", Dimension::kTime), 1e300);
}

TEST(ParseQuantity, ControlCharactersAreRefused) {
  EXPECT_THROW(parse_quantity("8\nfoo", Dimension::kCount), UnitError);
  EXPECT_THROW(parse_quantity(std::string("8\0", 2), Dimension::kCount), UnitError);
}

}  // namespace
}  // namespace llmb
