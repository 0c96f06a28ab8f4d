#include "sim/output/atomic_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

#include "sim/read_input_file.h"

namespace llmb {
namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error_number) {
  throw OutputError(
      fmt::format("{}:1:1: --output: cannot {} ({})", path, what, std::strerror(error_number)));
}

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw OutputError(fmt::format("{}:1:1: --output: cannot write ({})", path, why));
}

// The live temporary files, for the SIGTERM handler: fixed slots of fixed buffers, since a
// handler may not allocate or lock. A slot is claimed by a compare-and-swap on `used`, its
// name written, then `ready` set; the handler unlinks the ready ones.
constexpr int kTempSlots = 8;
struct TempSlot {
  std::atomic<bool> used{false};
  std::atomic<bool> ready{false};
  char name[PATH_MAX + 1] = {};
};
std::array<TempSlot, kTempSlots> g_temp_slots;

extern "C" void remove_temps_and_reraise(int signal_number) {
  for (auto& slot : g_temp_slots)
    if (slot.ready.load()) ::unlink(slot.name);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void install_signal_cleanup() {
  static std::once_flag once;
  std::call_once(once, [] {
    // SIGINT too where nothing else handles it (a sweep's InterruptScope cancels instead).
    for (const int signal_number : {SIGTERM, SIGHUP, SIGINT}) {
      struct sigaction action {};
      if (::sigaction(signal_number, nullptr, &action) == 0 && action.sa_handler == SIG_DFL) {
        action.sa_handler = remove_temps_and_reraise;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0;
        ::sigaction(signal_number, &action, nullptr);
      }
    }
  });
}

int claim_temp_slot(const std::string& name) {
  if (name.size() > PATH_MAX) return -1;
  for (int i = 0; i < kTempSlots; ++i) {
    bool expected = false;
    if (g_temp_slots[i].used.compare_exchange_strong(expected, true)) {
      std::memcpy(g_temp_slots[i].name, name.c_str(), name.size() + 1);
      g_temp_slots[i].ready.store(true);
      return i;
    }
  }
  return -1;  // more outputs at once than slots: still removed on errors and SIGINT
}

void release_temp_slot(int slot) {
  if (slot < 0) return;
  g_temp_slots[slot].ready.store(false);
  g_temp_slots[slot].used.store(false);
}

}  // namespace

std::string checked_output_target(const std::string& path) {
  if (path.empty() || path.back() == '/') refuse(path, "names a directory");
  std::string target = path;
  struct stat link {};
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (!resolved) refuse(path, "a symbolic link to nothing");
    target = resolved;
    std::free(resolved);
  }
  struct stat status {};
  if (::stat(target.c_str(), &status) == 0) {
    if (S_ISDIR(status.st_mode)) refuse(path, "is a directory");
    if (!S_ISREG(status.st_mode)) refuse(path, "not a regular file: a device, FIFO or socket");
    if (is_input_file(status.st_dev, status.st_ino))
      refuse(path, "it is an input of this run; write the output elsewhere");
  }
  return target;
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  target_path_ = checked_output_target(path_);
  const std::size_t slash = target_path_.rfind('/');
  const std::string directory = slash == std::string::npos ? "" : target_path_.substr(0, slash + 1);
  const std::string base =
      slash == std::string::npos ? target_path_ : target_path_.substr(slash + 1);

  install_signal_cleanup();
  std::string pattern = directory + "." + base + ".tmp.XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  // Signals are held while the file is created and registered, so a SIGTERM in between does
  // not leave it behind.
  sigset_t hold, previous;
  sigemptyset(&hold);
  sigaddset(&hold, SIGTERM);
  sigaddset(&hold, SIGHUP);
  sigaddset(&hold, SIGINT);
  ::pthread_sigmask(SIG_BLOCK, &hold, &previous);
  const int fd = ::mkstemp(name.data());
  const int mkstemp_errno = errno;
  if (fd >= 0) {
    temp_path_ = name.data();
    temp_slot_ = claim_temp_slot(temp_path_);
  }
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0) fail(path_, "write", mkstemp_errno);
  ::fchmod(fd, 0644);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int error_number = errno;
    ::close(fd);
    ::unlink(temp_path_.c_str());
    release_temp_slot(temp_slot_);
    temp_slot_ = -1;
    fail(path_, "write", error_number);
  }
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_ && !temp_path_.empty()) ::unlink(temp_path_.c_str());
  release_temp_slot(temp_slot_);
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
  if (::rename(temp_path_.c_str(), target_path_.c_str()) != 0)
    fail(path_, "rename into place", errno);
  committed_ = true;
  release_temp_slot(temp_slot_);
  temp_slot_ = -1;
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

}  // namespace llmb
