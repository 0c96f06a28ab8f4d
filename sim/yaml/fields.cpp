#include "sim/yaml/fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/yaml/did_you_mean.h"
#include "sim/yaml/input_limits.h"

namespace llmb {

Bounds positive(double max) {
  return {0.0, max, true, false};
}
Bounds non_negative(double max) {
  return {0.0, max, false, false};
}
Bounds positive_integer(double max) {
  return {0.0, max, true, true};
}
Bounds fraction_positive() {
  return {limits::kMinFraction, 1.0, false, false};
}

std::string describe(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsSequence()) return "a list";
  if (node.IsMap()) return "a mapping";
  return "nothing";
}

Fields::Fields(const Document& doc, const YAML::Node& node, std::string path)
    : doc_(&doc), node_(node), path_(std::move(path)) {
  if (!node_.IsMap())
    throw InputError(doc.locate(node_, path_), path_, "expected a mapping of keys to values",
                     describe(node_));
}

std::string Fields::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

bool Fields::has(std::string_view key) const {
  const YAML::Node& self = node_;
  return static_cast<bool>(self[std::string(key)]);
}

std::vector<std::string> Fields::keys() const {
  std::vector<std::string> out;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    out.push_back(it->first.Scalar());
    read_.insert(out.back());
  }
  return out;
}

SourceLoc Fields::locate(std::string_view key) const {
  const YAML::Node& self = node_;
  const YAML::Node value = self[std::string(key)];
  // An empty value's mark is where the next token starts, often the next line: point at the key.
  if (value && value.IsNull())
    for (auto it = node_.begin(); it != node_.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key)
        return doc_->locate(it->first, key_path(key));
  return doc_->locate(value ? value : node_, key_path(key));
}

void Fields::fail(std::string_view key, const std::string& problem, const std::string& got) const {
  // A key that is absent because it was misspelt ("cuont" for a required "count") is reported
  // as the unknown key it is, with the suggestion, rather than as a missing one. Keys of three
  // letters or fewer (tp, pp) are too close to each other to guess.
  if (!has(key)) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      const YAML::Node key_node = it->first;
      const std::string& typed = key_node.Scalar();
      if (typed.size() > 3 && !read_.contains(typed) &&
          !closest_match(typed, {std::string(key)}).empty())
        throw InputError(doc_->locate(key_node, key_path(typed)), key_path(typed),
                         "unknown key" + did_you_mean(typed, {std::string(key)}));
    }
  }
  throw InputError(locate(key), key_path(key), problem, got);
}

YAML::Node Fields::node(std::string_view key) const {
  read_.insert(std::string(key));
  const YAML::Node& self = node_;
  return self[std::string(key)];
}

double parse_document_quantity(const Document& doc, std::string_view text, Dimension dimension,
                               int rate_year) {
  if (!is_money(dimension) || !doc.exchange_rates()) return parse_quantity(text, dimension);
  const WrittenMoney money = parse_money(text, dimension);
  if (money.currency == "USD") return money.value;
  const int year = rate_year > 0 ? rate_year : doc.exchange_rate_year();
  const auto factor = usd_per_unit(*doc.exchange_rates(), money.currency, year);
  if (!factor)
    throw UnitError(
        fmt::format("no exchange rate for {} in {} ({} has {})", money.currency, year,
                    doc.exchange_rates()->file.empty() ? "the catalog" : doc.exchange_rates()->file,
                    doc.exchange_rates()->coverage()));
  return money.value * *factor;
}

double Fields::parse_checked(const YAML::Node& value, std::string_view key, Dimension dimension,
                             Bounds bounds, int rate_year) const {
  if (!value.IsScalar())
    fail(key,
         fmt::format("expected {} such as {}", dimension_noun(dimension),
                     dimension_example(dimension)),
         describe(value));
  const std::string& text = value.Scalar();
  double number = 0;
  try {
    number = parse_document_quantity(*doc_, text, dimension, rate_year);
  } catch (const UnitError& e) {
    throw InputError(doc_->locate(value, key_path(key)), key_path(key), e.what(), text);
  }
  auto reject = [&](const std::string& problem) {
    throw InputError(doc_->locate(value, key_path(key)), key_path(key), problem, text);
  };
  if (bounds.integer && number != std::floor(number)) reject("must be a whole number");
  if (bounds.min_exclusive ? !(number > bounds.min) : !(number >= bounds.min)) {
    if (bounds.min == 0) reject(bounds.min_exclusive ? "must be positive" : "must not be negative");
    reject(fmt::format("must be {} {:g}", bounds.min_exclusive ? "above" : "at least", bounds.min));
  }
  if (number > bounds.max) reject(fmt::format("must be at most {:g}", bounds.max));
  return number;
}

