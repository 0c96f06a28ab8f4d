#include "sim/yaml/fields.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace llmb {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

template <typename F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// A document and the Fields of its top-level mapping; the document must outlive the fields.
struct Parsed {
  explicit Parsed(const std::string& text)
      : doc(Document::parse(text, "f.yaml")), root(doc, doc.root(), "") {}
  Document doc;
  Fields root;
};

TEST(FieldsQuantity, ReadsAValueInBaseUnits) {
  Parsed p("power: 6.5kW\ncount: 20k\n");
  EXPECT_DOUBLE_EQ(p.root.quantity("power", Dimension::kPower, positive()), 6500.0);
  EXPECT_DOUBLE_EQ(p.root.quantity("count", Dimension::kCount, positive_integer(1e7)), 20e3);
}

TEST(FieldsQuantity, PositiveRejectsZero) {
  Parsed p("power: 0W\n");
  EXPECT_EQ(input_error([&] { p.root.quantity("power", Dimension::kPower, positive()); }),
            "f.yaml:1:8: power: must be positive (got 0W)");
}

TEST(FieldsQuantity, NonNegativeAcceptsZeroAndRejectsBelow) {
  Parsed p("a: 0\nb: -0.1\n");
  EXPECT_DOUBLE_EQ(p.root.quantity("a", Dimension::kDimensionless, non_negative()), 0.0);
  EXPECT_EQ(input_error([&] { p.root.quantity("b", Dimension::kDimensionless, non_negative()); }),
            "f.yaml:2:4: b: must not be negative (got -0.1)");
}

TEST(FieldsQuantity, IntegerBoundsRejectFractions) {
  Parsed p("count: 2.5\n");
  EXPECT_EQ(input_error([&] { p.root.quantity("count", Dimension::kCount, positive_integer(10)); }),
            "f.yaml:1:8: count: must be a whole number (got 2.5)");
}

TEST(FieldsQuantity, UpperBoundIsInclusiveAndNamedInTheMessage) {
  Parsed p("a: 10\nb: 10.5\n");
  EXPECT_DOUBLE_EQ(p.root.quantity("a", Dimension::kDimensionless, positive(10)), 10.0);
  EXPECT_EQ(input_error([&] { p.root.quantity("b", Dimension::kDimensionless, positive(10)); }),
            "f.yaml:2:4: b: must be at most 10 (got 10.5)");
}

TEST(FieldsQuantity, NonZeroLowerBoundsAreNamed) {
  Parsed p("pue: 0.9\n");
  EXPECT_EQ(input_error([&] {
              p.root.quantity("pue", Dimension::kDimensionless, {1, 5});
            }),
            "f.yaml:1:6: pue: must be at least 1 (got 0.9)");
  EXPECT_EQ(input_error([&] {
              p.root.quantity("pue", Dimension::kDimensionless, {1, 5, true});
            }),
            "f.yaml:1:6: pue: must be above 1 (got 0.9)");
}

TEST(FieldsQuantity, FractionPositiveIsAboveZeroUpToOne) {
  Parsed p("a: 1\nb: 40%\nc: 0\nd: 1.01\n");
  EXPECT_DOUBLE_EQ(p.root.quantity("a", Dimension::kDimensionless, fraction_positive()), 1.0);
  EXPECT_DOUBLE_EQ(p.root.quantity("b", Dimension::kDimensionless, fraction_positive()), 0.4);
  EXPECT_THROW(p.root.quantity("c", Dimension::kDimensionless, fraction_positive()), InputError);
  EXPECT_THROW(p.root.quantity("d", Dimension::kDimensionless, fraction_positive()), InputError);
}

TEST(FieldsQuantity, NotANumberFailsEveryBound) {
  Parsed p("mfu: nan\n");
  EXPECT_EQ(
      input_error([&] { p.root.quantity("mfu", Dimension::kDimensionless, fraction_positive()); }),
      "f.yaml:1:6: mfu: must be a finite number (got nan)");
}

TEST(FieldsQuantity, UnitErrorsGainFileLineAndKeyPath) {
  Parsed p("cost:\n  gpu_price_usd: 10000\n");
  const Fields cost = p.root.child("cost");
  EXPECT_EQ(
      input_error([&] { cost.quantity("gpu_price_usd", Dimension::kUsd, positive()); }),
      "f.yaml:2:18: cost.gpu_price_usd: needs a unit: an amount of money such as $10k (got 10000)");
}

