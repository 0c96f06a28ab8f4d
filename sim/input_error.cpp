#include "sim/input_error.h"

#include <fmt/format.h>

#include "sim/yaml/input_limits.h"

namespace llmb {
namespace {

// Bytes of a well-formed UTF-8 sequence starting at text[i], or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned min_code = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2, min_code = 0x80;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3, min_code = 0x800;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4, min_code = 0x10000;
  else
    return 0;
  if (i + length > text.size()) return 0;
  unsigned code = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

std::string render(const SourceLoc& loc, const std::string& key_path, const std::string& problem,
                   const std::string& got) {
  std::string text = fmt::format("{}:{}:{}: ", printable_excerpt(loc.file, limits::kMaxEchoedChars),
                                 loc.line, loc.column);
  if (!key_path.empty()) text += printable_excerpt(key_path, limits::kMaxEchoedChars) + ": ";
  text += printable_excerpt(problem, limits::kMaxMessageChars);
  if (!got.empty())
    text += fmt::format(" (got {})", printable_excerpt(got, limits::kMaxEchoedChars));
  return text;
}

}  // namespace

std::size_t utf8_error_offset(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string printable_excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (shown >= max_chars) return out + "...";
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", c);
      i += 1;
    } else if (c == '\n') {
      out += "\\n", i += 1;
    } else if (c == '\r') {
      out += "\\r", i += 1;
    } else if (c == '\t') {
      out += "\\t", i += 1;
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
      i += 1;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
    ++shown;
  }
  return out;
}

InputError::InputError(const SourceLoc& loc, const std::string& key_path,
                       const std::string& problem, const std::string& got)
    : std::runtime_error(render(loc, key_path, problem, got)),
      loc_(loc),
      key_path_(key_path),
      problem_(problem),
      got_(got) {}

}  // namespace llmb
