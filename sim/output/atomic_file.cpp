#include "sim/output/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace llmb {
namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error_number) {
  throw OutputError(
      fmt::format("{}:1:1: --output: cannot {} ({})", path, what, std::strerror(error_number)));
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  const std::size_t slash = path_.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : path_.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  if (base.empty())
    throw OutputError(fmt::format("{}:1:1: --output: cannot write (names a directory)", path_));
  struct stat target {};
  if (::stat(path_.c_str(), &target) == 0 && S_ISDIR(target.st_mode))
    throw OutputError(fmt::format("{}:1:1: --output: cannot write (is a directory)", path_));

  std::string pattern =
      (slash == std::string::npos ? std::string() : directory) + "." + base + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) fail(path_, "write", errno);
  temp_path_ = name.data();
  ::fchmod(fd, 0644);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int error_number = errno;
    ::close(fd);
    ::unlink(temp_path_.c_str());
    fail(path_, "write", error_number);
  }
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    fail(path_, "write", errno);
}

void AtomicFile::commit() {
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0) fail(path_, "write", errno);
  if (std::fclose(file_) != 0) {
    file_ = nullptr;
    fail(path_, "write", errno);
  }
  file_ = nullptr;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) fail(path_, "rename into place", errno);
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

}  // namespace llmb
