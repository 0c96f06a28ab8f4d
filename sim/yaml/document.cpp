#include "sim/yaml/document.h"

#include <fmt/format.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "sim/read_input_file.h"
#include "sim/yaml/fields.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

SourceLoc from_mark(const std::string& label, const YAML::Mark& mark) {
  if (mark.is_null()) return {label, 1, 1};
  return {label, mark.line + 1, mark.column + 1};
}

// Every mapping key is text and given once (in any mapping: a GPU listed twice in a catalog
// is refused as a scenario's duplicate key is), and the tree (aliases expanded, as the loaders see
// it) stays within limits::kMaxYamlNodes: a key such as [x] or {a: 1} would otherwise surface as
// yaml-cpp's "bad conversion" deep inside a loader, and a chain of aliases could expand
// exponentially.
void check_tree(const YAML::Node& node, const std::string& label, const std::string& path,
                std::size_t& visited, int depth = 0) {
  // An alias may name the collection it sits in (a: &a [*a]): a cycle, caught as depth.
  if (depth > limits::kMaxYamlDepth)
    throw InputError(from_mark(label, node.Mark()), path.substr(0, path.find_first_of(".[")),
                     fmt::format("nested more than {} levels deep (or an alias inside the "
                                 "value it names)",
                                 limits::kMaxYamlDepth));
  if (++visited > limits::kMaxYamlNodes)
    throw InputError(from_mark(label, node.Mark()), "",
                     fmt::format("too many values: at most {} (aliases counted where used)",
                                 limits::kMaxYamlNodes));
  if (node.IsSequence()) {
    std::size_t index = 0;
    for (const auto& item : node)
      check_tree(item, label, fmt::format("{}[{}]", path, index++), visited, depth + 1);
  } else if (node.IsMap()) {
    std::set<std::string, std::less<>> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first, value = it->second;
      if (!key.IsScalar())
        throw InputError(from_mark(label, key.Mark()), path,
                         "a key must be text, not a list or a mapping", describe(key));
      const std::string key_path = path.empty() ? key.Scalar() : path + "." + key.Scalar();
      if (!seen.insert(key.Scalar()).second)
        throw InputError(from_mark(label, key.Mark()), key_path, "key given twice");
      check_tree(value, label, key_path, visited, depth + 1);
    }
  }
}

// What yaml-cpp 0.7 must not be given. A ',' that begins a line outside any flow list or
// mapping makes it loop without end, growing (",x" or "- a\n, b": a flow entry after the root
// node), as does a ',' after the root node's tag or anchor ("! ,") or after a root that is a
// flow collection or quoted text ("[1], 2", "'x', 2"); it is never meaningful in an
// input here, though YAML would read a few such lines as the continuation of a plain scalar.
// Control characters other than tab and line breaks are not YAML (c-printable, YAML 1.2
// section 5.1) and send its parser astray too. Quotes are tracked where a quoted scalar may begin,
// so that brackets and commas inside them do not count.
void refuse_what_yaml_cpp_cannot_parse(const std::string& text, const std::string& label) {
  int line = 1, column = 0, flow_depth = 0;
  char quote = 0;
  bool in_comment = false, line_start = true, root_pending = true, in_property = false;
  // The root is a flow list or mapping, or quoted text, still open / just closed.
  bool root_flow = false, root_quoted = false, root_closed = false;
  char previous = '\n';
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      ++line, column = 0, in_comment = false, line_start = true, in_property = false;
      previous = c;
      continue;
    }
    if ((byte < 0x20 && c != '\t' && c != '\r') || byte == 0x7F)
      throw InputError({label, line, column + 1}, "",
                       fmt::format("malformed YAML: a control character (byte 0x{:02x})", byte));
    // Columns count characters, not the continuation bytes of UTF-8.
    if ((byte & 0xC0) != 0x80) ++column;
    if (in_comment) continue;
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++i;  // the escaped character
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
          ++i;  // '' inside single quotes
        else
          quote = 0;
        if (!quote && root_quoted) root_quoted = false, root_closed = true;
      }
      previous = c;
      continue;
    }
    const bool blank = c == ' ' || c == '\t' || c == '\r';
    if (line_start && c == '-' && column == 1 && text.compare(i, 3, "---") == 0 &&
        (i + 3 == text.size() || std::isspace(static_cast<unsigned char>(text[i + 3])))) {
      root_pending = true;  // a new document: its root node comes next
      root_flow = root_quoted = root_closed = false;
      line_start = false;
      i += 2, column += 2, previous = '-';
      continue;
    }
    if (line_start && !blank) {
      line_start = false;
      if (c == ',' && flow_depth == 0)
        throw InputError({label, line, column}, "",
                         "malformed YAML: a line begins with ',' outside a flow list or mapping");
    }
    // A ',' after the root when it is a flow collection or quoted text ("[1], 2", "'x', 2").
    if (root_closed && !blank && c != '#') {
      if (c == ',' && flow_depth == 0)
        throw InputError({label, line, column}, "",
                         "malformed YAML: ',' after the document's whole value");
      root_closed = false;
    }
    // The root node's tag or anchor, then ',' ("! ,", "&a ,", "!:,"): the same endless loop.
    if (in_property) {
      if (c == ',')
        throw InputError({label, line, column}, "",
                         "malformed YAML: ',' after a tag or an anchor outside a flow list");
      if (blank || c == '[' || c == '{' || c == ']' || c == '}') in_property = false;
    } else if (root_pending && !blank && c != '#' && flow_depth == 0) {
      if (c == ',')
        throw InputError({label, line, column}, "",
                         "malformed YAML: ',' after a tag or an anchor outside a flow list");
      if (c == '!' || c == '&') {
        in_property = true;
      } else {
        root_pending = false;
        root_flow = c == '[' || c == '{';
        root_quoted = c == '"' || c == '\'';
      }
    }
    const bool after_separator = previous == '\n' || previous == ' ' || previous == '\t' ||
                                 previous == '[' || previous == '{' || previous == ',' ||
                                 previous == ':' || previous == '-' || previous == '?';
    if (c == '#' && (previous == '\n' || previous == ' ' || previous == '\t')) {
      in_comment = true;
    } else if ((c == '"' || c == '\'') && after_separator) {
      quote = c;
    } else if ((c == '[' || c == '{') && (flow_depth > 0 || after_separator)) {
      // In block context a bracket inside plain text ("035[522") opens nothing.
      ++flow_depth;
    } else if ((c == ']' || c == '}') && flow_depth > 0) {
      if (--flow_depth == 0 && root_flow) root_flow = false, root_closed = true;
    }
    previous = c;
  }
}