std::optional<double> Fields::optional_quantity(std::string_view key, Dimension dimension,
                                                Bounds bounds) const {
  const auto sourced = optional_sourced(key, dimension, bounds, false, false);
  if (!sourced) return std::nullopt;
  return sourced->value;
}

double Fields::quantity(std::string_view key, Dimension dimension, Bounds bounds) const {
  const auto value = optional_quantity(key, dimension, bounds);
  if (!value)
    fail(key, fmt::format("missing: needs {} such as {}", dimension_noun(dimension),
                          dimension_example(dimension)));
  return *value;
}

std::optional<Sourced> Fields::optional_sourced(std::string_view key, Dimension dimension,
                                                Bounds bounds, bool needs_source,
                                                bool needs_date) const {
  doc_->note_quantity_path(key_path(key), dimension, bounds.integer);
  const YAML::Node value = node(key);
  if (!value) return std::nullopt;
  if (value.IsNull()) fail(key, "missing value");
  if (!value.IsMap()) {
    if (needs_source)
      fail(key, "needs {value: ..., source: ...}: every catalog number names its source",
           describe(value));
    return Sourced{parse_checked(value, key, dimension, bounds), {}, {}};
  }
  const Fields entry(*doc_, value, key_path(key));
  Sourced out;
  if (!entry.has("value")) entry.fail("value", "missing: a sourced entry needs its value");
  if (auto source = entry.optional_text("source")) out.source = *source;
  if (auto date = entry.optional_text("date")) out.date = *date;
  // A dated price in another currency is converted at the average rate of its own year.
  int rate_year = 0;
  if (out.date.size() >= 4 && std::all_of(out.date.begin(), out.date.begin() + 4,
                                          [](char c) { return c >= '0' && c <= '9'; }))
    rate_year = std::stoi(out.date.substr(0, 4));
  out.value = entry.parse_checked(entry.node("value"), "value", dimension, bounds, rate_year);
  entry.reject_unknown({"value", "source", "date"});
  if (needs_source && out.source.empty())
    entry.fail("source", "missing: every catalog number names its source");
  if (needs_date && out.date.empty())
    entry.fail("date", "missing: every price carries the date it was quoted");
  return out;
}

std::optional<std::string> Fields::optional_text(std::string_view key) const {
  doc_->note_text_path(key_path(key));
  const YAML::Node value = node(key);
  if (!value) return std::nullopt;
  if (!value.IsScalar() || value.Scalar().empty()) fail(key, "expected text", describe(value));
  return value.Scalar();
}

bool Fields::flag(std::string_view key, bool fallback) const {
  const auto value = optional_text(key);
  if (!value) return fallback;
  if (*value == "true" || *value == "yes") return true;
  if (*value == "false" || *value == "no") return false;
  fail(key, "must be true or false", *value);
}

std::string Fields::text(std::string_view key) const {
  auto value = optional_text(key);
  if (!value) fail(key, "missing");
  return *value;
}

std::string Fields::choice(std::string_view key, const std::vector<std::string>& options,
                           const std::string& fallback) const {
  const auto value = optional_text(key);
  if (!value) return fallback;
  for (const auto& option : options)
    if (*value == option) return option;
  fail(key,
       fmt::format("must be one of {}{}", fmt::join(options, ", "), did_you_mean(*value, options)),
       *value);
}

std::optional<Fields> Fields::optional_child(std::string_view key) const {
  const YAML::Node value = node(key);
  if (!value) return std::nullopt;
  if (value.IsNull()) fail(key, "expected a mapping of keys to values", describe(value));
  return Fields(*doc_, value, key_path(key));
}

Fields Fields::child_or_empty(std::string_view key) const {
  if (auto present = optional_child(key)) return *present;
  return Fields(*doc_, YAML::Node(YAML::NodeType::Map), key_path(key));
}

Fields Fields::child(std::string_view key) const {
  auto value = optional_child(key);
  if (!value) fail(key, "missing section");
  return *value;
}

void Fields::reject_unknown(const std::vector<std::string>& known) const {
  std::map<std::string, int> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    // A copy: it-> returns a proxy that dies at the end of this statement.
    const YAML::Node key_node = it->first;
    const std::string& key = key_node.Scalar();
    if (++seen[key] > 1)
      throw InputError(doc_->locate(key_node, key_path(key)), key_path(key), "key given twice");
    if (!read_.contains(key))
      throw InputError(doc_->locate(key_node, key_path(key)), key_path(key),
                       "unknown key" + did_you_mean(key, known));
  }
}

}  // namespace llmb
