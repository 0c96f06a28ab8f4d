// A YAML document from a file or a string, with the --set overrides applied to it, that can
// say where any of its nodes came from.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <string_view>

#include "sim/input_error.h"

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

  const YAML::Node& root() const { return root_; }
  const std::string& label() const { return label_; }

  // Where `node`, found at `key_path`, came from: its file position, or the --set that made it.
  SourceLoc locate(const YAML::Node& node, const std::string& key_path) const;

 private:
  Document(YAML::Node root, std::string label) : root_(std::move(root)), label_(std::move(label)) {}
  YAML::Node root_;
  std::string label_;
  std::map<std::string, int> override_ordinals_;  // key path -> which --set wrote it
};

}  // namespace llmb
