#include "sim/read_input_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/input_error.h"

namespace llmb {

std::string read_input_file(const std::string& path) {
  // A directory opens as a stream that reads nothing; say what it is instead.
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw InputError({path, 1, 1}, "", fmt::format("cannot read file: {}", std::strerror(EISDIR)));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError({path, 1, 1}, "", fmt::format("cannot read file: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError({path, 1, 1}, "", "cannot read file: read error");
  return text.str();
}

}  // namespace llmb
