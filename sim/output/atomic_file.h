// Output files appear whole or not at all: written beside the target, renamed when complete.
//
// The contract of -o PATH:
// - PATH names a regular file, existing or not, in a directory that exists. A directory, a
//   device (/dev/full, /dev/null), a FIFO or a socket is refused; so is any file this run read
//   as input (the scenario, the sweep's base, a catalog, the runs CSV), by inode, hard links
//   included: an output never overwrites what it was computed from.
// - A symbolic link is followed: its target (which must exist and be a regular file) is
//   replaced atomically, and the link stays a link. A link to nothing is refused.
// - The temporary file (".NAME.tmp.XXXXXX" beside the target) is removed on every error, on
//   SIGINT (a sweep cancels cleanly; elsewhere as SIGTERM) and on SIGTERM and SIGHUP (a handler
//   removes the live temporary files, then the signal takes its default course).
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

// The path an output to `path` is written to (a symbolic link's target), after checking the
// contract above; throws OutputError. Commands call it before their work, so that a bad -o is
// the only line a run prints.
std::string checked_output_target(const std::string& path);

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
  // The temporary file, for a library that writes by file name (libxlsxwriter) rather than
  // through write(); commit() still syncs and renames it.
  const std::string& temp_path() const { return temp_path_; }

 private:
  std::string path_;         // as the user gave it, for messages
  std::string target_path_;  // where it is written: a symbolic link's target
  std::string temp_path_;
  int temp_slot_ = -1;  // its entry in the table the signal handler cleans
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// The whole of `contents` to `path`, atomically.
void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace llmb
