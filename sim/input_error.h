// The one error type for mistakes in the user's input: a scenario file, a catalog, a --set
// override, a command-line value. The library throws it; only the CLI prints it and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace llmb {

// Where in the user's input something is; line and column are 1-based.
struct SourceLoc {
  std::string file;
  int line = 1;
  int column = 1;
};

class InputError : public std::runtime_error {
 public:
  // Renders as "FILE:LINE:COL: key.path: problem (got VALUE)"; an empty key or value is left out.
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
