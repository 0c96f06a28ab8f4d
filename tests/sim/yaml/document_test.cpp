#include "sim/yaml/document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sim/yaml/fields.h"

namespace llmb {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The message of the InputError `f` throws, or "" when it throws none.
template <typename F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(DocumentParse, ReadsAMappingOfKeysToValues) {
  const Document doc = Document::parse("model:\n  params: 175B\n", "s.yaml");
  EXPECT_EQ(doc.label(), "s.yaml");
  EXPECT_EQ(doc.root()["model"]["params"].Scalar(), "175B");
}

TEST(DocumentParse, MalformedYamlReportsLineAndColumn) {
  // A second "key:" on one line: yaml-cpp stops at the colon in column 9 of line 2.
  const std::string message =
      input_error([] { Document::parse("name: ok\nmodel: a: b\n", "bad.yaml"); });
  EXPECT_EQ(message, "bad.yaml:2:9: malformed YAML: illegal map value");
}

TEST(DocumentParse, MalformedYamlErrorCarriesItsPosition) {
  try {
    Document::parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml");
    FAIL() << "malformed YAML parsed";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "bad.yaml");
    EXPECT_GE(e.where().line, 2);
    EXPECT_TRUE(e.key_path().empty());
  }
}

TEST(DocumentParse, TopLevelScalarIsNotAScenario) {
  EXPECT_EQ(input_error([] { Document::parse("just text\n", "s.yaml"); }),
            "s.yaml:1:1: expected a mapping of keys to values at the top of the file");
}

TEST(DocumentParse, EmptyTextIsNotAScenario) {
  EXPECT_EQ(input_error([] { Document::parse("", "empty.yaml"); }),
            "empty.yaml:1:1: expected a mapping of keys to values at the top of the file");
}

TEST(DocumentParse, TopLevelListIsNotAScenario) {
  EXPECT_THAT(input_error([] { Document::parse("- 1\n- 2\n", "s.yaml"); }),
              StartsWith("s.yaml:1:1: expected a mapping"));
}

TEST(DocumentLoadFile, MissingFileIsAnInputErrorNamingIt) {
  const std::string path = "/nonexistent-llmbudget-dir/scenario.yaml";
  EXPECT_EQ(input_error([&] { Document::load_file(path); }),
            path + ":1:1: cannot read file: No such file or directory");
}

TEST(DocumentLoadFile, DirectoryIsAnInputErrorSayingSo) {
  const std::string dir = std::filesystem::temp_directory_path().string();
  EXPECT_EQ(input_error([&] { Document::load_file(dir); }),
            dir + ":1:1: cannot read file: Is a directory");
}

TEST(DocumentLoadFile, ReadsAFileAndLabelsItWithItsPath) {
  const Document doc = Document::load_file(LLMB_SOURCE_DIR "/scenarios/examples/gpt3_on_a100.yaml");
  EXPECT_EQ(doc.label(), LLMB_SOURCE_DIR "/scenarios/examples/gpt3_on_a100.yaml");
  EXPECT_EQ(doc.root()["hardware"]["gpu"].Scalar(), "A100-80GB");
}

TEST(DocumentOverride, CreatesNestedMapsOnItsPath) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  doc.apply_override("model.architecture.layers=96", 1);
  EXPECT_EQ(doc.root()["model"]["architecture"]["layers"].Scalar(), "96");
  EXPECT_EQ(doc.root()["name"].Scalar(), "x");
}

TEST(DocumentOverride, ReplacesAnExistingValueAndKeepsItsSiblings) {
  Document doc = Document::parse("hardware:\n  gpu: V100\n  count: 1024\n", "s.yaml");
  doc.apply_override("hardware.count=2048", 1);
  EXPECT_EQ(doc.root()["hardware"]["count"].Scalar(), "2048");
  EXPECT_EQ(doc.root()["hardware"]["gpu"].Scalar(), "V100");
  EXPECT_EQ(doc.root()["hardware"].size(), 2u);
}

TEST(DocumentOverride, ValuesWithUnitsParseThroughFields) {
  Document doc = Document::parse("cost:\n  pue: 1.2\n", "s.yaml");
  doc.apply_override("cost.gpu_price_usd=$10k", 1);
  doc.apply_override("cost.cloud_usd_per_gpu_hour=$2.5/h", 2);
  const Fields cost = Fields(doc, doc.root(), "").child("cost");
  EXPECT_DOUBLE_EQ(cost.quantity("gpu_price_usd", Dimension::kUsd, positive()), 10e3);
  EXPECT_DOUBLE_EQ(cost.quantity("cloud_usd_per_gpu_hour", Dimension::kUsdPerGpuHour, positive()),
                   2.5);
  EXPECT_DOUBLE_EQ(cost.quantity("pue", Dimension::kDimensionless, positive()), 1.2);
}

TEST(DocumentOverride, ValueMayBeAYamlMapping) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  doc.apply_override("hardware={gpu: H100-SXM, count: 8}", 1);
  EXPECT_EQ(doc.root()["hardware"]["gpu"].Scalar(), "H100-SXM");
  EXPECT_EQ(doc.root()["hardware"]["count"].Scalar(), "8");
}

TEST(DocumentOverride, BadValueIsReportedAtTheSetThatGaveIt) {
  Document doc = Document::parse("hardware:\n  count: 1024\n", "s.yaml");
  doc.apply_override("hardware.gpu=V100", 1);
  doc.apply_override("hardware.count=-5", 2);
  const Fields hardware = Fields(doc, doc.root(), "").child("hardware");
  EXPECT_EQ(
      input_error([&] { hardware.quantity("count", Dimension::kCount, positive_integer(1e7)); }),
      "--set:2:1: hardware.count: must be positive (got -5)");
}