// The patterns above are the ones the fuzzers found; yaml-cpp 0.7 may loop on others. So the
// text is first parsed in a child process limited to a few seconds of CPU time (2 s, plus 1 s
// per MiB; a bundled file parses in a millisecond): one that does not finish is an input error
// here instead of a process that grows until it is killed. CPU time, not wall-clock time, so
// that a loaded machine gives the same answer as an idle one. Where fork fails the text is
// parsed directly.
void refuse_text_yaml_cpp_does_not_finish(const std::string& text, const std::string& label) {
  const pid_t child = ::fork();
  if (child < 0) return;
  if (child == 0) {
    const rlim_t seconds = 2 + static_cast<rlim_t>(text.size() >> 20);
    const struct rlimit cpu {
      seconds, seconds + 1
    };  // SIGXCPU at the first, SIGKILL at the second
    ::setrlimit(RLIMIT_CPU, &cpu);
    try {
      YAML::LoadAll(text);
    } catch (...) {
    }
    ::_exit(0);
  }
  int status = 0;
  pid_t done = -1;
  do {
    done = ::waitpid(child, &status, 0);
  } while (done < 0 && errno == EINTR);
  if (done != child || !WIFSIGNALED(status)) return;
  const int signal = WTERMSIG(status);
  if (signal != SIGXCPU && signal != SIGKILL) return;  // another failure: the parse below reports
  throw InputError({label, 1, 1}, "",
                   "malformed YAML: the parser did not finish (yaml-cpp 0.7 loops on some "
                   "malformed text; look for a stray ',' or quote)");
}

YAML::Node parse_yaml(const std::string& text, const std::string& label) {
  refuse_what_yaml_cpp_cannot_parse(text, label);
  refuse_text_yaml_cpp_does_not_finish(text, label);
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    throw InputError(from_mark(label, e.mark), "", fmt::format("malformed YAML: {}", e.msg));
  }
  if (documents.empty()) return YAML::Node();
  if (documents.size() > 1)
    throw InputError(from_mark(label, documents[1].Mark()), "",
                     "a second YAML document (after ---): a file holds one");
  std::size_t visited = 0;
  check_tree(documents[0], label, "", visited);
  return documents[0];
}

}  // namespace

Document Document::load_file(const std::string& path) {
  return parse(read_input_file(path), path);
}