TEST(FieldsQuantity, MissingRequiredValueIsReportedAtItsMapping) {
  Parsed p("name: x\ndata:\n  other: 1\n");
  const Fields data = p.root.child("data");
  EXPECT_EQ(input_error([&] { data.quantity("tokens", Dimension::kCount, positive()); }),
            "f.yaml:3:3: data.tokens: missing: needs a count such as 175B");
}

TEST(FieldsQuantity, KeyWithoutAValueIsMissing) {
  Parsed p("count:\n");
  EXPECT_EQ(input_error([&] { p.root.quantity("count", Dimension::kCount, positive()); }),
            "f.yaml:1:1: count: missing value");
}

TEST(FieldsQuantity, ListWhereAValueIsExpectedIsRejected) {
  Parsed p("count: [1, 2]\n");
  EXPECT_EQ(input_error([&] { p.root.quantity("count", Dimension::kCount, positive()); }),
            "f.yaml:1:8: count: expected a count such as 175B (got a list)");
}

TEST(FieldsQuantity, OptionalQuantityIsEmptyWhenAbsent) {
  Parsed p("a: 1\n");
  EXPECT_FALSE(p.root.optional_quantity("b", Dimension::kDimensionless, positive()).has_value());
}

TEST(FieldsRejectUnknown, UnknownKeyNamesItsPositionAndSuggestsTheKnownOne) {
  Parsed p("hardware:\n  gpu: V100\n  count: 8\n  cuont: 16\n");
  const Fields hardware = p.root.child("hardware");
  hardware.text("gpu");
  hardware.quantity("count", Dimension::kCount, positive_integer(1e7));
  EXPECT_EQ(input_error([&] {
              hardware.reject_unknown({"gpu", "count"});
            }),
            "f.yaml:4:3: hardware.cuont: unknown key (did you mean \"count\"?)");
}

TEST(FieldsRejectUnknown, UnknownKeyWithNothingCloseHasNoSuggestion) {
  Parsed p("name: x\nbananas: 3\n");
  p.root.text("name");
  EXPECT_EQ(input_error([&] {
              p.root.reject_unknown({"name", "model"});
            }),
            "f.yaml:2:1: bananas: unknown key");
}

TEST(FieldsRejectUnknown, KnownKeysThatWereNeverReadAreStillUnknown) {
  // A key counts as used only when read: that catches keys valid elsewhere but not here.
  Parsed p("name: x\n");
  EXPECT_THAT(input_error([&] { p.root.reject_unknown({"name"}); }),
              HasSubstr("name: unknown key"));
}

TEST(FieldsRejectUnknown, DuplicateKeyIsReportedAtItsSecondOccurrence) {
  // The shared reader refuses it as it parses (issue 12: in every mapping, read or not).
  EXPECT_EQ(input_error([&] { Parsed p("count: 1\ncount: 2\n"); }),
            "f.yaml:2:1: count: key given twice");
}

TEST(FieldsRejectUnknown, AcceptsAMappingWhoseKeysWereAllRead) {
  Parsed p("a: 1\nb: 2\n");
  p.root.quantity("a", Dimension::kCount, positive());
  p.root.quantity("b", Dimension::kCount, positive());
  EXPECT_NO_THROW(p.root.reject_unknown({"a", "b"}));
}

TEST(FieldsKeys, ListsKeysInFileOrderAndMarksThemRead) {
  Parsed p("z: 1\na: 2\nm: 3\n");
  EXPECT_THAT(p.root.keys(), ElementsAre("z", "a", "m"));
  EXPECT_NO_THROW(p.root.reject_unknown({}));
}

TEST(FieldsSourced, CatalogValueNeedsASource) {
  Parsed p("tdp: 400W\n");
  EXPECT_THAT(input_error([&] {
                p.root.optional_sourced("tdp", Dimension::kPower, positive(), true, false);
              }),
              testing::StartsWith("f.yaml:1:6: tdp: needs {value: ..., source: ...}"));
}

TEST(FieldsSourced, MappingWithoutASourceNamesTheMissingKey) {
  Parsed p("tdp: {value: 400W}\n");
  EXPECT_EQ(input_error([&] {
              p.root.optional_sourced("tdp", Dimension::kPower, positive(), true, false);
            }),
            "f.yaml:1:6: tdp.source: missing: every catalog number names its source");
}

TEST(FieldsSourced, PriceNeedsTheDateItWasQuoted) {
  Parsed p("price: {value: $10k, source: a datasheet}\n");
  EXPECT_EQ(input_error(
                [&] { p.root.optional_sourced("price", Dimension::kUsd, positive(), true, true); }),
            "f.yaml:1:8: price.date: missing: every price carries the date it was quoted");
}

