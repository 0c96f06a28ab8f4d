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

namespace {

// One step of a key path from `start`: "people[1]" is the key "people" and the index 1.
struct PathStep {
  std::string key;
  std::optional<std::size_t> index;
  std::size_t dot = std::string::npos;  // where the next step starts, less one; npos at the end
};

PathStep path_step(const std::string& path, std::size_t start, const SourceLoc& origin) {
  PathStep step;
  step.dot = path.find('.', start);
  step.key =
      path.substr(start, step.dot == std::string::npos ? std::string::npos : step.dot - start);
  if (const std::size_t bracket = step.key.find('['); bracket != std::string::npos) {
    std::size_t parsed = 0;
    const char* first = step.key.data() + bracket + 1;
    const char* last = step.key.data() + step.key.size() - 1;
    const auto [stop, error] = std::from_chars(first, last, parsed);
    if (step.key.back() != ']' || error != std::errc() || stop != last)
      throw InputError(origin, path, "expected a list index such as people[0]", step.key);
    step.index = parsed;
    step.key.resize(bracket);
  }
  if (step.key.empty()) throw InputError(origin, path, "empty key in the path", path);
  return step;
}

}  // namespace

void Document::set(const std::string& path, const YAML::Node& value, const SourceLoc& origin) {
  // Walk the path, creating maps as needed; "people[1]" steps into a list's second entry.
  // yaml-cpp nodes are handles: reset() moves the cursor, where assignment would overwrite
  // the node it points at.
  YAML::Node cursor = root_;
  std::size_t start = 0;
  while (true) {
    const PathStep step = path_step(path, start, origin);
    const std::string& key = step.key;
    const std::size_t dot = step.dot;
    if (!cursor.IsMap())
      throw InputError(
          origin, path,
          fmt::format("\"{}\" is not a mapping", path.substr(0, start ? start - 1 : 0)));
    if (step.index) {
      YAML::Node list = cursor[key];
      if (!list.IsSequence() || *step.index >= list.size())
        throw InputError(origin, path, fmt::format("\"{}\" has no entry {}", key, *step.index),
                         path);
      if (dot == std::string::npos) {
        list[*step.index] = value;
        break;
      }
      YAML::Node next = list[*step.index];
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

YAML::Node Document::find(const std::string& path) const {
  YAML::Node cursor = root_;
  std::size_t start = 0;
  while (true) {
    const PathStep step = path_step(path, start, {label_, 1, 1});
    // Read through a const handle: yaml-cpp's non-const operator[] may insert the key.
    const YAML::Node& here = cursor;
    if (!here.IsMap() || !here[step.key]) return YAML::Node(YAML::NodeType::Undefined);
    YAML::Node next = here[step.key];
    if (step.index) {
      const YAML::Node& list = next;
      if (!list.IsSequence() || *step.index >= list.size())
        return YAML::Node(YAML::NodeType::Undefined);
      next.reset(list[*step.index]);
    }
    if (step.dot == std::string::npos) return next;
    cursor.reset(next);
    start = step.dot + 1;
  }
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
