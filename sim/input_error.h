// The one error type for mistakes in the user's input: a scenario file, a catalog, a --set
// override, a command-line value. The library throws it; only the CLI prints it and exits 2.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace llmb {

// Where in the user's input something is; line and column are 1-based.
struct SourceLoc {
  std::string file;
  int line = 1;
  int column = 1;
};

// `text` as one printable line of valid UTF-8: newlines, tabs and other control bytes (NUL
// included) written as \n, \t, \xNN, bytes that are not UTF-8 as \xNN, and cut after
// `max_chars` characters with "...". Every message goes through it, so one error is one line.
std::string printable_excerpt(std::string_view text, std::size_t max_chars);

// The offset of the first byte of `text` that is not well-formed UTF-8, or npos.
std::size_t utf8_error_offset(std::string_view text);

class InputError : public std::runtime_error {
 public:
  // Renders as "FILE:LINE:COL: key.path: problem (got VALUE)"; an empty key or value is left
  // out, and each part through printable_excerpt (the limits in sim/yaml/input_limits.h).
  InputError(const SourceLoc& loc, const std::string& key_path, const std::string& problem,
             const std::string& got = {});
  const SourceLoc& where() const { return loc_; }
  const std::string& key_path() const { return key_path_; }
  const std::string& problem() const { return problem_; }
  const std::string& got() const { return got_; }

 private:
  SourceLoc loc_;
  std::string key_path_;
  std::string problem_;
  std::string got_;
};

}  // namespace llmb
