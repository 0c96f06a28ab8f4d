#include "sim/yaml/document.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "sim/read_input_file.h"

namespace llmb {
namespace {

SourceLoc from_mark(const std::string& label, const YAML::Mark& mark) {
  if (mark.is_null()) return {label, 1, 1};
  return {label, mark.line + 1, mark.column + 1};
}

YAML::Node parse_yaml(const std::string& text, const std::string& label) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(from_mark(label, e.mark), "", fmt::format("malformed YAML: {}", e.msg));
  }
}

}  // namespace

Document Document::load_file(const std::string& path) {
  return parse(read_input_file(path), path);
}

Document Document::parse(const std::string& text, const std::string& label) {
  YAML::Node root = parse_yaml(text, label);
  if (!root.IsMap())
    throw InputError(from_mark(label, root.Mark()), "",
                     "expected a mapping of keys to values at the top of the file");
  return Document(std::move(root), label);
}

void Document::apply_override(std::string_view assignment, int ordinal) {
  const SourceLoc where{"--set", ordinal, 1};
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw InputError(where, "", "expected PATH=VALUE", std::string(assignment));
  const std::string path(assignment.substr(0, equals));
  const std::string value_text(assignment.substr(equals + 1));

  YAML::Node value;
  try {
    value = YAML::Load(value_text);
  } catch (const YAML::Exception& e) {
    throw InputError(where, path, fmt::format("malformed value: {}", e.msg), value_text);
  }
  if (value.IsNull()) throw InputError(where, path, "missing value after '='", value_text);
  set(path, value, where);
}

void Document::apply_overrides(const std::vector<std::string>& assignments) {
  for (std::size_t i = 0; i < assignments.size(); ++i)
    apply_override(assignments[i], static_cast<int>(i) + 1);
}

void Document::set(const std::string& path, const YAML::Node& value, const SourceLoc& origin) {
  // Walk the path, creating maps as needed; "people[1]" steps into a list's second entry.
  // yaml-cpp nodes are handles: reset() moves the cursor, where assignment would overwrite
  // the node it points at.
  YAML::Node cursor = root_;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    std::string key =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    std::optional<std::size_t> index;
    if (const std::size_t bracket = key.find('['); bracket != std::string::npos) {
      std::size_t parsed = 0;
      const char* first = key.data() + bracket + 1;
      const char* last = key.data() + key.size() - 1;
      const auto [stop, error] = std::from_chars(first, last, parsed);
      if (key.back() != ']' || error != std::errc() || stop != last)
        throw InputError(origin, path, "expected a list index such as people[0]", key);
      index = parsed;
      key.resize(bracket);
    }
    if (key.empty()) throw InputError(origin, path, "empty key in the path", path);
    if (!cursor.IsMap())
      throw InputError(
          origin, path,
          fmt::format("\"{}\" is not a mapping", path.substr(0, start ? start - 1 : 0)));
    if (index) {
      YAML::Node list = cursor[key];
      if (!list.IsSequence() || *index >= list.size())
        throw InputError(origin, path, fmt::format("\"{}\" has no entry {}", key, *index), path);
      if (dot == std::string::npos) {
        list[*index] = value;
        break;
      }
      YAML::Node next = list[*index];
      cursor.reset(next);
      start = dot + 1;
      continue;
    }
    if (dot == std::string::npos) {
      cursor[key] = value;
      break;
    }
    if (!cursor[key] || cursor[key].IsNull()) cursor[key] = YAML::Node(YAML::NodeType::Map);
    YAML::Node next = cursor[key];
    cursor.reset(next);
    start = dot + 1;
  }
  override_origins_[path] = origin;
}

Document Document::clone() const {
  Document copy(YAML::Clone(root_), label_);
  copy.override_origins_ = override_origins_;
  return copy;
}

void Document::note_text_path(const std::string& key_path) const {
  text_paths_.insert(key_path);
}

void Document::note_quantity_path(const std::string& key_path, Dimension dimension) const {
  quantity_paths_.emplace(key_path, dimension);
}

SourceLoc Document::locate(const YAML::Node& node, const std::string& key_path) const {
  // An override of "hardware" covers "hardware.count" too.
  for (const auto& [path, origin] : override_origins_) {
    if (key_path == path ||
        (key_path.size() > path.size() && key_path.compare(0, path.size(), path) == 0 &&
         key_path[path.size()] == '.'))
      return origin;
  }
  return from_mark(label_, node.Mark());
}

}  // namespace llmb