TEST(DocumentOverride, OverrideOfAParentCoversItsChildren) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  doc.apply_override("hardware={gpu: V100, count: 0}", 1);
  const Fields hardware = Fields(doc, doc.root(), "").child("hardware");
  EXPECT_EQ(
      input_error([&] { hardware.quantity("count", Dimension::kCount, positive_integer(1e7)); }),
      "--set:1:1: hardware.count: must be positive (got 0)");
}

TEST(DocumentOverride, KeysNotOverriddenKeepTheirFilePosition) {
  Document doc = Document::parse("hardware:\n  count: 0\n", "s.yaml");
  doc.apply_override("hardware.counter=1", 1);  // a sibling whose name starts the same
  const Fields hardware = Fields(doc, doc.root(), "").child("hardware");
  EXPECT_EQ(
      input_error([&] { hardware.quantity("count", Dimension::kCount, positive_integer(1e7)); }),
      "s.yaml:2:10: hardware.count: must be positive (got 0)");
}

TEST(DocumentOverride, WithoutAnEqualsSignIsRejected) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  EXPECT_EQ(input_error([&] { doc.apply_override("hardware.count", 3); }),
            "--set:3:1: expected PATH=VALUE (got hardware.count)");
  EXPECT_EQ(input_error([&] { doc.apply_override("=5", 1); }),
            "--set:1:1: expected PATH=VALUE (got =5)");
}

TEST(DocumentOverride, EmptyValueIsRejected) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  EXPECT_EQ(input_error([&] { doc.apply_override("hardware.count=", 1); }),
            "--set:1:1: hardware.count: missing value after '='");
}

TEST(DocumentOverride, EmptyKeyInThePathIsRejected) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  EXPECT_THAT(input_error([&] { doc.apply_override("hardware..count=5", 1); }),
              StartsWith("--set:1:1: hardware..count: empty key in the path"));
}

TEST(DocumentOverride, PathThroughAScalarIsRejected) {
  Document doc = Document::parse("model:\n  params: 175B\n", "s.yaml");
  EXPECT_EQ(input_error([&] { doc.apply_override("model.params.x=1", 1); }),
            "--set:1:1: model.params.x: \"model.params\" is not a mapping");
}

TEST(DocumentOverride, MalformedValueIsRejected) {
  Document doc = Document::parse("name: x\n", "s.yaml");
  EXPECT_THAT(input_error([&] { doc.apply_override("hardware=[1, 2", 4); }),
              StartsWith("--set:4:1: hardware: malformed value"));
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

// Issue 12: the shared reader's own checks, below every loader.
TEST(DocumentHostile, DuplicateKeyAtAnyDepthIsRefusedAtItsSecondUse) {
  EXPECT_EQ(input_error([] {
              Document::parse("gpus:\n  A:\n    tdp: 1W\n  A:\n    tdp: 2W\n", "hw.yaml");
            }),
            "hw.yaml:4:3: gpus.A: key given twice");
}

TEST(DocumentHostile, KeyThatIsAListIsRefused) {
  EXPECT_EQ(input_error([] { Document::parse("model: {params: 7B, [x]: 1}\n", "s.yaml"); }),
            "s.yaml:1:21: model: a key must be text, not a list or a mapping (got a list)");
}

TEST(DocumentHostile, CloneKeepsFilePositions) {
  const Document doc = Document::parse("a: 1\nb:\n  c: [1, 2]\n", "s.yaml");
  const Document copy = doc.clone();
  const SourceLoc where = copy.locate(copy.root()["b"]["c"], "b.c");
  EXPECT_EQ(where.line, 3);
  EXPECT_EQ(where.column, 6);
}

TEST(DocumentHostile, SetValueWithASecondDocumentIsRefused) {
  Document doc = Document::parse("a: 1\n", "s.yaml");
  EXPECT_THAT(input_error([&] { doc.apply_override("a=1\n---\n2", 1); }),
              StartsWith("--set:1:1: a: one value after '='"));
}

TEST(InputErrorMessage, IsOneLineWithControlBytesEscapedAndLongValuesCut) {
  const std::string got = std::string("8\nfoo\0bar\t", 10) + std::string(500, 'x') + "\xff";
  const std::string message = InputError({"f.yaml", 2, 3}, "k", "bad", got).what();
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_THAT(message, StartsWith("f.yaml:2:3: k: bad (got 8\\nfoo\\x00bar\\txxx"));
  EXPECT_THAT(message, ::testing::EndsWith("x...)"));
  EXPECT_LT(message.size(), 200u);
}

TEST(InputErrorMessage, KeepsValidUtf8AndEscapesInvalidBytes) {
  EXPECT_EQ(printable_excerpt("\xc3\xa9t\xc3\xa9 \xff", 100), "\xc3\xa9t\xc3\xa9 \\xff");
}

}  // namespace
}  // namespace llmb

namespace llmb {
namespace {

TEST(DocumentHostile, CloneLocatesAMissingKeyAtItsParent) {
  const Document doc = Document::parse("a: 1\nb:\n  c: 2\n", "s.yaml");
  const Document copy = doc.clone();
  const SourceLoc where = copy.locate(copy.root()["b"], "b.missing");
  EXPECT_EQ(where.line, 3);
  EXPECT_EQ(where.column, 3);
}

}  // namespace
}  // namespace llmb
