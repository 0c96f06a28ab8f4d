#include "sim/read_input_file.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <utility>

#include "sim/input_error.h"
#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

std::mutex g_inputs_mutex;
std::set<std::pair<dev_t, ino_t>> g_inputs;

void note_input_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return;
  const std::lock_guard lock(g_inputs_mutex);
  g_inputs.emplace(status.st_dev, status.st_ino);
}

}  // namespace

bool is_input_file(dev_t device, ino_t inode) {
  const std::lock_guard lock(g_inputs_mutex);
  return g_inputs.contains({device, inode});
}

void require_utf8(std::string_view text, const std::string& label) {
  const std::size_t bad = utf8_error_offset(text);
  if (bad == std::string_view::npos) return;
  int line = 1, column = 1;
  for (std::size_t i = 0; i < bad; ++i) {
    if (text[i] == '\n') {
      ++line, column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  throw InputError({label, line, column}, "", "not UTF-8 text",
                   fmt::format("byte 0x{:02x}", static_cast<unsigned char>(text[bad])));
}

std::string read_input_file(const std::string& path) {
  // A directory opens as a stream that reads nothing; say what it is instead.
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    throw InputError({path, 1, 1}, "", fmt::format("cannot read file: {}", std::strerror(EISDIR)));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError({path, 1, 1}, "", fmt::format("cannot read file: {}", std::strerror(errno)));
  note_input_file(path);
  // Read at most one byte past the limit: enough to know the file is too large.
  std::string text;
  char buffer[1 << 16];
  while (in && text.size() <= limits::kMaxInputFileBytes) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError({path, 1, 1}, "", "cannot read file: read error");
  if (text.size() > limits::kMaxInputFileBytes)
    throw InputError({path, 1, 1}, "",
                     fmt::format("file too large: inputs are read up to {} MiB",
                                 limits::kMaxInputFileBytes >> 20));
  require_utf8(text, path);
  return text;
}

}  // namespace llmb
