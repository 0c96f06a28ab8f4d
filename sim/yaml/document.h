// A YAML document from a file or a string, with the --set overrides applied to it, that can
// say where any of its nodes came from.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/input_error.h"
#include "sim/money.h"
#include "sim/units.h"

namespace llmb {

class Document {
 public:
  // Reads and parses a file; an unreadable file or malformed YAML is an InputError.
  static Document load_file(const std::string& path);
  // Parses text; `label` stands for the file name in messages.
  static Document parse(const std::string& text, const std::string& label);

  // Applies "PATH=VALUE" as given to the n-th --set (1-based): VALUE is read as YAML, so
  // "175B", "[1, 2]" and "{from: 1, to: 2}" all work, and maps on the path are created.
  void apply_override(std::string_view assignment, int ordinal);
  // Applies each "PATH=VALUE" in order, numbered from 1 as on the command line.
  void apply_overrides(const std::vector<std::string>& assignments);
  // Sets the value at a dotted key path, creating maps on the way; errors about that path are
  // then reported at `origin` (a --set, or the sweep file's axis that produced the value).
  void set(const std::string& key_path, const YAML::Node& value, const SourceLoc& origin);

  // The node at a dotted key path ("people[1].loaded_cost_per_year"); an undefined node
  // (false in a boolean context) where the path is absent.
  YAML::Node find(const std::string& key_path) const;

  // A deep copy: yaml-cpp nodes are shared handles, so a copy of Document would alias.
  Document clone() const;

  // Every quantity path a loader looked up in this document, present or not, with its
  // dimension: what a sweep may put on an axis or draw at random.
  // `whole_number`: the path takes whole numbers only (a GPU count), so draws there are rounded.
  void note_quantity_path(const std::string& key_path, Dimension dimension,
                          bool whole_number = false) const;
  const std::map<std::string, Dimension>& quantity_paths() const { return quantity_paths_; }
  bool whole_number_path(const std::string& key_path) const {
    return whole_number_paths_.contains(key_path);
  }
  // Likewise for paths that take a name or a choice (hardware.gpu, training.recompute).
  void note_text_path(const std::string& key_path) const;
  const std::set<std::string>& text_paths() const { return text_paths_; }

  // The rates at which amounts in other currencies are read ("¥ 312M"), and the year whose
  // average applies; without them only dollars are accepted. Kept by clone().
  void use_exchange_rates(const ExchangeRates* rates, int year) const {
    exchange_rates_ = rates;
    exchange_rate_year_ = year;
  }
  const ExchangeRates* exchange_rates() const { return exchange_rates_; }
  int exchange_rate_year() const { return exchange_rate_year_; }

  const YAML::Node& root() const { return root_; }
  const std::string& label() const { return label_; }

  // Where `node`, found at `key_path`, came from: its file position, or the --set that made it.
  SourceLoc locate(const YAML::Node& node, const std::string& key_path) const;

 private:
  Document(YAML::Node root, std::string label) : root_(std::move(root)), label_(std::move(label)) {}
  YAML::Node root_;
  std::string label_;
  std::optional<YAML::Node> parsed_root_;              // a clone's original, for positions
  std::map<std::string, SourceLoc> override_origins_;  // key path -> where its value came from
  mutable std::map<std::string, Dimension> quantity_paths_;
  mutable std::set<std::string> text_paths_;
  mutable std::set<std::string> whole_number_paths_;
  mutable const ExchangeRates* exchange_rates_ = nullptr;
  mutable int exchange_rate_year_ = 0;
};

}  // namespace llmb