TEST(FieldsSourced, ReadsValueSourceAndDate) {
  Parsed p("price:\n  value: $15k\n  source: Cottier et al. 2024, Table 4\n  date: \"2020-07\"\n");
  const auto price = p.root.optional_sourced("price", Dimension::kUsd, positive(), true, true);
  ASSERT_TRUE(price.has_value());
  EXPECT_DOUBLE_EQ(price->value, 15e3);
  EXPECT_EQ(price->source, "Cottier et al. 2024, Table 4");
  EXPECT_EQ(price->date, "2020-07");
}

TEST(FieldsSourced, MappingWithoutAValueIsRejected) {
  Parsed p("tdp: {source: a datasheet}\n");
  EXPECT_EQ(input_error([&] {
              p.root.optional_sourced("tdp", Dimension::kPower, positive(), true, false);
            }),
            "f.yaml:1:6: tdp.value: missing: a sourced entry needs its value");
}

TEST(FieldsSourced, UnknownKeyInsideASourcedEntryIsRejected) {
  Parsed p("tdp: {value: 400W, source: a datasheet, note: configurable}\n");
  EXPECT_THAT(input_error([&] {
                p.root.optional_sourced("tdp", Dimension::kPower, positive(), true, false);
              }),
              HasSubstr("tdp.note: unknown key"));
}

TEST(FieldsSourced, ScenarioOverrideMayBeABareValue) {
  Parsed p("tdp: 350W\n");
  const auto tdp = p.root.optional_sourced("tdp", Dimension::kPower, positive(), false, false);
  ASSERT_TRUE(tdp.has_value());
  EXPECT_DOUBLE_EQ(tdp->value, 350.0);
  EXPECT_TRUE(tdp->source.empty());
}

TEST(FieldsSourced, BoundsApplyToTheValueInsideTheMapping) {
  Parsed p("tdp:\n  value: -1W\n  source: x\n");
  EXPECT_EQ(input_error([&] {
              p.root.optional_sourced("tdp", Dimension::kPower, positive(), true, false);
            }),
            "f.yaml:2:10: tdp.value: must be positive (got -1W)");
}

TEST(FieldsFlag, AcceptsTrueFalseYesNoAndFallsBack) {
  Parsed p("a: true\nb: no\nc: maybe\n");
  EXPECT_TRUE(p.root.flag("a", false));
  EXPECT_FALSE(p.root.flag("b", true));
  EXPECT_TRUE(p.root.flag("absent", true));
  EXPECT_EQ(input_error([&] { p.root.flag("c", false); }),
            "f.yaml:3:4: c: must be true or false (got maybe)");
}

TEST(FieldsChoice, UnknownOptionListsTheOptionsAndSuggestsOne) {
  Parsed p("recompute: ful\n");
  EXPECT_EQ(input_error([&] {
              p.root.choice("recompute", {"none", "selective", "full"}, "none");
            }),
            "f.yaml:1:12: recompute: must be one of none, selective, full (did you mean \"full\"?) "
            "(got ful)");
  EXPECT_EQ(p.root.choice("absent", {"none", "full"}, "none"), "none");
}

TEST(FieldsText, MissingTextIsAnError) {
  Parsed p("a: 1\n");
  EXPECT_EQ(input_error([&] { p.root.text("gpu"); }), "f.yaml:1:1: gpu: missing");
}

TEST(FieldsText, MappingWhereTextIsExpectedIsAnError) {
  Parsed p("gpu: {name: V100}\n");
  EXPECT_EQ(input_error([&] { p.root.text("gpu"); }),
            "f.yaml:1:6: gpu: expected text (got a mapping)");
}

TEST(FieldsChild, ListWhereAMappingIsExpectedIsAnError) {
  Parsed p("model:\n  - 175B\n");
  EXPECT_EQ(input_error([&] { p.root.child("model"); }),
            "f.yaml:2:3: model: expected a mapping of keys to values (got a list)");
}

TEST(FieldsChild, MissingSectionIsAnError) {
  Parsed p("a: 1\n");
  EXPECT_EQ(input_error([&] { p.root.child("model"); }), "f.yaml:1:1: model: missing section");
}

TEST(FieldsChild, NestedKeyPathsJoinWithDots) {
  Parsed p("model:\n  architecture:\n    layers: 0\n");
  const Fields arch = p.root.child("model").child("architecture");
  EXPECT_EQ(arch.path(), "model.architecture");
  EXPECT_EQ(input_error([&] { arch.quantity("layers", Dimension::kCount, positive_integer(1e5)); }),
            "f.yaml:3:13: model.architecture.layers: must be positive (got 0)");
}

}  // namespace
}  // namespace llmb