Document Document::parse(const std::string& text, const std::string& label) {
  require_utf8(text, label);
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
  require_utf8(assignment, where.file);

  YAML::Node value;
  try {
    refuse_what_yaml_cpp_cannot_parse(value_text, where.file);
    refuse_text_yaml_cpp_does_not_finish(value_text, where.file);
  } catch (const InputError& e) {
    throw InputError(where, path, e.problem(), value_text);
  }
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(value_text);
    if (documents.size() > 1)
      throw InputError(where, path, "one value after '=', not a second YAML document", value_text);
    if (!documents.empty()) value = documents[0];
  } catch (const YAML::Exception& e) {
    throw InputError(where, path, fmt::format("malformed value: {}", e.msg), value_text);
  }
  if (value.IsNull()) throw InputError(where, path, "missing value after '='", value_text);
  try {
    std::size_t visited = 0;
    check_tree(value, where.file, "", visited);
  } catch (const InputError& e) {
    throw InputError(where, path, e.problem(), e.got());
  }
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
    if (!cursor[key] || cursor[key].IsNull()) {
      // A map the override creates is the override's: an unknown key there is the --set's.
      cursor[key] = YAML::Node(YAML::NodeType::Map);
      override_origins_.emplace(path.substr(0, dot), origin);
    }
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
  copy.exchange_rates_ = exchange_rates_;
  copy.exchange_rate_year_ = exchange_rate_year_;
  // yaml-cpp's Clone drops every node's position; the copy looks positions up in the tree
  // that was parsed from the file.
  copy.parsed_root_ = parsed_root_ ? parsed_root_ : root_;
  return copy;
}

namespace {

// The node at a dotted key path ("people[1].hiring[0].month"), or an invalid node.
YAML::Node find_path(const YAML::Node& root, const std::string& key_path) {
  YAML::Node cursor = root;
  std::size_t start = 0;
  while (cursor && start <= key_path.size()) {
    const std::size_t dot = key_path.find('.', start);
    std::string key = key_path.substr(start, dot == std::string::npos ? dot : dot - start);
    std::optional<std::size_t> index;
    if (const std::size_t bracket = key.find('['); bracket != std::string::npos) {
      std::size_t parsed = 0;
      const auto [stop, error] =
          std::from_chars(key.data() + bracket + 1, key.data() + key.size(), parsed);
      if (error != std::errc()) return YAML::Node(YAML::NodeType::Undefined);
      index = parsed;
      key.resize(bracket);
    }
    if (!cursor.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    // Const lookups: yaml-cpp's non-const operator[] would add the key.
    const YAML::Node& map = cursor;
    YAML::Node next = map[key];
    // A missing key gives an invalid node, which reset() would throw on.
    if (!next.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    if (index) {
      if (!next.IsSequence() || *index >= next.size()) return YAML::Node(YAML::NodeType::Undefined);
      const YAML::Node& list = next;
      YAML::Node item = list[*index];
      next.reset(item);
    }
    cursor.reset(next);
    if (dot == std::string::npos) return cursor;
    start = dot + 1;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace

void Document::note_text_path(const std::string& key_path) const {
  text_paths_.insert(key_path);
}

void Document::note_quantity_path(const std::string& key_path, Dimension dimension,
                                  bool whole_number) const {
  quantity_paths_.emplace(key_path, dimension);
  if (whole_number) whole_number_paths_.insert(key_path);
}

SourceLoc Document::locate(const YAML::Node& node, const std::string& key_path) const {
  // An override of "hardware" covers "hardware.count" too.
  for (const auto& [path, origin] : override_origins_) {
    if (key_path == path ||
        (key_path.size() > path.size() && key_path.compare(0, path.size(), path) == 0 &&
         key_path[path.size()] == '.'))
      return origin;
  }
  // A clone's nodes all sit at 0:0 (yaml-cpp's Clone keeps no positions): look the path up in
  // the tree parsed from the file.
  if (parsed_root_) {
    // A key the file lacks is reported where its nearest parent is.
    for (std::string path = key_path; !path.empty();
         path.resize(std::min(path.size(), path.find_last_of(".[") == std::string::npos
                                               ? std::size_t{0}
                                               : path.find_last_of(".[")))) {
      const YAML::Node parsed = find_path(*parsed_root_, path);
      if (parsed.IsDefined()) return from_mark(label_, parsed.Mark());
    }
    return from_mark(label_, parsed_root_->Mark());
  }
  return from_mark(label_, node.Mark());
}

}  // namespace llmb
