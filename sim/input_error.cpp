#include "sim/input_error.h"

#include <fmt/format.h>

namespace llmb {
namespace {

std::string render(const SourceLoc& loc, const std::string& key_path, const std::string& problem,
                   const std::string& got) {
  std::string text = fmt::format("{}:{}:{}: ", loc.file, loc.line, loc.column);
  if (!key_path.empty()) text += key_path + ": ";
  text += problem;
  if (!got.empty()) text += fmt::format(" (got {})", got);
  return text;
}

}  // namespace

InputError::InputError(const SourceLoc& loc, const std::string& key_path,
                       const std::string& problem, const std::string& got)
    : std::runtime_error(render(loc, key_path, problem, got)),
      loc_(loc),
      key_path_(key_path),
      problem_(problem),
      got_(got) {}

}  // namespace llmb
