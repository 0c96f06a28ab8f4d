// Output files appear whole or not at all: written beside the target, renamed when complete.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace llmb {

// Raised when an output cannot be written; the CLI reports it as an input error (exit 2),
// since the path is the user's.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Creates a temporary file in the target's directory. Throws OutputError.
  explicit AtomicFile(std::string path);
  ~AtomicFile();  // removes the temporary file unless commit() ran
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, syncs and renames onto the target. Throws OutputError.
  void commit();

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// The whole of `contents` to `path`, atomically.
void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace llmb
