// Reading one YAML mapping of a Document into typed values: every value is checked for its
// unit and range, every key read is remembered, and keys nobody read are errors with a
// suggestion (after pbrt-v4's ParameterDictionary::ReportUnused).
#pragma once

#include <yaml-cpp/yaml.h>

#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/units.h"
#include "sim/yaml/document.h"

namespace llmb {

// The range a value must lie in. `integer` also requires a whole number.
struct Bounds {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool integer = false;
};

// Common ranges. The upper limits reject absurd values (1e30 GPUs) rather than fit real ones.
Bounds positive(double max = std::numeric_limits<double>::infinity());
Bounds non_negative(double max = std::numeric_limits<double>::infinity());
Bounds positive_integer(double max);
// [limits::kMinFraction, 1]: a utilisation, a power fraction or a share far below 1e-4 is a
// slip (1e-308 makes every time and cost infinite), not a measurement.
Bounds fraction_positive();

// A catalog value with its provenance.
struct Sourced {
  double value = 0;
  std::string source;
  std::string date;  // for prices: when the price was quoted
};

class Fields {
 public:
  // `node` must be a mapping; `path` is its key path ("" for the root).
  Fields(const Document& doc, const YAML::Node& node, std::string path);

  const std::string& path() const { return path_; }
  const Document& document() const { return *doc_; }
  bool has(std::string_view key) const;
  std::vector<std::string> keys() const;  // in file order; marks them all as read

  double quantity(std::string_view key, Dimension dimension, Bounds bounds) const;
  std::optional<double> optional_quantity(std::string_view key, Dimension dimension,
                                          Bounds bounds) const;
  // A value written either bare ("312 TFLOP/s") or as {value, source, date}. Catalogs require
  // a source (and a date when `needs_date`); scenario overrides may leave it out.
  std::optional<Sourced> optional_sourced(std::string_view key, Dimension dimension, Bounds bounds,
                                          bool needs_source, bool needs_date) const;

  // true/false (also yes/no); `fallback` when absent.
  bool flag(std::string_view key, bool fallback) const;

  std::string text(std::string_view key) const;
  std::optional<std::string> optional_text(std::string_view key) const;
  // One of `options`, or `fallback` when the key is absent.
  std::string choice(std::string_view key, const std::vector<std::string>& options,
                     const std::string& fallback) const;

  Fields child(std::string_view key) const;
  std::optional<Fields> optional_child(std::string_view key) const;
  // The child, or an empty mapping at its path when absent: every key read from it takes its
  // default, and the document still learns which paths exist.
  Fields child_or_empty(std::string_view key) const;
  // The value node itself, for lists; marks the key as read.
  YAML::Node node(std::string_view key) const;

  std::string key_path(std::string_view key) const;
  SourceLoc locate(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, const std::string& problem,
                         const std::string& got = {}) const;

  // Throws for the first key that was never read, or is given twice.
  void reject_unknown(const std::vector<std::string>& known) const;

 private:
  // `rate_year`: the year whose exchange rate converts an amount in another currency; 0 for
  // the document's year.
  double parse_checked(const YAML::Node& value, std::string_view key, Dimension dimension,
                       Bounds bounds, int rate_year = 0) const;

  const Document* doc_;
  YAML::Node node_;
  std::string path_;
  mutable std::set<std::string, std::less<>> read_;
};

// `text` in base units of `dimension`, an amount in another currency converted to dollars at
// the document's exchange rate of `rate_year` (0: the document's year). Throws UnitError, or
// for a currency without a rate a UnitError that names the rates there are.
double parse_document_quantity(const Document& doc, std::string_view text, Dimension dimension,
                               int rate_year = 0);

// How a value appears in a message: its scalar text, or "a list" / "a mapping".
std::string describe(const YAML::Node& node);

}  // namespace llmb
